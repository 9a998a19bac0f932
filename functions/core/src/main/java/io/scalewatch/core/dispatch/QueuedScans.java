package io.scalewatch.core.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs a scan function fed by an SQS queue (a Lambda event source mapping with {@code ReportBatchItemFailures}):
 * each record's body is one scan invocation's config override, and the answer is SQS's partial batch response
 * naming the records whose scan {@code failed}, so SQS delivers them again and, after the queue's
 * {@code maxReceiveCount}, moves them to the dead-letter queue. A {@code done} or {@code partial} scan succeeded
 * (a partial one checkpointed where it stopped). A record whose body is not a JSON object, whose scan answers
 * {@code invalid_config} or no status, or whose scan throws, is a failure of that record only. A scan's
 * {@code error} is logged as given: the scan scrubs credentials from it (the AWS scan does), and should answer
 * rather than throw, since an exception's message is logged too.
 *
 * <pre>{@code
 * if (QueuedScans.isSqsEvent(event)) {
 *     return QueuedScans.handle(event, message -> scan(message.body()));   // a scan's result map
 * }
 * }</pre>
 */
public final class QueuedScans {
    /** Message attribute naming the dispatch run that enqueued a target. */
    public static final String DISPATCH_RUN_ID_ATTRIBUTE = "scalewatch.dispatchRunId";
    /** Message attribute naming the target ({@code aws:<account>:<region>}, {@code gcp:<project>}, ...). */
    public static final String TARGET_ATTRIBUTE = "scalewatch.target";
    /** The {@code eventSource} of an SQS record in a Lambda event. */
    public static final String SQS_EVENT_SOURCE = "aws:sqs";
    /** Scan statuses after which the message is done with (deleted). */
    public static final Set<String> SUCCEEDED = Set.of("done", "partial");

    private static final System.Logger LOG = System.getLogger(QueuedScans.class.getName());
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_ERROR = 500;

    private QueuedScans() {}

    /**
     * True when the event is an SQS batch as Lambda hands it over: a {@code Records} list whose records come from
     * {@code aws:sqs}. Anything else (a scheduler's config override) is not.
     */
    public static boolean isSqsEvent(Map<String, Object> event) {
        if (event == null || !(event.get("Records") instanceof List<?> records) || records.isEmpty()) {
            return false;
        }
        return records.stream().allMatch(r -> r instanceof Map<?, ?> record
                && SQS_EVENT_SOURCE.equals(record.get("eventSource")));
    }

    /** Runs every record and answers with the partial batch response ({@link QueuedBatch#toResponse()}). */
    public static Map<String, Object> handle(Map<String, Object> event,
            Function<QueuedMessage, Map<String, Object>> scan) {
        return run(event, scan).toResponse();
    }

    /**
     * Runs every record, one after the other, and says what became of each.
     *
     * @param scan runs one body as a scan invocation and returns its result map (with a {@code status})
     * @throws IllegalArgumentException when the event is not an SQS batch ({@link #isSqsEvent})
     */
    public static QueuedBatch run(Map<String, Object> event, Function<QueuedMessage, Map<String, Object>> scan) {
        Objects.requireNonNull(scan, "scan");
        if (!isSqsEvent(event)) {
            throw new IllegalArgumentException("not an SQS event: expected 'Records' from " + SQS_EVENT_SOURCE);
        }
        List<QueuedOutcome> outcomes = new ArrayList<>();
        for (Object item : (List<?>) event.get("Records")) {
            QueuedOutcome outcome = runRecord((Map<?, ?>) item, scan);
            outcomes.add(outcome);
            log(outcome);
        }
        QueuedBatch batch = new QueuedBatch(outcomes);
        LOG.log(Level.INFO, () -> "event=queued_batch records=" + outcomes.size() + " failed="
                + batch.failures().size());
        return batch;
    }

