package io.scalewatch.core.suppress;

import io.scalewatch.core.report.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The suppression entries of one deployment (a validated {@link SuppressionFile}), applied to a scan's findings
 * after evaluation. Matching is plain Java over the scored findings: it needs the stable finding id (computed in
 * Java), the scan time (no {@code time.*} in Wasm rules) and the whole scan (stale entries), none of which a
 * per-chunk policy evaluation has.
 *
 * <pre>{@code
 * Suppressions suppressions = SuppressionFile.read(Path.of("suppressions.json"), clock.instant(),
 *         SuppressionFile.DEFAULT_MAX_HORIZON);
 * SuppressionResult result = suppressions.apply(findings, scanTime);
 * }</pre>
 *
 * @param source where the entries came from (shown in the summary); empty for none
 */
public record Suppressions(String source, List<Suppression> entries) {
    public Suppressions {
        source = Objects.requireNonNullElse(source, "");
        entries = List.copyOf(entries);
    }

    /** No suppressions. */
    public static Suppressions none() {
        return new Suppressions("", List.of());
    }

    /** Whether there are no entries. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * Which finding each active entry suppresses at {@code at}, which entries had expired, which are stale. The
     * first covering active entry in file order suppresses a finding; every covering entry counts as used.
     */
    public SuppressionResult apply(List<Finding> findings, Instant at) {
        Objects.requireNonNull(at, "at");
        Map<String, Suppression> byFinding = new LinkedHashMap<>();
        int[] covered = new int[entries.size()];
        for (Finding finding : findings) {
            for (int i = 0; i < entries.size(); i++) {
                Suppression entry = entries.get(i);
                if (!entry.covers(finding)) {
                    continue;
                }
                covered[i]++;
                if (entry.activeAt(at)) {
                    byFinding.putIfAbsent(finding.id(), entry);
                }
            }
        }
        List<SuppressionResult.Expired> expired = new ArrayList<>();
        List<Suppression> stale = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Suppression entry = entries.get(i);
            if (!entry.activeAt(at)) {
                expired.add(new SuppressionResult.Expired(entry, covered[i]));
            } else if (covered[i] == 0) {
                stale.add(entry);
            }
        }
        return new SuppressionResult(source, entries.size(), at, byFinding, expired, stale);
    }
}
