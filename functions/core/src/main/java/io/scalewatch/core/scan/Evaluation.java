package io.scalewatch.core.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
 * @param timeline in-scope events counted per time bucket (the HTML report's timeline)
 * @param evidenceEvents a bounded sample of the events behind the findings (the HTML report's evidence)
 * @param usage the usage report ({@code data.scalewatch.main.usage}, docs/usage.md) as the policy returned it:
 *     one entry per posture, an empty array without postures
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
        long undatedEvents,
        ActivityHistogram timeline,
        EvidenceEvents evidenceEvents,
        JsonNode usage) {
    public Evaluation {
        findings = List.copyOf(findings);
        Objects.requireNonNull(stats, "stats");
        sources = List.copyOf(sources);
        timeline = Objects.requireNonNullElse(timeline, ActivityHistogram.EMPTY);
        evidenceEvents = Objects.requireNonNullElse(evidenceEvents, EvidenceEvents.NONE);
        usage = usage == null ? JsonNodeFactory.instance.arrayNode() : usage;
        if (!usage.isArray()) {
            throw new IllegalArgumentException("usage must be the array the policy returns (one entry per posture), "
                    + "got " + usage.getNodeType());
        }
    }

    /** An evaluation without a usage report (callers that build one by hand). */
    public Evaluation(List<RuleFinding> findings, ObjectNode stats, List<SourceReport> sources, long eventsInScope,
            long firstEventMs, long lastEventMs, long chunks, long eventsWithIssues, long undatedEvents,
            ActivityHistogram timeline, EvidenceEvents evidenceEvents) {
        this(findings, stats, sources, eventsInScope, firstEventMs, lastEventMs, chunks, eventsWithIssues,
                undatedEvents, timeline, evidenceEvents, null);
    }

    /** An evaluation without timeline or evidence events (callers that build one by hand). */
    public Evaluation(List<RuleFinding> findings, ObjectNode stats, List<SourceReport> sources, long eventsInScope,
            long firstEventMs, long lastEventMs, long chunks, long eventsWithIssues, long undatedEvents) {
        this(findings, stats, sources, eventsInScope, firstEventMs, lastEventMs, chunks, eventsWithIssues,
                undatedEvents, ActivityHistogram.EMPTY, EvidenceEvents.NONE, null);
    }

    /** What every source read, summed: records read, normalized and quarantined per cloud. */
    public ReadCounts counts() {
        return sources.stream().map(SourceReport::counts).reduce(ReadCounts.none(), ReadCounts::plus);
    }
}
