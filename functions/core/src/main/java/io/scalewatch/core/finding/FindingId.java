package io.scalewatch.core.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable finding ids: the same rule, identity, cloud location and resource always give the same id, so a
 * retried or overlapping window updates a finding instead of duplicating it (DESIGN.md §2, §7).
 */
public final class FindingId {
    private FindingId() {}

    /**
     * The id of a finding.
     *
     * @param ruleKey the rule finding's key (rule id, cloud, account, region, resource)
     * @param identity the watched identity as normalized by the matcher
     */
    public static String of(String ruleKey, String identity) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(identity.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(ruleKey.getBytes(StandardCharsets.UTF_8));
            return "sw-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
