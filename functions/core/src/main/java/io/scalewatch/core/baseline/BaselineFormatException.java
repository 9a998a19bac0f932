package io.scalewatch.core.baseline;

/** A stored baseline (or a {@code seen_*} stat) is not in the expected shape; the message names the field. */
public final class BaselineFormatException extends RuntimeException {
    public BaselineFormatException(String message) {
        super(message);
    }

    public BaselineFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
