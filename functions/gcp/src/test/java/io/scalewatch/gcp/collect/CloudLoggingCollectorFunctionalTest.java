package io.scalewatch.gcp.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.audit.AuditLog;
import com.google.cloud.audit.AuthenticationInfo;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.LogEntry;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.rpc.Code;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.normalize.QuarantineKind;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.run.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The collector with the real Cloud Logging v2 client (gax + grpc-netty) against {@link LoggingServiceV2Server} on
 * loopback, over the demo's 3,258 real-shaped audit entries.
 */
class CloudLoggingCollectorFunctionalTest {
    private static final String SA = DemoEntries.SERVICE_ACCOUNT;
    private static final List<String> LINES = DemoEntries.lines();
    private static final List<LogEntry> ENTRIES = DemoEntries.entries();

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T00:20:00Z"));
    private LoggingServiceV2Server server;

    @BeforeEach
    void start() throws Exception {
        List<LogEntry> all = new ArrayList<>(ENTRIES);
        all.addAll(Fixtures.entries("delegation.jsonl"));
        server = LoggingServiceV2Server.start(all);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private CloudLoggingCollector.Builder collector(ScanWindow window) {
        return CloudLoggingCollector.builder().logging(server.client()).resourceNames(List.of(DemoEntries.PROJECT))
                .serviceAccount(SA).window(window).deadline(Deadline.in(Duration.ofMinutes(15), clock))
                .dataAccess(true).pageSize(100).sleeper(clock.sleeper()).jitter(() -> 0.5).runId("test-run");
    }

    private static List<String> allLines() {
        return Stream.concat(LINES.stream(), Fixtures.lines("delegation.jsonl").stream()).toList();
    }

    @Test
    void read_dayOfDemoProject_handsEveryEntryOfTheAccountInTimestampOrderOverManyPages() {
        CloudLoggingCollector logs = collector(Fixtures.DAY).build();
        RecordingSink sink = new RecordingSink();

        ReadCounts counts = logs.read(sink);

        List<String> expected = Fixtures.expectedIds(allLines(), SA, Fixtures.DAY, true);
        assertThat(expected).hasSizeGreaterThan(2700);
        assertThat(sink.ids()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sink.events).extracting(AuditEvent::time).isSorted();
        assertThat(sink.quarantined).isEmpty();
        CollectionReport report = logs.report();
        assertThat(report.complete()).isTrue();
        assertThat(logs.coveredUntil()).isEqualTo(Fixtures.DAY.end());
        // the server also returns the chain where the account is a later delegate; core does not count it as the account's
        assertThat(report.otherPrincipals()).isEqualTo(1);
        assertThat(counts.read()).isEqualTo(expected.size() + 1L);
        assertThat(counts.gcp().normalized()).isEqualTo(expected.size() + 1L);
        assertThat(report.handed()).isEqualTo(expected.size());
        assertThat(report.requests()).isEqualTo(server.requests().size()).isEqualTo((expected.size() + 1 + 99) / 100);
        assertThat(report.retries()).isZero();
        assertThat(sink.events).filteredOn(e -> e.metadata().uid().equals("-delegated1")).singleElement()
                .satisfies(e -> assertThat(e.actor().sourceIdentity()).isEqualTo(SA));
    }

    @Test
    void read_filterSent_selectsAuditLogsWindowAndAccountAndPagesInAscendingOrder() {
        CloudLoggingCollector logs = collector(Fixtures.DAY).build();

        logs.read(new RecordingSink());

        String filter = "logName=(\"projects/demo-project/logs/cloudaudit.googleapis.com%2Factivity\""
                + " OR \"projects/demo-project/logs/cloudaudit.googleapis.com%2Fdata_access\")"
                + " AND timestamp>=\"2026-11-24T00:00:00Z\" AND timestamp<\"2026-11-25T00:00:00Z\""
                + " AND (protoPayload.authenticationInfo.principalEmail=\"" + SA + "\""
                + " OR protoPayload.authenticationInfo.serviceAccountDelegationInfo.firstPartyPrincipal.principalEmail=\""
                + SA + "\")";
        List<ListLogEntriesRequest> requests = server.requests();
        assertThat(requests).hasSizeGreaterThan(25).allSatisfy(r -> {
            assertThat(r.getResourceNamesList()).containsExactly("projects/demo-project");
            assertThat(r.getFilter()).isEqualTo(filter);
            assertThat(r.getOrderBy()).isEqualTo("timestamp asc");
            assertThat(r.getPageSize()).isEqualTo(100);
        });
        assertThat(requests.get(0).getPageToken()).isEmpty();
        assertThat(requests.stream().skip(1).map(ListLogEntriesRequest::getPageToken)).doesNotContain("");
        assertThat(logs.filter("projects/demo-project")).isEqualTo(filter);
    }

    @Test
    void read_adminActivityOnly_asksForTheActivityLogAndGetsOnlyItsEntries() {
        CloudLoggingCollector logs = collector(Fixtures.DAY).dataAccess(false).build();
        RecordingSink sink = new RecordingSink();

        logs.read(sink);

        assertThat(server.requests().get(0).getFilter())
                .startsWith("logName=\"projects/demo-project/logs/cloudaudit.googleapis.com%2Factivity\" AND ")
                .doesNotContain("data_access");
        List<String> expected = Fixtures.expectedIds(allLines(), SA, Fixtures.DAY, false);
        assertThat(expected).isNotEmpty().hasSizeLessThan(Fixtures.expectedIds(allLines(), SA, Fixtures.DAY, true).size());
        assertThat(sink.ids()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sink.events).allSatisfy(e -> assertThat(e.metadata().readOnly()).isFalse());
    }

    @Test
    void read_quotaExhaustedThenSuccess_retriesWithBackoffAndTheServersRetryDelay() {
        server.script(LoggingServiceV2Server.Fault.quota(Duration.ofSeconds(7)),
                LoggingServiceV2Server.Fault.quota(Duration.ZERO));
        CloudLoggingCollector logs = collector(Fixtures.DAY).build();
        RecordingSink sink = new RecordingSink();

        logs.read(sink);

        assertThat(sink.ids()).containsExactlyInAnyOrderElementsOf(Fixtures.expectedIds(allLines(), SA, Fixtures.DAY, true));
        assertThat(logs.report().complete()).isTrue();
        assertThat(logs.report().retries()).isEqualTo(2);
        // RetryInfo asked for 7 s (more than the jittered 0.5 s); then 1 s ceiling doubled to 2 s, half of it
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(1));
        assertThat(server.requests().get(0)).isEqualTo(server.requests().get(2));
    }

