package io.scalewatch.aws.access;

/** A Secrets Manager secret could not be read; the message names the secret id, never its value. */
public final class SecretReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message that is safe to log. */
    public SecretReadException(String message) {
        super(message);
    }
}
