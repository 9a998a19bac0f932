package io.scalewatch.aws.access;

/**
 * scalewatch cannot act in a target account: assuming its read-only role failed (the role does not trust
 * scalewatch, the ExternalId does not match, STS is unreachable). The message names the role and the AWS
 * error code, never credentials.
 */
public final class AccountAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An account that cannot be accessed; the message names the role and why. */
    public AccountAccessException(String message) {
        super(message);
    }
}
