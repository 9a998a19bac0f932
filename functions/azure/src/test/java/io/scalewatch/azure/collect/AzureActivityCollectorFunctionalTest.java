package io.scalewatch.azure.collect;

import static io.scalewatch.azure.testing.ActivityData.APP_ID;
import static io.scalewatch.azure.testing.ActivityData.OBJECT_ID;
import static io.scalewatch.azure.testing.ActivityData.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.monitor.query.LogsQueryClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.azure.RetryPolicy;
import io.scalewatch.azure.auth.AzureClients;
import io.scalewatch.azure.testing.ActivityData;
import io.scalewatch.azure.testing.LogsApiServer;
import io.scalewatch.azure.testing.LogsApiServer.Reply;
import io.scalewatch.azure.testing.LoopbackTls;
import io.scalewatch.azure.testing.MutableClock;
import io.scalewatch.azure.testing.StaticTokenCredential;
import io.scalewatch.core.checkpoint.Checkpoint;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.normalize.QuarantineKind;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.run.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@link LogsQueryClient} (azure-monitor-query 1.5.2, Netty, TLS, bearer token) against a loopback server
 * speaking the Logs Query API, serving thousands of rows built from the demo's AzureActivity exports.
 */
class AzureActivityCollectorFunctionalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant END = Instant.parse("2026-11-25T02:00:00Z");
    private static final ActivityData DATA = ActivityData.demo().replicate(12, Duration.ofMinutes(5));

    private final StaticTokenCredential credential = new StaticTokenCredential();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T03:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private LogsApiServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private LogsQueryClient client(ActivityData data) {
        server = new LogsApiServer(data.columns(), data.rows());
        return AzureClients.logsQuery(credential, LoopbackTls.httpClient(), server.endpoint());
    }

    private AzureActivityCollector.Builder collector(LogsQueryClient client, ScanWindow window) {
        return AzureActivityCollector.builder().client(client).workspaceId(WORKSPACE).objectId(OBJECT_ID).appId(APP_ID)
                .window(window).deadline(Deadline.in(Duration.ofMinutes(15), clock))
                .settings(AzureActivityCollector.Settings.DEFAULT.withMaxRowsPerQuery(200))
                .sleeper(d -> {
                    sleeps.add(d);
                    clock.advance(d);
                })
                .jitter(() -> 0.5).runId("run-1");
    }

    private record Collected(List<AuditEvent> events, List<QuarantinedRecord> quarantined, ReadCounts counts) {
        List<String> ids() {
            return events.stream().map(e -> e.metadata().uid()).toList();
        }
    }

    private static Collected read(AzureActivityCollector collector) {
        List<AuditEvent> events = new ArrayList<>();
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        ReadCounts counts = collector.read(RecordSink.of(events::add, quarantined::add));
        return new Collected(events, quarantined, counts);
    }

    private static JsonNode resource(String name) {
        try (InputStream in = AzureActivityCollectorFunctionalTest.class.getResourceAsStream(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void read_thousandsOfRowsAcrossManySlices_handsOverEveryWatchedRowOnce() {
        ScanWindow window = new ScanWindow(START, END);
        List<String> expected = DATA.watchedIds(START, END);
        assertThat(expected).hasSizeGreaterThan(3000);

        AzureActivityCollector collector = collector(client(DATA), window).build();
        Collected got = read(collector);

        assertThat(got.ids()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(got.quarantined()).isEmpty();
        assertThat(got.counts().of(CloudProvider.AZURE).normalized()).isEqualTo(expected.size());
        assertThat(got.events()).allSatisfy(e -> assertThat(e.actor().principal()).isEqualTo(OBJECT_ID));
        assertThat(got.events()).extracting(AuditEvent::time).isSorted();
        assertThat(collector.coveredUntil()).isEqualTo(END);
        CollectionReport report = collector.report();
        assertThat(report.complete()).isTrue();
        assertThat(report.splits()).as("slices cut at the row limit").isGreaterThan(10);
        assertThat(report.queries()).isEqualTo(server.requests().size()).isGreaterThan(expected.size() / 200);
        assertThat(report.duplicates()).isZero();
        assertThat(server.requests()).allSatisfy(r -> {
            assertThat(r.take()).isEqualTo(200);
            assertThat(r.workspace()).isEqualTo(WORKSPACE);
        });
    }

    @Test
    void read_firstQuery_sendsValidatedKqlTimespanAndBearerToken() {
        Instant end = Instant.parse("2026-11-24T12:30:00Z");
        collector(client(DATA), new ScanWindow(START, end)).build().read(RecordSink.of(e -> { }, q -> { }));

        LogsApiServer.Request first = server.requests().get(0);
        assertThat(first.query()).isEqualTo("AzureActivity\n"
                + "| where TimeGenerated >= datetime(2026-11-24T12:00:00.0000000Z)"
                + " and TimeGenerated < datetime(2026-11-24T12:30:00.0000000Z)\n"
                + "| where Caller =~ '0b5c2f6e-1111-4111-8111-111111111111'"
                + " or tostring(parse_json(Claims).appid) =~ '6f1e1d2c-0000-4000-8000-000000000001'\n"
                + "| order by TimeGenerated asc\n"
                + "| take 200");
        assertThat(first.timespan()).isEqualTo("2026-11-24T12:00Z/2026-11-24T12:30Z");
        assertThat(first.authorization()).isEqualTo("Bearer " + StaticTokenCredential.TOKEN);
        assertThat(credential.scopes()).contains(List.of("https://127.0.0.1/.default"));
    }

    @Test
    void read_partialErrorOnce_keepsRowsSplitsAndHandsEachRowOnce() {
        ScanWindow window = new ScanWindow(START, Instant.parse("2026-11-24T16:00:00Z"));
        List<String> expected = DATA.watchedIds(window.start(), window.end());
        LogsQueryClient client = client(DATA);
        JsonNode partial = resource("/logs/partial-error.json");
        AtomicInteger partials = new AtomicInteger();
        server.fault(answer -> {
            // the first full-hour answer comes back cut in half with a PartialError, as on a size limit
            if (partials.get() == 0 && answer.rows().size() > 20) {
                partials.incrementAndGet();
                return Reply.json(200, LogsApiServer.tables(answer.columns(),
                        answer.rows().subList(0, answer.rows().size() / 2), partial));
            }
            return null;
        });

        AzureActivityCollector collector = collector(client, window).build();
        Collected got = read(collector);

        assertThat(got.ids()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        CollectionReport report = collector.report();
        assertThat(report.partialSlices()).isEqualTo(1);
        assertThat(report.duplicates()).as("rows of the partial answer asked again").isPositive();
        assertThat(report.complete()).isTrue();
        LogsApiServer.Request cut = server.requests().get(0);
        LogsApiServer.Request retried = server.requests().get(1);
        assertThat(retried.start()).isEqualTo(cut.start());
        assertThat(Duration.between(retried.start(), retried.end()))
                .isEqualTo(Duration.between(cut.start(), cut.end()).dividedBy(2));
    }

    @Test
    void read_partialErrorDownToMinimumSlice_keepsRowsAndCoversNothingPastTheSlice() {
        ScanWindow window = new ScanWindow(START, Instant.parse("2026-11-24T16:00:00Z"));
        Instant broken = Instant.parse("2026-11-24T13:00:00Z");
        LogsQueryClient client = client(DATA);
        JsonNode partial = resource("/logs/partial-error.json");
        server.fault(answer -> !answer.request().end().isAfter(broken) ? null
                : Reply.json(200, LogsApiServer.tables(answer.columns(), answer.rows().stream().limit(3).toList(),
                        partial)));

        AzureActivityCollector collector = collector(client, window)
                .settings(AzureActivityCollector.Settings.DEFAULT.withMaxRowsPerQuery(200)
                        .withMinSliceLength(Duration.ofMinutes(4)))
                .build();
        Collected got = read(collector);

        assertThat(collector.coveredUntil()).isEqualTo(broken);
        assertThat(collector.report().stopReason()).startsWith("partial: partial error PartialError")
                .contains("[2026-11-24T13:00:00Z");
        assertThat(got.ids()).doesNotHaveDuplicates().containsAll(DATA.watchedIds(START, broken));
        assertThat(got.ids()).as("rows of the partial answers are kept").hasSizeGreaterThan(
                DATA.watchedIds(START, broken).size());
    }

    @Test
    void read_throttledWithRetryAfter_waitsWhatTheServiceAsksAndCompletes() {
        ScanWindow window = new ScanWindow(START, Instant.parse("2026-11-24T14:00:00Z"));
        LogsQueryClient client = client(DATA);
        String throttled = resource("/logs/error-throttled.json").toString();
        AtomicInteger calls = new AtomicInteger();
        server.fault(answer -> calls.getAndIncrement() < 2
                ? new Reply(429, Map.of("Retry-After", "7"), throttled, 0) : null);

        AzureActivityCollector collector = collector(client, window).build();
        Collected got = read(collector);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
        assertThat(collector.report().retries()).isEqualTo(2);
        assertThat(collector.report().complete()).isTrue();
        assertThat(got.ids()).containsExactlyInAnyOrderElementsOf(DATA.watchedIds(window.start(), window.end()));
    }

    @Test
    void read_retryAfterPastTheDeadline_stopsWithoutWaitingAndCoversWhatItHandedOver() {
        ScanWindow window = new ScanWindow(START, Instant.parse("2026-11-24T16:00:00Z"));
        LogsQueryClient client = client(DATA);
        String throttled = resource("/logs/error-throttled.json").toString();
        server.fault(answer -> answer.request().start().isBefore(Instant.parse("2026-11-24T13:00:00Z")) ? null
                : new Reply(429, Map.of("Retry-After", "240"), throttled, 0));

        AzureActivityCollector collector = collector(client, window)
                .deadline(Deadline.in(Duration.ofMinutes(4), clock)).build();
        Collected got = read(collector);

        assertThat(sleeps).isEmpty();
        assertThat(collector.coveredUntil()).isEqualTo(Instant.parse("2026-11-24T13:00:00Z"));
        assertThat(collector.report().stopReason()).startsWith("throttled: HTTP 429")
                .contains("would cut into the deadline's reserve");
        assertThat(got.ids()).containsExactlyInAnyOrderElementsOf(
                DATA.watchedIds(START, Instant.parse("2026-11-24T13:00:00Z")));
    }

    @Test
    void read_slowAnswer_timesOutHalvesTheSliceAndCompletes() {
        ScanWindow window = new ScanWindow(START, Instant.parse("2026-11-24T13:00:00Z"));
        LogsQueryClient client = client(DATA);
        AtomicInteger calls = new AtomicInteger();
        server.fault(answer -> calls.getAndIncrement() == 0
                ? new Reply(200, Map.of(), LogsApiServer.tables(answer.columns(), answer.rows(), null), 3000) : null);

        AzureActivityCollector collector = collector(client, window)
                .settings(AzureActivityCollector.Settings.DEFAULT.withMaxRowsPerQuery(200)
                        .withQueryTimeout(Duration.ofMillis(700)))
                .build();
        Collected got = read(collector);

        assertThat(collector.report().retries()).isEqualTo(1);
        assertThat(collector.report().splits()).isPositive();
        assertThat(collector.report().complete()).isTrue();
        assertThat(got.ids()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(DATA.watchedIds(window.start(), window.end()));
        LogsApiServer.Request retried = server.requests().get(1);
        assertThat(Duration.between(retried.start(), retried.end())).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void read_timeoutsUntilAttemptsAreSpent_stopsWithTimeoutReason() {
        ScanWindow window = new ScanWindow(START, Instant.parse("2026-11-24T13:00:00Z"));
        LogsQueryClient client = client(DATA);
        server.fault(answer -> new Reply(200, Map.of(), LogsApiServer.tables(answer.columns(), answer.rows(), null),
                1500));

        AzureActivityCollector collector = collector(client, window)
                .settings(AzureActivityCollector.Settings.DEFAULT.withMaxRowsPerQuery(200)
                        .withQueryTimeout(Duration.ofMillis(300))
                        .withRetry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO)))
                .build();
        Collected got = read(collector);

        assertThat(got.events()).isEmpty();
        assertThat(collector.coveredUntil()).isEqualTo(START);
        assertThat(collector.report().stopReason()).startsWith("timeout: timeout").endsWith("after 2 attempts");
    }

    @Test
    void read_serverErrorThenSuccess_retriesWithBackoff() {
        ScanWindow window = new ScanWindow(START, Instant.parse("2026-11-24T13:00:00Z"));
        LogsQueryClient client = client(DATA);
        AtomicInteger calls = new AtomicInteger();
        server.fault(answer -> calls.getAndIncrement() == 0
                ? Reply.json(503, LogsApiServer.error("ServiceUnavailableError", "try again")) : null);

        AzureActivityCollector collector = collector(client, window).build();
        read(collector);

        assertThat(sleeps).containsExactly(Duration.ofMillis(250));
        assertThat(collector.report().complete()).isTrue();
    }

    @Test
    void read_malformedRows_quarantinedWithReasonsAndTheRestHandedOver() {
        ActivityData data = DATA.plus(ActivityData.resource("/logs/malformed-rows.json"));
        ScanWindow window = new ScanWindow(Instant.parse("2026-11-24T14:00:00Z"), Instant.parse("2026-11-24T15:00:00Z"));

        AzureActivityCollector collector = collector(client(data), window).build();
        Collected got = read(collector);

        assertThat(got.quarantined()).extracting(QuarantinedRecord::kind).containsExactly(
                QuarantineKind.INVALID_VALUE, QuarantineKind.MALFORMED_JSON, QuarantineKind.MISSING_FIELD);
        assertThat(got.quarantined().get(0).reason())
                .startsWith("row f1a2b3c4-0001-4d5e-8f60-000000000001: status 'Exploded' is not an Activity Log status");
        assertThat(got.quarantined().get(2).reason()).contains("OperationNameValue");
        assertThat(got.quarantined()).allSatisfy(q -> {
            assertThat(q.source()).isEqualTo("azure:activity " + WORKSPACE);
            assertThat(q.cloud()).contains(CloudProvider.AZURE);
            assertThat(q.raw()).contains("f1a2b3c4-");
        });
        assertThat(got.ids()).containsExactlyInAnyOrderElementsOf(DATA.watchedIds(window.start(), window.end()));
        assertThat(got.counts().of(CloudProvider.AZURE).quarantined()).isEqualTo(3);
        assertThat(collector.report().complete()).isTrue();
    }

    @Test
    void read_accessDenied_throwsAndKeepsCoverageHonest() {
        ScanWindow window = new ScanWindow(START, Instant.parse("2026-11-24T16:00:00Z"));
        LogsQueryClient client = client(DATA);
        String forbidden = resource("/logs/error-forbidden.json").toString();
        server.fault(answer -> answer.request().start().isBefore(Instant.parse("2026-11-24T13:00:00Z")) ? null
                : Reply.json(403, forbidden));
        AzureActivityCollector collector = collector(client, window).build();

        assertThatThrownBy(() -> collector.read(RecordSink.of(e -> { }, q -> { })))
                .isInstanceOf(AzureCollectionException.class)
                .hasMessageContaining("access denied (HTTP 403")
                .hasMessageContaining("Log Analytics Reader");
        assertThat(collector.coveredUntil()).isEqualTo(Instant.parse("2026-11-24T13:00:00Z"));
        assertThat(collector.report().stopReason()).startsWith("failed: ");
    }

    @Test
    void read_deadlineMidCollection_nextWindowContinuesWithoutGapOrDuplicate() {
        Instant now = Instant.parse("2026-11-25T02:15:00Z");
        clock.advance(Duration.between(clock.instant(), now));
        ScanWindow.Policy policy = new ScanWindow.Policy(Duration.ZERO, Duration.ofMinutes(15), Duration.ofHours(24),
                Duration.ofHours(14));
        ScanWindow first = ScanWindow.next(Optional.empty(), clock.instant(), policy);
        assertThat(first).isEqualTo(new ScanWindow(START, END));
        LogsQueryClient client = client(DATA);
        server.onRequest(() -> clock.advance(Duration.ofSeconds(20)));

        AzureActivityCollector run1 = collector(client, first).deadline(Deadline.in(Duration.ofMinutes(5), clock))
                .build();
        Collected got1 = read(run1);

        Instant covered = run1.coveredUntil();
        assertThat(covered).isAfter(START).isBefore(END);
        assertThat(run1.report().stopReason()).startsWith("deadline: ");
        assertThat(got1.events()).allSatisfy(e -> assertThat(e.time()).isBefore(covered));

        CheckpointKey key = new CheckpointKey(CloudProvider.AZURE, WORKSPACE, "global", OBJECT_ID);
        ScanWindow second = ScanWindow.next(Optional.of(new Checkpoint(key, covered, "run-1", clock.instant())),
                clock.instant(), policy);
        assertThat(second.start()).isEqualTo(covered);
        AzureActivityCollector run2 = collector(client, second).deadline(Deadline.in(Duration.ofHours(2), clock))
                .build();
        Collected got2 = read(run2);

        assertThat(run2.report().complete()).isTrue();
        Set<String> overlap = new HashSet<>(got1.ids());
        overlap.retainAll(got2.ids());
        assertThat(overlap).as("no event handed over by both runs").isEmpty();
        List<String> all = new ArrayList<>(got1.ids());
        all.addAll(got2.ids());
        assertThat(all).as("no gap").containsExactlyInAnyOrderElementsOf(
                DATA.watchedIds(START, second.end()));
    }

    @Test
    void read_twice_refused() {
        AzureActivityCollector collector = collector(client(DATA),
                new ScanWindow(START, Instant.parse("2026-11-24T12:10:00Z"))).build();
        collector.read(RecordSink.of(e -> { }, q -> { }));

        assertThatThrownBy(() -> collector.read(RecordSink.of(e -> { }, q -> { })))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already read");
    }
}
