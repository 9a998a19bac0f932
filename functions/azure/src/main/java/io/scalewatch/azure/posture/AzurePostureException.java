package io.scalewatch.azure.posture;

/**
 * The posture of a service principal could not be read: the role assignments of the subscription are not readable,
 * retries were spent, or an answer is not what ARM sends. The message names the call, the HTTP status and ARM's
 * error code, with service text scrubbed of credentials.
 */
public final class AzurePostureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure; {@code message} must already be safe to log. */
    public AzurePostureException(String message) {
        super(message);
    }
}
