package io.scalewatch.aws.checkpoint;

/** S3 failed to read or write a baseline for another reason than a concurrent run or a corrupt object. */
public final class BaselineStoreException extends RuntimeException {
    public BaselineStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
