package io.scalewatch.aws.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.aws.FaultInjectingProxy.Response;
import io.scalewatch.aws.FaultInjectingProxy;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.SinkFixtures;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.ScanReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

/**
 * Security Hub faults injected between the SDK and the emulator: throttling, partial FailedFindings and
 * oversize findings, each retried or reported.
 */
class SecurityHubSinkFaultsFunctionalTest {
    private static final Instant T1 = Instant.parse("2026-11-24T16:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMPORT = "/findings/import";

    private FaultInjectingProxy proxy;
    private SecurityHubClient viaProxy;
    private SecurityHubClient direct;
    private String role;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void setUp() {
        proxy = FaultInjectingProxy.start(Moto.endpoint());
        viaProxy = Moto.securityHub(proxy.endpoint());
        direct = Moto.securityHub();
        role = SinkFixtures.uniqueRole("castai-eks");
    }

    @AfterEach
    void tearDown() {
        viaProxy.close();
        direct.close();
        proxy.close();
    }

    private SecurityHubSink.Builder sink() {
        return SecurityHub.sink(viaProxy).clock(Clock.fixed(T1, ZoneOffset.UTC)).sleeper(waits::add);
    }

    private ScanReport report() {
        return SinkFixtures.report("run-1", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), role);
    }

    private static Set<String> ids(ScanReport report) {
        return report.findings().stream().map(Finding::id).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "429, TooManyRequestsException, faults/securityhub-too-many-requests.json",
        "400, ThrottlingException, faults/securityhub-throttling.json"})
    void publish_throttledTwiceThenAccepted_retriesAndImportsEverything(int status, String errorType, String body) {
        FaultInjectingProxy.Rule fault = proxy.on("POST", IMPORT).times(2)
                .respond(Response.of(status, "application/json", SinkFixtures.resource(body),
                        "x-amzn-ErrorType", errorType, "x-amzn-RequestId", "5f2d1c6a-throttle"));
        ScanReport report = report();

        sink().build().publish(report);

        assertThat(fault.applied()).isEqualTo(2);
        assertThat(proxy.requests("POST", IMPORT)).hasSize(3);
        assertThat(SecurityHub.stored(direct, ids(report))).hasSize(7);
    }

    @Test
    void publish_throttledOnEveryAttempt_failsNamingTheFindingsThatWereNotSent() {
        proxy.on("POST", IMPORT).respond(Response.of(429, "application/json",
                SinkFixtures.resource("faults/securityhub-too-many-requests.json"),
                "x-amzn-ErrorType", "TooManyRequestsException"));
        ScanReport report = report();

        assertThatThrownBy(() -> sink().retryStrategy(SinkRetry.adaptive(3)).build().publish(report))
                .isInstanceOf(SinkException.class)
                .hasMessageContaining("securityhub:us-east-1:123456789012: BatchImportFindings failed with HTTP 429 "
                        + "TooManyRequestsException")
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("7 findings not imported")
                .hasMessageContaining(report.findings().get(0).id() + " (NotSent)");
        assertThat(proxy.requests("POST", IMPORT)).hasSize(3);
    }

    @Test
    void publish_partialFailedFindings_retriesTheTransientOnesAndReportsThePermanentOne() {
        ScanReport report = report();
        String transientId = report.findings().get(0).id();
        String permanentId = report.findings().get(1).id();
        FaultInjectingProxy.Rule fault = proxy.on("POST", IMPORT).times(1).respondWith(failing(Map.of(
                transientId, "InternalException", permanentId, "InvalidInput")));

        SinkException thrown = null;
        try {
            sink().build().publish(report);
        } catch (SinkException e) {
            thrown = e;
        }

        assertThat(thrown).isNotNull();
        assertThat(thrown.failures()).containsExactly(new SinkException.Failure(permanentId, "InvalidInput"));
        assertThat(thrown.getMessage()).isEqualTo("securityhub:us-east-1:123456789012: 1 of 7 findings were not "
                + "imported: " + permanentId + " (InvalidInput)");
        assertThat(fault.applied()).isEqualTo(1);
        assertThat(waits).hasSize(1);
        List<List<String>> sent = proxy.requests("POST", IMPORT).stream().map(r -> findingIds(r.body())).toList();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).containsExactly(transientId);
        Map<String, AwsSecurityFinding> stored = SecurityHub.stored(direct, ids(report));
        assertThat(stored).hasSize(6).containsKey(transientId).doesNotContainKey(permanentId);
    }

    @Test
    void publish_transientFailureOnEveryAttempt_reportsItAfterTheLastAttempt() {
        ScanReport report = report();
        String id = report.findings().get(2).id();
        proxy.on("POST", IMPORT).respondWith(failing(Map.of(id, "LimitExceededException")));

        assertThatThrownBy(() -> sink().maxFindingAttempts(3).build().publish(report))
                .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.failures())
                        .containsExactly(new SinkException.Failure(id, "LimitExceededException after 3 attempts")));
        assertThat(waits).hasSize(2);
        assertThat(proxy.requests("POST", IMPORT)).hasSize(3);
    }

    @Test
    void publish_findingOverTheSizeLimit_dropsItsEvidenceListsAndImportsIt() {
        ScanReport report = report();
        Finding window = report.findings().stream().filter(f -> f.rule().ruleId().equals("SW-L2-005")).findFirst()
                .orElseThrow();

        sink().maxFindingBytes(4_000).build().publish(report);

        AwsSecurityFinding stored = SecurityHub.stored(direct, Set.of(window.id())).get(window.id());
        assertThat(stored.productFields()).doesNotContainKey("scalewatch/event_ids")
                .containsEntry("scalewatch/evidence_trimmed", "true")
                .containsEntry("scalewatch/event_count", "200");
    }

    @Test
    void publish_findingTooLargeEvenTrimmed_isReportedAndTheOthersImported() {
        ScanReport report = report();

        assertThatThrownBy(() -> sink().maxFindingBytes(1_000).build().publish(report))
                .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.failures())
                        .hasSize(7).allSatisfy(f -> assertThat(f.errorCode()).isEqualTo("FindingTooLarge")));
        assertThat(proxy.requests("POST", IMPORT)).isEmpty();
    }

    // Forwards the batch without the chosen findings, then reports those as FailedFindings with the given codes,
    // as Security Hub does for findings it rejects one by one.
    private static FaultInjectingProxy.Action failing(Map<String, String> codes) {
        return (request, upstream) -> {
            try {
                ObjectNode body = (ObjectNode) JSON.readTree(request.body());
                ArrayNode kept = JSON.createArrayNode();
                List<String> failed = new ArrayList<>();
                body.withArray("Findings").forEach(f -> {
                    if (codes.containsKey(f.path("Id").asText())) {
                        failed.add(f.path("Id").asText());
                    } else {
                        kept.add(f);
                    }
                });
                body.set("Findings", kept);
                Response response = upstream.forward(request.withBody(JSON.writeValueAsBytes(body)));
                ObjectNode result = (ObjectNode) JSON.readTree(response.body());
                ArrayNode failedFindings = result.withArray("FailedFindings");
                for (String id : failed) {
                    failedFindings.addObject().put("Id", id).put("ErrorCode", codes.get(id))
                            .put("ErrorMessage", "Rejected by the fault-injecting proxy");
                }
                result.put("FailedCount", result.path("FailedCount").asInt() + failed.size());
                return response.withBody(JSON.writeValueAsString(result));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static List<String> findingIds(byte[] body) {
        try {
            List<String> ids = new ArrayList<>();
            JSON.readTree(body).path("Findings").forEach(f -> ids.add(f.path("Id").asText()));
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
