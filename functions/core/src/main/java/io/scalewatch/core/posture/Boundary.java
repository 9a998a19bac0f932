package io.scalewatch.core.posture;

import java.util.List;

/**
 * What caps the identity's grants: an AWS permissions boundary, SCP statements, Azure deny assignments.
 * {@link #NONE} when nothing caps them.
 *
 * @param sources policy ARNs / deny-assignment ids the grants come from
 * @param grants the capping statements
 */
public record Boundary(List<String> sources, List<Grant> grants) {
    /** No boundary. */
    public static final Boundary NONE = new Boundary(List.of(), List.of());

    public Boundary {
        sources = List.copyOf(sources);
        grants = List.copyOf(grants);
    }

    /** True when some boundary is in place. */
    public boolean present() {
        return !sources.isEmpty() || !grants.isEmpty();
    }
}
