package io.scalewatch.core.dispatch;

import java.util.Objects;

/**
 * What became of one SQS record.
 *
 * @param messageId the SQS message id (empty when the record had none)
 * @param dispatchRunId the dispatch run that enqueued it, empty when unknown
 * @param target the dispatcher's name of the target, empty when unknown
 * @param receiveCount SQS's receive count, this delivery included (0 when unknown)
 * @param status the scan's status ({@code done}, {@code partial}, {@code failed}, {@code invalid_config}), or
 *     {@code malformed} for a body that is not a JSON object, {@code error} for a scan that threw
 * @param failed whether SQS should deliver it again (and in the end move it to the dead-letter queue)
 * @param error one line saying why it failed, empty when it did not
 */
public record QueuedOutcome(String messageId, String dispatchRunId, String target, int receiveCount, String status,
        boolean failed, String error) {
    public QueuedOutcome {
        messageId = Objects.requireNonNullElse(messageId, "");
        dispatchRunId = Objects.requireNonNullElse(dispatchRunId, "");
        target = Objects.requireNonNullElse(target, "");
        Objects.requireNonNull(status, "status");
        error = Objects.requireNonNullElse(error, "");
    }
}
