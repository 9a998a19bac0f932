package io.scalewatch.aws.checkpoint;

/** The checkpoint store could not read or write a checkpoint for another reason than a concurrent run. */
public final class CheckpointStoreException extends RuntimeException {
    public CheckpointStoreException(String message) {
        super(message);
    }

    public CheckpointStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
