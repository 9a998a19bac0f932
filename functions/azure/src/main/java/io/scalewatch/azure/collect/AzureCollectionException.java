package io.scalewatch.azure.collect;

/**
 * Collecting AzureActivity failed in a way retrying cannot fix (access denied, an unknown workspace, a query the
 * service rejects, failed authentication). The message names the workspace and the HTTP status, with service text
 * scrubbed of credentials; the collector's coverage stays honest.
 */
public final class AzureCollectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure; {@code message} must already be safe to log. */
    public AzureCollectionException(String message) {
        super(message);
    }
}