    private static QueuedOutcome runRecord(Map<?, ?> record, Function<QueuedMessage, Map<String, Object>> scan) {
        String messageId = text(record.get("messageId"));
        String runId = attribute(record, DISPATCH_RUN_ID_ATTRIBUTE);
        String target = attribute(record, TARGET_ATTRIBUTE);
        int receiveCount = receiveCount(record);
        if (messageId.isEmpty()) {
            return new QueuedOutcome("", runId, target, receiveCount, "malformed", true,
                    "record has no messageId: the whole batch is retried");
        }
        Map<String, Object> body;
        try {
            body = bodyOf(record.get("body"));
        } catch (MalformedBodyException e) {
            return new QueuedOutcome(messageId, runId, target, receiveCount, "malformed", true, e.getMessage());
        }
        Map<String, Object> result;
        try {
            result = scan.apply(new QueuedMessage(messageId, body, runId, target, receiveCount));
        } catch (RuntimeException e) {
            return new QueuedOutcome(messageId, runId, target, receiveCount, "error", true,
                    oneLine(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        Object status = result == null ? null : result.get("status");
        if (!(status instanceof String s) || s.isBlank()) {
            return new QueuedOutcome(messageId, runId, target, receiveCount, "error", true,
                    "the scan answered without a status");
        }
        boolean failed = !SUCCEEDED.contains(s);
        String error = failed ? oneLine(text(result.get("error"))) : "";
        return new QueuedOutcome(messageId, runId, target, receiveCount, s, failed,
                failed && error.isEmpty() ? "the scan ended " + s : error);
    }

    /** The body as an event map: it must be a JSON object. */
    private static Map<String, Object> bodyOf(Object body) {
        if (!(body instanceof String text) || text.isBlank()) {
            throw new MalformedBodyException("body is empty: expected a JSON object (a scan config override)");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("body is not JSON: " + oneLine(e.getOriginalMessage())
                    + "; expected a JSON object (a scan config override)");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedBodyException("body is a JSON " + (node == null ? "nothing" : node.getNodeType()
                    .toString().toLowerCase(Locale.ROOT)) + ", expected a JSON object (a scan config override)");
        }
        return objectOf(node);
    }

    private static Map<String, Object> objectOf(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            out.put(field.getKey(), valueOf(field.getValue()));
        }
        return out;
    }

    private static Object valueOf(JsonNode node) {
        if (node.isObject()) {
            return objectOf(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(valueOf(element)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return null; // JSON null: the config loaders read null as "sets nothing"
    }

    private static String attribute(Map<?, ?> record, String name) {
        if (record.get("messageAttributes") instanceof Map<?, ?> attributes
                && attributes.get(name) instanceof Map<?, ?> attribute) {
            return text(attribute.get("stringValue"));
        }
        return "";
    }

    private static int receiveCount(Map<?, ?> record) {
        if (record.get("attributes") instanceof Map<?, ?> attributes) {
            try {
                return Math.max(0, Integer.parseInt(text(attributes.get("ApproximateReceiveCount"))));
            } catch (NumberFormatException e) {
                return 0; // informational only
            }
        }
        return 0;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_ERROR + 3));
        for (int i = 0; i < text.length() && out.length() < MAX_ERROR; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > MAX_ERROR) {
            out.append("...");
        }
        return out.toString();
    }

    private static void log(QueuedOutcome o) {
        LOG.log(o.failed() ? Level.WARNING : Level.INFO, () -> "event=queued_record message_id=" + o.messageId()
                + " dispatch_run_id=" + o.dispatchRunId() + " target=" + o.target() + " receive_count="
                + o.receiveCount() + " status=" + o.status() + " failed=" + o.failed()
                + (o.error().isEmpty() ? "" : " error=\"" + o.error().replace('"', '\'') + "\""));
    }

    /** A record body that is not a scan config override. */
    private static final class MalformedBodyException extends RuntimeException {
        MalformedBodyException(String message) {
            super(message);
        }
    }
}
