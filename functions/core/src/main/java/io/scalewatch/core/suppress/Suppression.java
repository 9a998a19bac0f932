package io.scalewatch.core.suppress;

import io.scalewatch.core.report.Finding;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a suppression file: which findings it covers (rule glob and optional cloud, account, region,
 * resource globs or one finding id), who owns the decision, why, and until when.
 *
 * @param index position of the entry in its file (0-based), as messages and the summary name it
 * @param rule rule id glob, matched ignoring case (e.g. {@code SW-L4-003}, {@code SW-L6-*})
 * @param cloud {@code aws}, {@code gcp} or {@code azure}; empty for any
 * @param account account / project / subscription glob; empty for any
 * @param region region glob; empty for any (a posture finding has no region: only an empty or {@code *}
 *     selector matches it)
 * @param resource glob over the finding's resource; empty for any
 * @param findingId one finding's stable id ({@code sw-...}); empty for any
 * @param expires the instant from which the entry no longer suppresses
 * @param created when the entry was written; {@code null} when the file does not say (see {@link #createdAt()})
 */
public record Suppression(
        int index,
        String rule,
        String cloud,
        String account,
        String region,
        String resource,
        String findingId,
        String owner,
        String reason,
        Instant expires,
        Instant created) {
    public Suppression {
        if (index < 0) {
            throw new IllegalArgumentException("suppression index must be >= 0, got " + index);
        }
        rule = requireText(rule, "rule");
        cloud = Objects.requireNonNullElse(cloud, "");
        account = Objects.requireNonNullElse(account, "");
        region = Objects.requireNonNullElse(region, "");
        resource = Objects.requireNonNullElse(resource, "");
        findingId = Objects.requireNonNullElse(findingId, "");
        owner = requireText(owner, "owner");
        reason = requireText(reason, "reason");
        Objects.requireNonNull(expires, "expires");
        if (created != null && created.isAfter(expires)) {
            throw new IllegalArgumentException("suppression " + index + ": created " + created
                    + " is after expires " + expires);
        }
    }

    /** When the entry was written, if the file says. */
    public Optional<Instant> createdAt() {
        return Optional.ofNullable(created);
    }

    /** Whether the entry still suppresses at {@code at} (it expires at {@link #expires()}, exclusive). */
    public boolean activeAt(Instant at) {
        return at.isBefore(expires);
    }

    /** Whether the finding is one this entry names, ignoring expiry. */
    public boolean covers(Finding finding) {
        var rf = finding.rule();
        return Glob.matches(rule, rf.ruleId(), true)
                && (cloud.isEmpty() || cloud.equalsIgnoreCase(rf.cloud().provider().id()))
                && (account.isEmpty() || Glob.matches(account, rf.cloud().account(), false))
                && (region.isEmpty() || Glob.matches(region, rf.cloud().region(), false))
                && (resource.isEmpty() || Glob.matches(resource, rf.resource(), false))
                && (findingId.isEmpty() || findingId.equals(finding.id()));
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("suppression field '" + field + "' must be a non-empty string, got '"
                    + value + "'");
        }
        return value;
    }
}
