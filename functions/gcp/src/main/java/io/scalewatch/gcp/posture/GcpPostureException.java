package io.scalewatch.gcp.posture;

/**
 * The service account's IAM posture could not be collected (a project's or the account's own policy unreadable,
 * retries spent, an answer that is not the API's shape). The message names the call and the HTTP status and
 * Google error status; it carries no credentials or tokens.
 */
public final class GcpPostureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a safe message. */
    public GcpPostureException(String message) {
        super(message);
    }
}
