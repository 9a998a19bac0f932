package io.scalewatch.core.policy;

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
}
