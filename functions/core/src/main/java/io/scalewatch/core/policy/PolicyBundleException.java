package io.scalewatch.core.policy;

/** The compiled policy bundle is missing or unusable. */
public final class PolicyBundleException extends RuntimeException {
    public PolicyBundleException(String message) {
        super(message);
    }

    public PolicyBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
