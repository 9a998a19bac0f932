package io.scalewatch.core.scan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.normalize.ReadCounts;
import java.util.List;
import java.util.Objects;

/**
 * The policy's verdict on one scan: findings (event findings merged across chunks, then window and posture
 * findings), the merged window stats, and what each source contributed.
 *
 * @param firstEventMs time of the earliest dated in-scope event, epoch ms (0 when none)
 * @param lastEventMs time of the latest dated in-scope event, epoch ms (0 when none)
 * @param eventsWithIssues in-scope events whose normalizer tolerated something ({@code metadata.issues})
 * @param undatedEvents in-scope events whose record states no time ({@code AuditEvent.UNDATED})
 */
public record Evaluation(
        List<RuleFinding> findings,
        ObjectNode stats,
        List<SourceReport> sources,
        long eventsInScope,
        long firstEventMs,
        long lastEventMs,
        long chunks,
        long eventsWithIssues,
        long undatedEvents) {
    public Evaluation {
        findings = List.copyOf(findings);
        Objects.requireNonNull(stats, "stats");
        sources = List.copyOf(sources);
    }

    /** What every source read, summed: records read, normalized and quarantined per cloud. */
    public ReadCounts counts() {
        return sources.stream().map(SourceReport::counts).reduce(ReadCounts.none(), ReadCounts::plus);
    }
}
