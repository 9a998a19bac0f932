package io.scalewatch.core.policy;

/** The policy could not evaluate an input (Wasm abort, memory cap, malformed result). */
public final class PolicyEvaluationException extends RuntimeException {
    public PolicyEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
