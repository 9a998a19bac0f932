package io.scalewatch.core.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What one evaluation returned: raw findings as the rules built them, and the partial stats of window
 * rules (stat name -> key -> summary) for {@link io.scalewatch.core.scan.StatsAccumulator} to merge.
 */
public record PolicyResult(List<RuleFinding> findings, ObjectNode stats) {
    public PolicyResult {
        findings = List.copyOf(findings);
        stats = stats == null ? JsonNodeFactory.instance.objectNode() : stats;
    }
}
