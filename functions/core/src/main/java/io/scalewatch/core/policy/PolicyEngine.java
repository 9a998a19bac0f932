package io.scalewatch.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Evaluates the scalewatch policy ({@code data.scalewatch.main.result}) on one policy input document.
 * Implementations must be safe to call from several threads.
 */
public interface PolicyEngine {
    /**
     * Evaluates one input.
     *
     * @param inputJson the policy input as JSON (see {@link PolicyInputWriter})
     * @return the findings and partial stats the policy returned
     */
    PolicyResult evaluate(String inputJson);

    /**
     * Evaluates the usage report ({@code data.scalewatch.main.usage}, docs/usage.md) on one window/posture
     * input: one entry per posture, as the policy returns it. Engines without that entrypoint (test doubles)
     * return an empty array, which is also what the policy returns for an input without postures.
     *
     * @param inputJson the window/posture input ({@link PolicyInputWriter#window})
     */
    default JsonNode usage(String inputJson) {
        return JsonNodeFactory.instance.arrayNode();
    }
}
