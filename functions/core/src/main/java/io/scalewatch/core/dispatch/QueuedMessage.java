package io.scalewatch.core.dispatch;

import java.util.Map;
import java.util.Objects;

/**
 * One SQS record handed to a scan: its body (the scan handler's config override) and what the dispatcher and SQS
 * said about it.
 *
 * @param messageId the SQS message id (the partial batch response's {@code itemIdentifier})
 * @param body the body, a JSON object, as the handler's event map
 * @param dispatchRunId the dispatch run that enqueued it, empty when the message carries none
 * @param target the target the dispatcher named ({@code aws:<account>:<region>}, {@code gcp:<project>}, ...),
 *     empty when none
 * @param receiveCount how often SQS has handed it out, this time included (0 when unknown)
 */
public record QueuedMessage(String messageId, Map<String, Object> body, String dispatchRunId, String target,
        int receiveCount) {
    public QueuedMessage {
        Objects.requireNonNull(messageId, "messageId");
        body = Map.copyOf(Objects.requireNonNull(body, "body"));
        dispatchRunId = Objects.requireNonNullElse(dispatchRunId, "");
        target = Objects.requireNonNullElse(target, "");
        if (receiveCount < 0) {
            throw new IllegalArgumentException("receiveCount must be >= 0, got " + receiveCount);
        }
    }
}
