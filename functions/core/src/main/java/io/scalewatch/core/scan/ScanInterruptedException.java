package io.scalewatch.core.scan;

/** The scan thread was interrupted while chunks were being evaluated. */
public final class ScanInterruptedException extends RuntimeException {
    public ScanInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
