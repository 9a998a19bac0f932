package io.scalewatch.core.event;

import java.util.Objects;

/**
 * One IAM permission the cloud checked for a call and whether it was granted (GCP
 * {@code protoPayload.authorizationInfo[]}), so rules can tell used permissions from denied ones.
 */
public record PermissionCheck(String permission, boolean granted) {
    public PermissionCheck {
        Objects.requireNonNull(permission, "permission");
        if (permission.isBlank()) {
            throw new IllegalArgumentException("permission must be a non-blank IAM permission such as "
                    + "compute.instances.create, got '" + permission + "'");
        }
    }
}
