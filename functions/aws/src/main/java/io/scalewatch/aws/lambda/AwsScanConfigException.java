package io.scalewatch.aws.lambda;

import io.scalewatch.core.run.ScanConfigException;

/**
 * The scan's configuration cannot be used: a field is missing, malformed or contradicts another. The message
 * names the field, where it came from (event, S3 config object, environment variable) and what is valid; it
 * never shows the external id.
 */
public final class AwsScanConfigException extends ScanConfigException {
    private static final long serialVersionUID = 1L;

    /** A config problem, described for whoever deploys the function. */
    public AwsScanConfigException(String message) {
        super(message);
    }
}
