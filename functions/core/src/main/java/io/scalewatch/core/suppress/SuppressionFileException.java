package io.scalewatch.core.suppress;

/** A suppression file that cannot be read or is not valid; the message names the entry, field and value. */
public class SuppressionFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SuppressionFileException(String message) {
        super(message);
    }

    public SuppressionFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
