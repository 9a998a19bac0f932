package io.scalewatch.core.baseline;

/** Another run saved the baseline since this run loaded it; this run's fold is not saved. */
public final class BaselineConflictException extends RuntimeException {
    public BaselineConflictException(String message) {
        super(message);
    }

    public BaselineConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
