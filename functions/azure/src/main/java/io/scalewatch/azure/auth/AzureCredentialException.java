package io.scalewatch.azure.auth;

/**
 * A credential could not be built: the secret could not be read or is not of the configured form. The message names
 * tenant, client and secret id, never the secret's content; the supplier's own exception is named by type only, not
 * chained, since its message could quote what it read.
 */
public final class AzureCredentialException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message that is safe to log. */
    public AzureCredentialException(String message) {
        super(message);
    }
}
