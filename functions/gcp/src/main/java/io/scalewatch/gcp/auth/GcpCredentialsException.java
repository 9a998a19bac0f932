package io.scalewatch.gcp.auth;

/**
 * Google credentials could not be set up from the configured source. The message says which source and what is
 * wrong with its shape (a field missing, a wrong type); it never quotes the secret, the key or its id.
 */
public final class GcpCredentialsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a safe message. */
    public GcpCredentialsException(String message) {
        super(message, null, false, false);
    }
}
