package io.scalewatch.aws.dispatch;

import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.aws.collect.RetryPolicy;
import io.scalewatch.aws.collect.Sleeper;
import io.scalewatch.core.dispatch.QueuedScans;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Enqueues targets with {@code SendMessageBatch}, 10 per call (SQS's limit). A batch can succeed in part: the
 * entries SQS reports as failed are sent again, alone, with backoff, up to the retry policy's attempts; an entry
 * failed by the sender's fault ({@code SenderFault}, e.g. a body too large) is not retried. A call that fails as a
 * whole is retried when the error is retryable (throttling, 5xx, connection). What could not be sent is reported,
 * never dropped unseen. Each message carries the dispatch run id and the target's name as message attributes.
 */
public final class QueueSender {
    /** Entries per SendMessageBatch call. */
    public static final int MAX_BATCH = 10;
    /** 5 attempts, 200 ms doubling to 5 s: rides out a burst of SQS throttling. */
    public static final RetryPolicy DEFAULT_RETRY = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5));
    private static final System.Logger LOG = System.getLogger(QueueSender.class.getName());

    private final SqsClient sqs;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    /** A sender with {@link #DEFAULT_RETRY}. */
    public static QueueSender create(SqsClient sqs) {
        return new QueueSender(sqs, DEFAULT_RETRY, Sleeper.system());
    }

    QueueSender(SqsClient sqs, RetryPolicy retry, Sleeper sleeper) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Sends one message per target, batched per queue, in order. */
    public SendReport send(List<DispatchTarget> targets, String dispatchRunId) {
        Map<String, List<DispatchTarget>> byQueue = new LinkedHashMap<>();
        targets.forEach(t -> byQueue.computeIfAbsent(t.queueUrl(), q -> new ArrayList<>()).add(t));
        int sent = 0;
        List<SendReport.Unsent> unsent = new ArrayList<>();
        for (Map.Entry<String, List<DispatchTarget>> queue : byQueue.entrySet()) {
            List<DispatchTarget> all = queue.getValue();
            for (int from = 0; from < all.size(); from += MAX_BATCH) {
                List<DispatchTarget> batch = all.subList(from, Math.min(all.size(), from + MAX_BATCH));
                sent += sendBatch(queue.getKey(), batch, dispatchRunId, unsent);
            }
        }
        return new SendReport(sent, unsent);
    }

    /** Sends one batch, retrying failed entries; adds what stays unsent to {@code unsent}; returns how many went. */
    private int sendBatch(String queueUrl, List<DispatchTarget> batch, String runId, List<SendReport.Unsent> unsent) {
        Map<String, DispatchTarget> pending = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            pending.put(String.valueOf(i), batch.get(i)); // entry ids are unique within one call
        }
        Map<String, String> lastError = new LinkedHashMap<>();
        int sent = 0;
        for (int attempt = 1; attempt <= retry.maxAttempts() && !pending.isEmpty(); attempt++) {
            if (attempt > 1 && !pause(attempt - 1)) {
                break;
            }
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries(pending, runId)));
            } catch (SdkException e) {
                String error = AwsErrors.describe(e);
                pending.keySet().forEach(id -> lastError.put(id, error));
                if (!AwsErrors.isRetryable(e)) {
                    break;
                }
                continue;
            }
            for (SendMessageBatchResultEntry ok : response.successful()) {
                if (pending.remove(ok.id()) != null) {
                    sent++;
                }
            }
            for (BatchResultErrorEntry failed : response.failed()) {
                String error = AwsErrors.scrub(failed.code()) + ": " + AwsErrors.scrub(failed.message());
                DispatchTarget target = pending.get(failed.id());
                if (target == null) {
                    continue;
                }
                if (Boolean.TRUE.equals(failed.senderFault())) { // the same message would fail again
                    pending.remove(failed.id());
                    unsent.add(unsent(target, error + " (sender fault, not retried)"));
                } else {
                    lastError.put(failed.id(), error);
                }
            }
        }
        for (Map.Entry<String, DispatchTarget> left : pending.entrySet()) {
            unsent.add(unsent(left.getValue(), lastError.getOrDefault(left.getKey(), "not sent")));
        }
        return sent;
    }

    private static List<SendMessageBatchRequestEntry> entries(Map<String, DispatchTarget> pending, String runId) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        pending.forEach((id, target) -> {
            SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder().id(id)
                    .messageBody(target.body())
                    .messageAttributes(Map.of(
                            QueuedScans.DISPATCH_RUN_ID_ATTRIBUTE, text(runId),
                            QueuedScans.TARGET_ATTRIBUTE, text(target.name())));
            if (target.queueUrl().endsWith(".fifo")) {
                // One group per target: SQS hands a group's next message out only after the last one is done,
                // so two runs of one target never overlap; one dispatch run enqueues a target once.
                entry.messageGroupId(target.name()).messageDeduplicationId(runId + "|" + target.name());
            }
            entries.add(entry.build());
        });
        return entries;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static SendReport.Unsent unsent(DispatchTarget target, String error) {
        LOG.log(Level.WARNING, () -> "event=target_unsent target=" + target.name() + " error=\""
                + error.replace('"', '\'') + "\"");
        return new SendReport.Unsent(target.name(), error);
    }

    /** Waits before the next attempt; false when interrupted (what is pending is then reported unsent). */
    private boolean pause(int failedAttempts) {
        try {
            sleeper.sleep(retry.backoff(failedAttempts, ThreadLocalRandom.current().nextDouble()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
