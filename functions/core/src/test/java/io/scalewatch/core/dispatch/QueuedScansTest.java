package io.scalewatch.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueuedScansTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "8f1a0c52-6f3e-4a8b-9c51-0d2b1e7a4c01";
    private static final String PARTIAL = "1b7e9d40-2c5a-4f11-8e3d-6a0f5c9b2d02";
    private static final String FAILED = "c3d2e1f0-9a8b-4c7d-a6e5-f4d3c2b1a003";
    private static final String INVALID = "e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7004";
    private static final String NOT_JSON = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3005";
    private static final String ARRAY = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2006";
    private static final String THROWS = "4d3c2b1a-0f9e-48d7-b6a5-4f3e2d1c0007";

    private final List<QueuedMessage> scanned = new ArrayList<>();

    /** Answers per message id as the scan handlers do; throws for one. */
    private Map<String, Object> scan(QueuedMessage message) {
        scanned.add(message);
        return switch (message.messageId()) {
            case OK -> Map.of("status", "done");
            case PARTIAL -> Map.of("status", "partial");
            case FAILED -> Map.of("status", "failed", "error", "AccessDenied (HTTP 403): not authorized\nat line 2");
            case INVALID -> Map.of("status", "invalid_config", "error", "regions: 'mars-north-1' is not a region");
            case THROWS -> throw new IllegalStateException("wiring is broken");
            default -> throw new AssertionError("a malformed body must not reach the scan: " + message.messageId());
        };
    }

    @Test
    void isSqsEvent_lambdaSqsBatch_true() {
        assertThat(QueuedScans.isSqsEvent(event("sqs-event-mixed.json"))).isTrue();
    }

    @Test
    void isSqsEvent_schedulerOverrideOrOtherRecords_false() {
        assertThat(QueuedScans.isSqsEvent(Map.of("accounts", List.of("111122223333")))).isFalse();
        assertThat(QueuedScans.isSqsEvent(Map.of())).isFalse();
        assertThat(QueuedScans.isSqsEvent(null)).isFalse();
        assertThat(QueuedScans.isSqsEvent(Map.of("Records", List.of()))).isFalse();
        assertThat(QueuedScans.isSqsEvent(Map.of("Records", List.of(Map.of("eventSource", "aws:s3"))))).isFalse();
        assertThat(QueuedScans.isSqsEvent(Map.of("Records", "aws:sqs"))).isFalse();
    }

    @Test
    void handle_mixedBatch_reportsOnlyFailedInvalidMalformedAndThrowingRecords() {
        Map<String, Object> response = QueuedScans.handle(event("sqs-event-mixed.json"), this::scan);

        assertThat(response).containsOnlyKeys("batchItemFailures");
        assertThat(response.get("batchItemFailures")).isEqualTo(List.of(
                Map.of("itemIdentifier", FAILED), Map.of("itemIdentifier", INVALID),
                Map.of("itemIdentifier", NOT_JSON), Map.of("itemIdentifier", ARRAY),
                Map.of("itemIdentifier", THROWS)));
    }

    @Test
    void run_everyRecord_scannedInOrderWithItsBodyAndDispatchAttributes() {
        QueuedScans.run(event("sqs-event-mixed.json"), this::scan);

        assertThat(scanned).extracting(QueuedMessage::messageId).containsExactly(OK, PARTIAL, FAILED, INVALID, THROWS);
        QueuedMessage first = scanned.get(0);
        assertThat(first.body())
                .isEqualTo(Map.of("accounts", List.of("111122223333"), "regions", List.of("eu-west-1")));
        assertThat(first.dispatchRunId()).isEqualTo("20261125T220000Z-7c1e2f3a");
        assertThat(first.target()).isEqualTo("aws:111122223333:eu-west-1");
        assertThat(first.receiveCount()).isEqualTo(1);
        assertThat(scanned.get(2).receiveCount()).isEqualTo(3);
    }

    @Test
    void run_failures_sayWhyOnOneLine() {
        QueuedBatch batch = QueuedScans.run(event("sqs-event-mixed.json"), this::scan);

        Map<String, QueuedOutcome> byId = new LinkedHashMap<>();
        batch.outcomes().forEach(o -> byId.put(o.messageId(), o));
        assertThat(byId.get(OK)).extracting(QueuedOutcome::status, QueuedOutcome::failed, QueuedOutcome::error)
                .containsExactly("done", false, "");
        assertThat(byId.get(PARTIAL).failed()).isFalse();
        assertThat(byId.get(FAILED).error()).isEqualTo("AccessDenied (HTTP 403): not authorized at line 2");
        assertThat(byId.get(INVALID)).extracting(QueuedOutcome::status, QueuedOutcome::error)
                .containsExactly("invalid_config", "regions: 'mars-north-1' is not a region");
        assertThat(byId.get(NOT_JSON)).extracting(QueuedOutcome::status, QueuedOutcome::failed)
                .containsExactly("malformed", true);
        assertThat(byId.get(NOT_JSON).error()).startsWith("body is not JSON: ").endsWith("expected a JSON object"
                + " (a scan config override)");
        assertThat(byId.get(ARRAY).error()).isEqualTo("body is a JSON array, expected a JSON object (a scan config"
                + " override)");
        assertThat(byId.get(THROWS)).extracting(QueuedOutcome::status, QueuedOutcome::error)
                .containsExactly("error", "IllegalStateException: wiring is broken");
        assertThat(batch.failures()).extracting(QueuedOutcome::target).containsExactly("aws:444455556666:eu-west-1",
                "aws:444455556666:mars-north-1", "aws:777788889999:eu-west-1", "aws:777788889999:eu-west-2",
                "aws:777788889999:eu-west-3");
    }

    @Test
    void handle_scanAnswersWithoutStatus_isAFailure() {
        Map<String, Object> response = QueuedScans.handle(event("sqs-event-without-attributes.json"), m -> Map.of());

        assertThat(response.get("batchItemFailures")).isEqualTo(List.of(Map.of("itemIdentifier", OK)));
    }

    @Test
    void run_noMessageAttributes_emptyRunIdAndTarget() {
        QueuedScans.run(event("sqs-event-without-attributes.json"), this::scan);

        assertThat(scanned).singleElement().satisfies(m -> {
            assertThat(m.dispatchRunId()).isEmpty();
            assertThat(m.target()).isEmpty();
        });
    }

    @Test
    void run_recordWithoutMessageId_failsWithAnEmptyIdentifierSoLambdaRetriesTheBatch() {
        Map<String, Object> record = new LinkedHashMap<>(firstRecord());
        record.remove("messageId");

        Map<String, Object> response = QueuedScans.handle(Map.of("Records", List.of(record)), this::scan);

        assertThat(response.get("batchItemFailures")).isEqualTo(List.of(Map.of("itemIdentifier", "")));
        assertThat(scanned).isEmpty();
    }

    @Test
    void run_duplicateKeysOrTrailingTokens_malformed() {
        for (String body : List.of("{\"regions\":[\"a\"],\"regions\":[\"b\"]}", "{} {}", "", "null")) {
            Map<String, Object> record = new LinkedHashMap<>(firstRecord());
            record.put("body", body);

            QueuedBatch batch = QueuedScans.run(Map.of("Records", List.of(record)), this::scan);

            assertThat(batch.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.status()).as(body).isEqualTo("malformed");
                assertThat(o.failed()).isTrue();
            });
        }
        assertThat(scanned).isEmpty();
    }

    @Test
    void run_notAnSqsEvent_throws() {
        assertThatThrownBy(() -> QueuedScans.run(Map.of("accounts", List.of()), this::scan))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an SQS event");
    }

    private Map<String, Object> firstRecord() {
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) ((List<?>) event("sqs-event-without-attributes.json")
                .get("Records")).get(0);
        return record;
    }

    /** The fixture as the Lambda runtime hands it to a Map handler: nested maps, lists and strings. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(String name) {
        try (InputStream in = QueuedScansTest.class.getResourceAsStream("/dispatch/" + name)) {
            JsonNode node = JSON.readTree(in);
            return JSON.convertValue(node, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
