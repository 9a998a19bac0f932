package io.scalewatch.aws.dispatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Plays Lambda's SQS event source mapping with {@code ReportBatchItemFailures} against moto: {@code maxConcurrency}
 * pollers (the mapping's maximum concurrency: at most that many function instances run at once) each receive a
 * batch, hand it to the function as the Lambda runtime does (a map in the SQS event's shape), delete the records
 * the response does not name in {@code batchItemFailures}, and leave the named ones to come back when their
 * visibility timeout ends; the queue's redrive policy moves a record received {@code maxReceiveCount} times to the
 * dead-letter queue. A response naming an identifier that is not in the batch fails the whole batch, as in Lambda.
 *
 * <p>Time is compressed for failed records only: their visibility timeout is ended at once
 * ({@code ChangeMessageVisibilityBatch} to 0) instead of waited out, so a test gives the queue a visibility timeout
 * far longer than any batch takes (a record is never redelivered because a loaded machine was slow) and still sees
 * the retries at once.
 *
 * <p>Receives are serialized (one {@code ReceiveMessage} at a time; the batches are still processed concurrently):
 * moto's {@code ReceiveMessage} is not atomic, so two concurrent calls can both take the same visible message,
 * which SQS does not do.
 */
final class EventSourceMapping implements AutoCloseable {
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;
    private final Function<Map<String, Object>, Map<String, Object>> function;
    private final ExecutorService pollers;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Object receiving = new Object();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> responses = new CopyOnWriteArrayList<>();

    EventSourceMapping(SqsClient sqs, String queueUrl, String queueArn, int maxConcurrency, int batchSize,
            Function<Map<String, Object>, Map<String, Object>> function) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.batchSize = batchSize;
        this.function = function;
        this.pollers = Executors.newFixedThreadPool(maxConcurrency);
        for (int i = 0; i < maxConcurrency; i++) {
            pollers.submit(this::poll);
        }
    }

    /** Every response the function gave, in the order they came. */
    List<Map<String, Object>> responses() {
        return List.copyOf(responses);
    }

    /** What went wrong inside a poller (the test fails on any). */
    List<Throwable> errors() {
        return List.copyOf(errors);
    }

    private void poll() {
        while (!stopped.get()) {
            try {
                List<Message> batch;
                synchronized (receiving) {
                    batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize)
                            .waitTimeSeconds(0).messageAttributeNames("All")
                            .messageSystemAttributeNamesWithStrings("All")).messages();
                }
                if (batch.isEmpty()) {
                    Thread.sleep(50);
                    continue;
                }
                Map<String, Object> response = function.apply(event(batch));
                responses.add(response);
                Set<String> failed = failedIds(response, batch);
                List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    if (!failed.contains(batch.get(i).messageId())) {
                        done.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                                .receiptHandle(batch.get(i).receiptHandle()).build());
                    }
                }
                if (!done.isEmpty()) {
                    sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
                }
                List<ChangeMessageVisibilityBatchRequestEntry> retry = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    if (failed.contains(batch.get(i).messageId())) {
                        retry.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(String.valueOf(i))
                                .receiptHandle(batch.get(i).receiptHandle()).visibilityTimeout(0).build());
                    }
                }
                if (!retry.isEmpty()) {
                    sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(retry));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | AssertionError e) {
                errors.add(e);
            }
        }
    }

    /** The failed message ids; every id of the batch when the response is not a valid partial batch response. */
    private static Set<String> failedIds(Map<String, Object> response, List<Message> batch) {
        Set<String> inBatch = new HashSet<>();
        batch.forEach(m -> inBatch.add(m.messageId()));
        Set<String> failed = new HashSet<>();
        if (!(response.get("batchItemFailures") instanceof List<?> items)) {
            return inBatch;
        }
        for (Object item : items) {
            Object id = item instanceof Map<?, ?> map ? map.get("itemIdentifier") : null;
            if (!(id instanceof String s) || !inBatch.contains(s)) {
                return inBatch;
            }
            failed.add(s);
        }
        return failed;
    }

    /** The batch as the Lambda runtime hands an SQS event to a {@code Map} handler. */
    private Map<String, Object> event(List<Message> batch) {
        List<Object> records = new ArrayList<>();
        for (Message message : batch) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            record.put("attributes", new LinkedHashMap<>(message.attributesAsStrings()));
            Map<String, Object> attributes = new LinkedHashMap<>();
            message.messageAttributes().forEach((name, value) -> {
                Map<String, Object> attribute = new LinkedHashMap<>();
                attribute.put("stringValue", value.stringValue());
                attribute.put("stringListValues", List.of());
                attribute.put("binaryListValues", List.of());
                attribute.put("dataType", value.dataType());
                attributes.put(name, attribute);
            });
            record.put("messageAttributes", attributes);
            record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", "us-east-1");
            records.add(record);
        }
        return Map.of("Records", records);
    }

    @Override
    public void close() {
        stopped.set(true);
        pollers.shutdown();
        try {
            if (!pollers.awaitTermination(30, TimeUnit.SECONDS)) {
                pollers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pollers.shutdownNow();
        }
    }
}
