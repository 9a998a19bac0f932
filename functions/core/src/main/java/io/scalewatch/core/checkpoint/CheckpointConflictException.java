package io.scalewatch.core.checkpoint;

/** Another run advanced the checkpoint since this run read it; this run's results are already published. */
public final class CheckpointConflictException extends RuntimeException {
    public CheckpointConflictException(String message) {
        super(message);
    }

    public CheckpointConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
