package io.scalewatch.aws.collect;

/**
 * A collector met an error that retrying will not fix (access denied, an unknown event data store, a
 * failed Lake query). The message names the source and the AWS error code, scrubbed of credentials. What
 * was handed to the sink before stays handed, and the collector's {@code report()} stays valid.
 */
public final class CloudTrailCollectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A collection that cannot go on; the message says which source and why. */
    public CloudTrailCollectionException(String message) {
        super(message);
    }
}
