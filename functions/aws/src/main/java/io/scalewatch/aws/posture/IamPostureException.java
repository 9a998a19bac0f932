package io.scalewatch.aws.posture;

/**
 * The watched identity's IAM posture cannot be collected: the role does not exist, or IAM refused or failed
 * a call that the posture cannot do without. The message names the role, the call and the AWS error code,
 * scrubbed of credentials.
 */
public final class IamPostureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A posture that cannot be collected; the message says which role and why. */
    public IamPostureException(String message) {
        super(message);
    }
}
