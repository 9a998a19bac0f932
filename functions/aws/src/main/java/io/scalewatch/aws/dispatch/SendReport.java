package io.scalewatch.aws.dispatch;

import java.util.List;
import java.util.Objects;

/**
 * What {@link QueueSender} could enqueue.
 *
 * @param sent messages SQS accepted
 * @param unsent targets that could not be enqueued, with the last error
 */
public record SendReport(int sent, List<Unsent> unsent) {
    /** A target that is not in the queue: its name ({@link DispatchTarget#name()}) and why. */
    public record Unsent(String target, String error) {
        public Unsent {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(error, "error");
        }
    }

    public SendReport {
        if (sent < 0) {
            throw new IllegalArgumentException("sent must be >= 0, got " + sent);
        }
        unsent = List.copyOf(unsent);
    }
}
