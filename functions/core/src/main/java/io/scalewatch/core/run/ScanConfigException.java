package io.scalewatch.core.run;

/**
 * A scheduled scan's configuration cannot be used: a field is missing, malformed or contradicts another. The
 * message names the field, where it came from (event, config object, environment variable) and what is valid; it
 * never shows a secret. The invocation answers {@code invalid_config} with it and runs nothing.
 */
public class ScanConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A config problem, described for whoever deploys the function. */
    public ScanConfigException(String message) {
        super(message);
    }
}
