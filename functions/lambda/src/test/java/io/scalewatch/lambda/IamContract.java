package io.scalewatch.lambda;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Compares a role's code statements with the IAM actions its code needs: both ways, exactly. */
final class IamContract {
    /**
     * How a role and its code part ways.
     *
     * @param missing actions the code needs that no code statement grants
     * @param unused actions code statements grant that no reachable call needs
     */
    record Drift(Set<String> missing, Set<String> unused) {
        Drift {
            missing = Set.copyOf(missing);
            unused = Set.copyOf(unused);
        }
    }

    private IamContract() {}

    static Drift drift(Permissions permissions, Set<String> needed) {
        Set<String> granted = permissions.codeActions();
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(granted);
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(needed);
        return new Drift(missing, unused);
    }

    /** A message naming what is missing and what is granted without a call, or empty when they match. */
    static Optional<String> mismatch(Permissions permissions, Set<String> needed) {
        Drift drift = drift(permissions, needed);
        if (drift.missing().isEmpty() && drift.unused().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder(permissions.file().toString()).append(':');
        if (!drift.missing().isEmpty()) {
            message.append(" the code calls AWS APIs the role does not grant: ").append(new TreeSet<>(drift.missing()))
                    .append(" (add them to a statement with source code, scoped to the resources the call needs);");
        }
        if (!drift.unused().isEmpty()) {
            message.append(" code statements grant actions no reachable SDK call needs: ")
                    .append(new TreeSet<>(drift.unused()))
                    .append(" (remove them, or move them to a platform statement that says why);");
        }
        return Optional.of(message.toString());
    }
}