    @Test
    void read_unavailableAfterSomePages_stopsWithCoverageAtTheLastEntryHandedOver() {
        server.script(LoggingServiceV2Server.Fault.none(), LoggingServiceV2Server.Fault.none(),
                LoggingServiceV2Server.Fault.none());
        server.thenAlways(LoggingServiceV2Server.Fault.status(Code.UNAVAILABLE));
        CloudLoggingCollector logs = collector(Fixtures.DAY).retryPolicy(new RetryPolicy(4, Duration.ofSeconds(1),
                Duration.ofSeconds(8))).build();
        RecordingSink sink = new RecordingSink();

        logs.read(sink);

        CollectionReport report = logs.report();
        assertThat(report.complete()).isFalse();
        assertThat(report.stopReason()).isEqualTo("unavailable: ListLogEntries projects/demo-project page 4 failed 4"
                + " times, last: UNAVAILABLE (The service is currently unavailable.)");
        assertThat(sink.events).hasSize(300);
        assertThat(logs.coveredUntil()).isEqualTo(sink.events.get(299).time());
        assertThat(report.retries()).isEqualTo(3);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void read_serverHangs_requestTimesOutAndIsRetried() {
        server.script(LoggingServiceV2Server.Fault.slow(Duration.ofSeconds(4)));
        CloudLoggingCollector logs = collector(Fixtures.DAY).callTimeout(Duration.ofSeconds(1)).build();
        RecordingSink sink = new RecordingSink();

        long started = System.nanoTime();
        logs.read(sink);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(logs.report().complete()).isTrue();
        assertThat(logs.report().retries()).isEqualTo(1);
        assertThat(sink.ids()).containsExactlyInAnyOrderElementsOf(Fixtures.expectedIds(allLines(), SA, Fixtures.DAY, true));
    }

    @Test
    void read_deadlineWhileHandingOver_stopsAndTheNextWindowContinuesWithoutGapOrDuplicate() {
        Deadline deadline = Deadline.in(Duration.ofMinutes(5), clock);
        CloudLoggingCollector first = collector(Fixtures.DAY).deadline(deadline).build();
        // a slow downstream: every event handed over costs 100 ms of the run's 5 minutes (60 s kept in reserve)
        RecordingSink firstSink = new RecordingSink(e -> clock.advance(Duration.ofMillis(100)));

        first.read(firstSink);

        assertThat(first.report().complete()).isFalse();
        assertThat(first.report().stopReason()).startsWith("deadline:");
        // 2,401 events take 240.1 s: from then on less than the 60 s reserve is left
        assertThat(firstSink.events).hasSize(2401);
        Instant covered = first.coveredUntil();
        assertThat(covered).isAfter(firstSink.events.get(2400).time());

        ScanWindow next = new ScanWindow(covered, Fixtures.DAY.end());
        CloudLoggingCollector second = collector(next).build();
        RecordingSink secondSink = new RecordingSink();
        second.read(secondSink);

        assertThat(second.report().complete()).isTrue();
        assertThat(secondSink.events.get(0).time()).isEqualTo(covered);
        Set<String> both = new HashSet<>(firstSink.ids());
        both.retainAll(secondSink.ids());
        assertThat(both).isEmpty();
        List<String> union = new ArrayList<>(firstSink.ids());
        union.addAll(secondSink.ids());
        assertThat(union).containsExactlyInAnyOrderElementsOf(Fixtures.expectedIds(allLines(), SA, Fixtures.DAY, true));
    }

    @Test
    void read_deadlineBeforeANextPage_coversUpToTheLastEntryAndRereadsOnlyThatInstant() {
        Deadline deadline = Deadline.in(Duration.ofMinutes(3), clock);
        server.onRequest(r -> clock.advance(Duration.ofSeconds(10)));
        CloudLoggingCollector first = collector(Fixtures.DAY).deadline(deadline).build();
        RecordingSink firstSink = new RecordingSink();

        first.read(firstSink);

        // 12 requests take 120 s of 180 s, leaving exactly the 60 s reserve: page 12 is handed over, page 13 not asked
        assertThat(server.requests()).hasSize(12);
        assertThat(firstSink.events).hasSize(1200);
        Instant covered = first.coveredUntil();
        assertThat(covered).isEqualTo(firstSink.events.get(1199).time());
        assertThat(first.report().stopReason()).contains("ListLogEntries projects/demo-project page 13");

        server.onRequest(r -> { });
        CloudLoggingCollector second = collector(new ScanWindow(covered, Fixtures.DAY.end())).build();
        RecordingSink secondSink = new RecordingSink();
        second.read(secondSink);

        Set<String> both = new HashSet<>(firstSink.ids());
        both.retainAll(secondSink.ids());
        assertThat(both).containsExactly(firstSink.ids().get(1199));
        Set<String> union = new HashSet<>(firstSink.ids());
        union.addAll(secondSink.ids());
        assertThat(union).containsExactlyInAnyOrderElementsOf(Fixtures.expectedIds(allLines(), SA, Fixtures.DAY, true));
    }

    @Test
    @SuppressWarnings("deprecation") // serviceData: deprecated in the proto, still written by services
    void read_malformedEntries_areQuarantinedWithTheirReasonsAndRedacted() {
        List<LogEntry> bad = new ArrayList<>(Fixtures.entries("malformed.jsonl"));
        LogEntry base = Fixtures.entries("malformed.jsonl").get(0);
        bad.add(base.toBuilder().setInsertId("-garbage1").setTimestamp(ts("2026-11-24T12:00:02Z"))
                .setProtoPayload(Any.newBuilder().setTypeUrl("type.googleapis.com/google.cloud.audit.AuditLog")
                        .setValue(ByteString.copyFrom(new byte[] {0x0a, (byte) 0xff, 0x01, 0x02})))
                .build());
        bad.add(base.toBuilder().setInsertId("-othertype1").setTimestamp(ts("2026-11-24T12:00:03Z"))
                .setProtoPayload(Any.pack(Struct.newBuilder()
                        .putFields("methodName", Value.newBuilder().setStringValue("x").build()).build()))
                .build());
        bad.add(base.toBuilder().setInsertId("-huge1").setTimestamp(ts("2026-11-24T12:00:04Z"))
                .setProtoPayload(Any.pack(AuditLog.newBuilder().setMethodName("v1.compute.instances.setMetadata")
                        .setServiceName("compute.googleapis.com")
                        .setAuthenticationInfo(AuthenticationInfo.newBuilder().setPrincipalEmail(SA))
                        .setRequest(Struct.newBuilder().putFields("fingerprint",
                                Value.newBuilder().setStringValue("A".repeat(1_100_000)).build()))
                        .build()))
                .build());
        bad.add(base.toBuilder().setInsertId("-bqdata1").setTimestamp(ts("2026-11-24T12:00:05Z"))
                .setProtoPayload(Any.pack(AuditLog.newBuilder().setMethodName("jobservice.jobcompleted")
                        .setServiceName("bigquery.googleapis.com")
                        .setAuthenticationInfo(AuthenticationInfo.newBuilder().setPrincipalEmail(SA))
                        .setServiceData(Any.newBuilder()
                                .setTypeUrl("type.googleapis.com/google.cloud.bigquery.logging.v1.AuditData")
                                .setValue(ByteString.copyFromUtf8("\u0012\u0004job1")))
                        .build()))
                .build());
        server.addUnfiltered(bad);
        CloudLoggingCollector logs = collector(Fixtures.DAY).build();
        RecordingSink sink = new RecordingSink();

        ReadCounts counts = logs.read(sink);

        assertThat(sink.quarantined).extracting(QuarantinedRecord::kind).containsExactly(QuarantineKind.MISSING_FIELD,
                QuarantineKind.MISSING_FIELD, QuarantineKind.UNREADABLE_INPUT, QuarantineKind.UNKNOWN_SHAPE,
                QuarantineKind.FIELD_TOO_LARGE);
        assertThat(sink.quarantined).extracting(QuarantinedRecord::reason).satisfiesExactly(
                r -> assertThat(r).startsWith("entry -nomethod1: protoPayload.methodName is missing"),
                r -> assertThat(r).startsWith("entry -textpayload1: protoPayload.methodName is missing"),
                r -> assertThat(r).isEqualTo("entry -garbage1: protoPayload (type.googleapis.com/google.cloud.audit"
                        + ".AuditLog, 4 bytes) does not decode as an AuditLog"),
                r -> assertThat(r).startsWith("entry -othertype1: protoPayload @type 'type.googleapis.com/google"
                        + ".protobuf.Struct' is not a Cloud Audit Logs entry"),
                r -> assertThat(r).startsWith("entry -huge1: ").contains("fingerprint"));
        assertThat(sink.quarantined).allSatisfy(q -> {
            assertThat(q.source()).isEqualTo("gcp:logging projects/demo-project");
            assertThat(q.cloud()).hasValue(io.scalewatch.core.event.CloudProvider.GCP);
            assertThat(q.line()).isPositive();
        });
        assertThat(sink.quarantined.get(0).raw()).contains("-nomethod1", "sqladmin.googleapis.com")
                .doesNotContain("hunter2-do-not-leak");
        assertThat(sink.quarantined.get(2).raw()).contains("-garbage1");
        assertThat(sink.events).filteredOn(e -> e.metadata().uid().equals("-bqdata1")).singleElement()
                .satisfies(e -> assertThat(e.api().response().path("serviceData").path("scalewatch_unparsed").asBoolean())
                        .isTrue());
        assertThat(counts.quarantined()).isEqualTo(5);
        assertThat(counts.read()).isEqualTo(counts.normalized() + 5);
    }

    @Test
    void read_serverIgnoresTheWindow_entriesOutsideItAreDroppedAndCounted() {
        server.ignoreTimestamp(true);
        ScanWindow morning = new ScanWindow(Instant.parse("2026-11-24T06:00:00Z"), Instant.parse("2026-11-24T12:00:00Z"));
        CloudLoggingCollector logs = collector(morning).build();
        RecordingSink sink = new RecordingSink();

        logs.read(sink);

        List<String> expected = Fixtures.expectedIds(allLines(), SA, morning, true);
        assertThat(sink.ids()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sink.events).allSatisfy(e -> assertThat(morning.contains(e.time())).isTrue());
        assertThat(logs.report().outsideWindow()).isEqualTo(Fixtures.expectedIds(allLines(), SA, Fixtures.DAY, true).size()
                - expected.size() + 1 - logs.report().otherPrincipals());
        assertThat(logs.coveredUntil()).isEqualTo(morning.end());
    }

    @Test
    void read_projectAndFolder_mergesBothQueriesByTimestamp() throws Exception {
        List<LogEntry> folderEntries = new ArrayList<>();
        for (LogEntry entry : ENTRIES) {
            boolean ours = entry.getProtoPayload().unpack(AuditLog.class).getAuthenticationInfo().getPrincipalEmail()
                    .equals(SA);
            if (ours && entry.getLogName().endsWith(LogFilter.ACTIVITY_LOG) && folderEntries.size() < 150) {
                folderEntries.add(entry.toBuilder().setInsertId(entry.getInsertId() + "-folder")
                        .setLogName("folders/1234567890/logs/" + LogFilter.ACTIVITY_LOG).build());
            }
        }
        List<LogEntry> all = new ArrayList<>(ENTRIES);
        all.addAll(folderEntries);
        try (LoggingServiceV2Server both = LoggingServiceV2Server.start(all)) {
            CloudLoggingCollector logs = CloudLoggingCollector.builder().logging(both.client())
                    .resourceNames(List.of("projects/demo-project", "folders/1234567890")).serviceAccount(SA)
                    .window(Fixtures.DAY).deadline(Deadline.in(Duration.ofMinutes(15), clock)).dataAccess(true)
                    .pageSize(50).sleeper(clock.sleeper()).build();
            RecordingSink sink = new RecordingSink();

            logs.read(sink);

            assertThat(sink.events).extracting(AuditEvent::time).isSorted();
            assertThat(sink.ids()).filteredOn(id -> id.endsWith("-folder")).hasSize(150);
            assertThat(sink.ids()).hasSize(Fixtures.expectedIds(LINES, SA, Fixtures.DAY, true).size() + 150);
            assertThat(both.requests()).extracting(r -> r.getResourceNames(0)).contains("folders/1234567890");
            assertThat(both.requests()).filteredOn(r -> r.getResourceNames(0).startsWith("folders/")).allSatisfy(r ->
                    assertThat(r.getFilter()).startsWith("logName=(\"folders/1234567890/logs/cloudaudit.googleapis.com"
                            + "%2Factivity\" OR \"folders/1234567890/logs/cloudaudit.googleapis.com%2Fdata_access\")"));
            assertThat(logs.name()).isEqualTo("gcp:logging projects/demo-project,folders/1234567890");
            assertThat(logs.report().complete()).isTrue();
        }
    }

    @Test
    void read_permissionDenied_throwsNamingTheResourceAndCoversNothing() {
        server.deny("projects/demo-project", Code.PERMISSION_DENIED);
        CloudLoggingCollector logs = collector(Fixtures.DAY).build();

        assertThatThrownBy(() -> logs.read(new RecordingSink()))
                .isInstanceOf(CloudLoggingCollectionException.class)
                .hasMessage("gcp:logging projects/demo-project: ListLogEntries failed: PERMISSION_DENIED (Permission"
                        + " 'logging.logEntries.list' denied on resource (or it may not exist): projects/demo-project)");
        assertThat(logs.coveredUntil()).isEqualTo(Fixtures.DAY.start());
        assertThat(logs.report().stopReason()).startsWith("failed: PERMISSION_DENIED");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void read_secondTime_isRefused() {
        CloudLoggingCollector logs = collector(Fixtures.DAY).build();
        logs.read(new RecordingSink());

        assertThatThrownBy(() -> logs.read(new RecordingSink())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already read");
    }

    @Test
    void build_hostileServiceAccount_isRejectedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> collector(Fixtures.DAY).serviceAccount(SA + "\" OR logName:\"x").build())
                .isInstanceOf(InvalidFilterValueException.class).hasMessageContaining("is not an email");
        assertThat(server.requests()).isEmpty();
    }

    private static com.google.protobuf.Timestamp ts(String instant) {
        Instant i = Instant.parse(instant);
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }
}
