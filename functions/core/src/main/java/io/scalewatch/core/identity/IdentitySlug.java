package io.scalewatch.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A path-safe, stable slug of an identity for object keys and tags: the lowercased identity with every run of
 * other characters than {@code [a-z0-9]} turned into {@code -}, its last 48 characters, plus a 12-hex-digit
 * SHA-256 prefix of the identity as typed, so ARNs and emails never need escaping and two identities that
 * read alike still differ.
 *
 * <pre>{@code
 * IdentitySlug.of("arn:aws:iam::111122223333:role/castai-eks-demo")
 *     // "arn-aws-iam-111122223333-role-castai-eks-demo-<12 hex>"
 * }</pre>
 */
public final class IdentitySlug {
    private static final int READABLE_CHARS = 48;

    private IdentitySlug() {}

    /** The slug of {@code identity}; the same identity always gives the same slug. */
    public static String of(String identity) {
        Objects.requireNonNull(identity, "identity");
        String readable = identity.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        if (readable.length() > READABLE_CHARS) {
            readable = readable.substring(readable.length() - READABLE_CHARS);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return readable.replaceAll("^-+|-+$", "") + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
