package io.scalewatch.core.checkpoint;

import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentitySlug;
import java.util.Objects;

/**
 * What a checkpoint tracks: one identity's activity in one account / project / subscription and region.
 *
 * @param region the region, or {@code global} where the source is not regional
 */
public record CheckpointKey(CloudProvider cloud, String account, String region, String identity) {
    public CheckpointKey {
        Objects.requireNonNull(cloud, "cloud");
        requireText(account, "account");
        requireText(region, "region");
        requireText(identity, "identity");
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("checkpoint " + field + " must not be blank");
        }
    }

    /**
     * A path-safe, stable slug of the identity ({@link IdentitySlug}): readable prefix plus a short hash, so
     * ARNs and emails never need escaping in S3 keys.
     */
    public String identitySlug() {
        return IdentitySlug.of(identity);
    }
}
