package io.scalewatch.gcp.collect;

/**
 * Reading Cloud Logging failed in a way retrying cannot fix (permission denied, an invalid filter, an unknown
 * resource). The message names the resource and the gRPC status; it carries no entry content or credentials.
 */
public final class CloudLoggingCollectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a safe message. */
    public CloudLoggingCollectionException(String message) {
        super(message);
    }
}
