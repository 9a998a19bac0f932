package io.scalewatch.core.checkpoint;

import io.scalewatch.core.event.CloudProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
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
     * A path-safe, stable slug of the identity: readable prefix plus a short hash, so ARNs and emails never
     * need escaping in S3 keys.
     */
    public String identitySlug() {
        String readable = identity.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        readable = readable.length() > 48 ? readable.substring(readable.length() - 48) : readable;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return readable.replaceAll("^-+|-+$", "") + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
