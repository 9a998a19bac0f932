package io.scalewatch.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
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

    /**
     * Reads the value of {@code data.scalewatch.main.result} as the Wasm engine or {@code opa eval} returns it.
     *
     * @throws PolicyEvaluationException when it is not a result object
     */
    public static PolicyResult fromJson(JsonNode result) {
        if (!result.isObject()) {
            throw new PolicyEvaluationException("policy returned no result object (is the entrypoint "
                    + WasmPolicyEngine.ENTRYPOINT + " defined?)", null);
        }
        List<RuleFinding> findings = new ArrayList<>();
        for (JsonNode node : result.path("findings")) {
            findings.add(RuleFinding.fromJson(node));
        }
        JsonNode stats = result.path("stats");
        return new PolicyResult(findings, stats.isObject() ? (ObjectNode) stats : null);
    }
}
