package io.scalewatch.core.scan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.policy.RuleFinding;
import java.util.List;
import java.util.Objects;

/**
 * The policy's verdict on one scan: findings (event findings merged across chunks, then window and posture
 * findings), the merged window stats, and what each source contributed.
 *
 * @param firstEventMs time of the earliest in-scope event, epoch ms (0 when none)
 * @param lastEventMs time of the latest in-scope event, epoch ms (0 when none)
 */
public record Evaluation(
        List<RuleFinding> findings,
        ObjectNode stats,
        List<SourceReport> sources,
        long eventsInScope,
        long firstEventMs,
        long lastEventMs,
        long chunks) {
    public Evaluation {
        findings = List.copyOf(findings);
        Objects.requireNonNull(stats, "stats");
        sources = List.copyOf(sources);
    }
}
