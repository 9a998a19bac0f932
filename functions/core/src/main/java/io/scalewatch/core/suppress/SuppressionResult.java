package io.scalewatch.core.suppress;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the suppressions of a scan did: which entry suppressed which finding, which entries had expired (and how
 * many findings they would have covered), and which active entries covered nothing (stale).
 *
 * @param source where the entries came from (a path or {@code s3://} URL); empty when the scan had none
 * @param entries how many entries the file holds
 * @param evaluatedAt the scan time expiry was judged at
 * @param byFindingId the entry that suppresses each suppressed finding (the first covering entry in file order)
 * @param expired entries whose expiry had passed at {@code evaluatedAt}, in file order
 * @param stale active entries that covered no finding of the scan, in file order
 */
public record SuppressionResult(
        String source,
        int entries,
        Instant evaluatedAt,
        Map<String, Suppression> byFindingId,
        List<Expired> expired,
        List<Suppression> stale) {
    public SuppressionResult {
        source = Objects.requireNonNullElse(source, "");
        if (entries < 0) {
            throw new IllegalArgumentException("entries must be >= 0, got " + entries);
        }
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        byFindingId = Map.copyOf(byFindingId);
        expired = List.copyOf(expired);
        stale = List.copyOf(stale);
    }

    /** The result of a scan without suppressions. */
    public static SuppressionResult none() {
        return new SuppressionResult("", 0, Instant.EPOCH, Map.of(), List.of(), List.of());
    }

    /** The entry that suppresses the finding with this id, if one does. */
    public Optional<Suppression> of(String findingId) {
        return Optional.ofNullable(byFindingId.get(findingId));
    }

    /**
     * An entry past its expiry. It suppressed nothing; the findings it covers were raised.
     *
     * @param wouldMatch findings of the scan the entry covers (raised again because it expired)
     */
    public record Expired(Suppression suppression, int wouldMatch) {
        public Expired {
            Objects.requireNonNull(suppression, "suppression");
            if (wouldMatch < 0) {
                throw new IllegalArgumentException("wouldMatch must be >= 0, got " + wouldMatch);
            }
        }
    }
}
