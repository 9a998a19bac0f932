package io.scalewatch.cli.coverage;

/** The coverage data files are missing, malformed or out of step with the rules or the corpus. */
public final class CoverageDataException extends RuntimeException {
    public CoverageDataException(String message) {
        super(message);
    }

    public CoverageDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
