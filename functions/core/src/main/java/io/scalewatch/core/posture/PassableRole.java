package io.scalewatch.core.posture;

import java.util.List;
import java.util.Objects;

/**
 * A role the watched identity may hand to a compute service (AWS {@code iam:PassRole} to EC2): an instance
 * launched with it runs with the role's permissions, so they are part of what the identity can reach.
 *
 * @param role the passable role's own posture (grants, trust, boundary, tags); its passable roles are empty
 * @param via the identity's grant sources (policy ARN + statement) that allow passing it; never empty
 */
public record PassableRole(Posture role, List<String> via) {
    public PassableRole {
        Objects.requireNonNull(role, "role");
        via = List.copyOf(via);
        if (via.isEmpty()) {
            throw new IllegalArgumentException("via of passable role " + role.identity()
                    + " must name at least one grant source that allows passing it, got []");
        }
        if (!role.passableRoles().isEmpty()) {
            throw new IllegalArgumentException("passable role " + role.identity()
                    + " must not carry passable roles of its own (only the watched identity's are judged), got "
                    + role.passableRoles().size());
        }
    }
}
