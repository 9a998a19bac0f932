package io.scalewatch.aws.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.access.AwsClients;
import io.scalewatch.core.checkpoint.Checkpoint;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.QuarantineKind;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.run.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/** CloudTrail LookupEvents through the real SDK client against {@link CloudTrailApiServer}. */
class CloudTrailLookupCollectorFunctionalTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");
    private static final ScanWindow WHOLE_DAY = new ScanWindow(DAY, DAY.plus(Duration.ofDays(1)));
    private static final IdentityMatcher ROLE = IdentityMatcher.parse(DemoTrail.ROLE);

    private CloudTrailApiServer server;
    private AwsClients clients;
    private CloudTrailClient cloudTrail;
    private CollectTestClock clock;

    @BeforeEach
    void start() {
        server = CloudTrailApiServer.start();
        clients = AwsClients.builder().endpointOverride(server.endpoint()).build();
        cloudTrail = clients.cloudTrail(Region.US_EAST_1, Moto.credentials());
        clock = new CollectTestClock(Instant.parse("2026-11-25T00:20:00Z"));
    }

    @AfterEach
    void stop() {
        cloudTrail.close();
        clients.close();
        server.close();
    }

    private CloudTrailLookupCollector.Builder collector(ScanWindow window) {
        return CloudTrailLookupCollector.builder()
                .cloudTrail(cloudTrail).account("111122223333").region("us-east-1")
                .identity(ROLE).window(window).deadline(Deadline.none())
                .rateLimiter(RateLimiter.create(2, 1, clock, clock.sleeper()))
                .sleeper(clock.sleeper()).jitter(() -> 0.5).runId("test-run");
    }

    // The oracle, read straight from the records: the role's sessions and AssumeRole calls into the role.
    private static Set<String> roleEventIds(List<JsonNode> records, ScanWindow window) {
        return records.stream()
                .filter(r -> window.contains(Instant.parse(r.path("eventTime").asText())))
                .filter(r -> DemoTrail.ROLE.equals(r.path("userIdentity").path("sessionContext").path("sessionIssuer")
                        .path("arn").asText())
                        || r.path("eventName").asText().startsWith("AssumeRole")
                        && DemoTrail.ROLE.equals(r.path("requestParameters").path("roleArn").asText()))
                .map(r -> r.path("eventID").asText())
                .collect(Collectors.toSet());
    }

    @Test
    void read_thousandsOfEventsOverManyPages_handsOverEveryRoleEventExactlyOnce() {
        List<JsonNode> records = DemoTrail.records(DemoTrail.US_EAST_1_BACKGROUND);
        server.addRecords(records);
        RecordingSink sink = new RecordingSink();
        CloudTrailLookupCollector lookup = collector(WHOLE_DAY).build();

        ReadCounts counts = lookup.read(sink);

        Set<String> expected = roleEventIds(records, WHOLE_DAY);
        assertThat(records).hasSizeGreaterThan(3000);
        assertThat(expected).hasSizeGreaterThan(1000);
        assertThat(sink.eventIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(counts.aws().read()).isEqualTo(records.size());
        assertThat(counts.quarantined()).isZero();
        CollectionReport report = lookup.report();
        assertThat(report.complete()).isTrue();
        assertThat(lookup.coveredUntil()).isEqualTo(WHOLE_DAY.end());
        assertThat(report.handed()).isEqualTo(expected.size());
        assertThat(report.otherPrincipals()).isEqualTo(records.size() - expected.size());
        List<CloudTrailApiServer.Request> requests = server.requests("LookupEvents");
        assertThat(requests).hasSizeGreaterThanOrEqualTo(records.size() / 50);
        assertThat(report.requests()).isEqualTo(requests.size());
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.body().path("MaxResults").asInt()).isEqualTo(50);
            assertThat(r.body().has("LookupAttributes")).as("identity is matched client-side").isFalse();
            assertThat(r.headers().get("Content-type")).containsExactly("application/x-amz-json-1.1");
        });
    }

    @Test
    void read_manyPages_neverSendsMoreThanTwoRequestsInAnySecond() {
        server.addRecords(DemoTrail.records(DemoTrail.US_EAST_1_BACKGROUND));
        List<Instant> sent = new CopyOnWriteArrayList<>();
        server.onRequest(r -> sent.add(clock.instant()));

        collector(WHOLE_DAY).build().read(new RecordingSink());

        assertThat(sent).hasSizeGreaterThan(60);
        for (int i = 2; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 2), sent.get(i)))
                    .as("requests %d..%d", i - 2, i).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void read_systemClock_spacesRequestsHalfASecondApart() {
        server.addRecords(DemoTrail.records(DemoTrail.US_EAST_1_INCIDENTS));
        CloudTrailLookupCollector lookup = collector(new ScanWindow(DAY, DAY.plus(Duration.ofHours(5))))
                .rateLimiter(RateLimiter.lookupEvents()).sleeper(Sleeper.system()).build();

        lookup.read(new RecordingSink());

        List<CloudTrailApiServer.Request> requests = server.requests();
        assertThat(requests).hasSizeGreaterThanOrEqualTo(5);
        for (int i = 1; i < requests.size(); i++) {
            long gapMillis = (requests.get(i).receivedNanos() - requests.get(i - 1).receivedNanos()) / 1_000_000;
            assertThat(gapMillis).as("gap before request %d", i).isGreaterThanOrEqualTo(450);
        }
    }

    @Test
    void read_throttledThenSuccess_retriesWithBackoffAndLosesNothing() {
        List<JsonNode> records = DemoTrail.records(DemoTrail.US_EAST_1_INCIDENTS);
        server.addRecords(records);
        server.throttleNext(3);
        RecordingSink sink = new RecordingSink();
        CloudTrailLookupCollector lookup = collector(WHOLE_DAY).build();

        lookup.read(sink);

        assertThat(sink.eventIds()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(roleEventIds(records, WHOLE_DAY));
        CollectionReport report = lookup.report();
        assertThat(report.complete()).isTrue();
        assertThat(report.retries()).isEqualTo(3);
        assertThat(report.requests()).isEqualTo(server.requests().size());
        // full jitter at 0.5 of a ceiling doubling from 200 ms
        assertThat(clock.sleeps()).contains(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void read_throttledBeyondRetries_stopsAndCoversOnlyTheSlicesReadToTheEnd() {
        List<JsonNode> records = DemoTrail.records(DemoTrail.US_EAST_1_BACKGROUND);
        server.addRecords(records);
        ScanWindow window = new ScanWindow(DAY, DAY.plus(Duration.ofHours(3)));
        List<Instant> sliceStarts = new ArrayList<>();
        server.onRequest(r -> {
            Instant start = Instant.ofEpochSecond(r.body().path("StartTime").asLong());
            if (!sliceStarts.contains(start)) {
                sliceStarts.add(start);
            }
            if (sliceStarts.size() == 2 && r.body().has("NextToken")) {
                server.throttleNext(1); // from the second page of the second slice on, every request is throttled
            }
        });
        RecordingSink sink = new RecordingSink();
        CloudTrailLookupCollector lookup = collector(window).retryPolicy(
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1))).build();

        lookup.read(sink);

        CollectionReport report = lookup.report();
        assertThat(report.complete()).isFalse();
        assertThat(report.stopReason()).startsWith("throttled: LookupEvents").contains("ThrottlingException")
                .contains("failed 3 times");
        assertThat(lookup.coveredUntil()).isEqualTo(DAY.plus(Duration.ofHours(1)));
        assertThat(sink.eventIds()).containsAll(roleEventIds(records, new ScanWindow(DAY, lookup.coveredUntil())));
    }

    @Test
    void read_hostileEvents_quarantinedWithReasonsWhileTheOthersNormalize() throws Exception {
        List<JsonNode> records = DemoTrail.records(DemoTrail.US_EAST_1_INCIDENTS);
        server.addRecords(records);
        Instant at = DAY.plus(Duration.ofHours(3));
        Map<String, String> hostile = Map.of(
                "0f6b3c1e-1111-4a55-9d1e-000000000001", "cloudtrail/hostile/wrong-type-event-time.json",
                "0f6b3c1e-1111-4a55-9d1e-000000000002", "cloudtrail/hostile/control-character-key.json",
                "0f6b3c1e-1111-4a55-9d1e-000000000003", "cloudtrail/hostile/missing-event-name.json",
                "0f6b3c1e-1111-4a55-9d1e-000000000004", "cloudtrail/hostile/user-identity-array.json",
                "0f6b3c1e-1111-4a55-9d1e-000000000005", "cloudtrail/hostile/truncated.json");
        hostile.forEach((id, file) -> server.addRawEvent(id, at, DemoTrail.resource(file)));
        // a field over core's 1 MiB limit, in an otherwise valid record of the watched role
        ObjectNode huge =
                (ObjectNode) MAPPER.readTree(DemoTrail.resource("cloudtrail/hostile/missing-event-name.json"));
        huge.put("eventName", "RunInstances").put("eventID", "0f6b3c1e-1111-4a55-9d1e-000000000006")
                .put("userAgent", "x".repeat(2 * 1024 * 1024));
        server.addRawEvent("0f6b3c1e-1111-4a55-9d1e-000000000006", at, huge.toString());
        RecordingSink sink = new RecordingSink();

        ReadCounts counts = collector(WHOLE_DAY).build().read(sink);

        Map<String, QuarantinedRecord> byId = sink.quarantined().stream().collect(Collectors.toMap(
                q -> q.reason().substring("event ".length(), q.reason().indexOf(':')), Function.identity()));
        assertThat(byId).hasSize(6);
        assertThat(byId.get("0f6b3c1e-1111-4a55-9d1e-000000000001").kind()).isEqualTo(QuarantineKind.WRONG_TYPE);
        assertThat(byId.get("0f6b3c1e-1111-4a55-9d1e-000000000001").reason()).contains("eventTime");
        assertThat(byId.get("0f6b3c1e-1111-4a55-9d1e-000000000002").kind())
                .isEqualTo(QuarantineKind.CONTROL_CHARACTER_IN_KEY);
        assertThat(byId.get("0f6b3c1e-1111-4a55-9d1e-000000000003").kind()).isEqualTo(QuarantineKind.MISSING_FIELD);
        assertThat(byId.get("0f6b3c1e-1111-4a55-9d1e-000000000004").kind()).isEqualTo(QuarantineKind.WRONG_TYPE);
        assertThat(byId.get("0f6b3c1e-1111-4a55-9d1e-000000000004").reason()).contains("userIdentity");
        assertThat(byId.get("0f6b3c1e-1111-4a55-9d1e-000000000005").kind())
                .isIn(QuarantineKind.MALFORMED_JSON, QuarantineKind.TRUNCATED_INPUT);
        assertThat(byId.get("0f6b3c1e-1111-4a55-9d1e-000000000006").kind()).isEqualTo(QuarantineKind.FIELD_TOO_LARGE);
        assertThat(sink.quarantined()).allSatisfy(q -> {
            assertThat(q.source()).isEqualTo("cloudtrail:lookup 111122223333/us-east-1");
            assertThat(q.line()).isPositive();
            assertThat(q.raw().length()).isLessThanOrEqualTo(QuarantinedRecord.MAX_RAW_BYTES);
        });
        // the user data of the quarantined launch is redacted in the raw text, the record is still recognisable
        QuarantinedRecord controlKey = byId.get("0f6b3c1e-1111-4a55-9d1e-000000000002");
        assertThat(controlKey.raw()).contains("RunInstances").doesNotContain("IyEvYmluL2Jhc2gKY3VybC");
        assertThat(byId.get("0f6b3c1e-1111-4a55-9d1e-000000000006").truncated()).isTrue();
        assertThat(counts.quarantined()).isEqualTo(6);
        assertThat(counts.aws().read()).isEqualTo(records.size() + 6);
        assertThat(sink.eventIds()).containsExactlyInAnyOrderElementsOf(roleEventIds(records, WHOLE_DAY));
    }

    @Test
    void read_deadlineMidCollection_coversWhatWasReadAndTheNextWindowLeavesNoGap() {
        List<JsonNode> records = DemoTrail.records(DemoTrail.US_EAST_1_BACKGROUND);
        server.addRecords(records);
        RecordingSink first = new RecordingSink();
        // 2 requests per second on the fake clock: 60 s minus a 10 s reserve is about 100 requests of ~95
        Deadline deadline = Deadline.in(Duration.ofSeconds(40), clock);
        CloudTrailLookupCollector run1 = collector(WHOLE_DAY).deadline(deadline)
                .deadlineReserve(Duration.ofSeconds(10)).build();

        run1.read(first);

        CollectionReport report = run1.report();
        assertThat(report.complete()).isFalse();
        assertThat(report.stopReason()).startsWith("deadline");
        Instant covered = run1.coveredUntil();
        assertThat(covered).isAfter(DAY).isBefore(WHOLE_DAY.end());
        assertThat(Duration.between(DAY, covered).toMinutes() % 60).as("a slice boundary").isZero();
        // honest: every role event before coveredUntil was handed over in this run
        assertThat(first.eventIds()).containsAll(roleEventIds(records, new ScanWindow(DAY, covered)));

        Checkpoint checkpoint = new Checkpoint(new CheckpointKey(CloudProvider.AWS, "111122223333", "us-east-1",
                DemoTrail.ROLE), covered, "run-1", clock.instant());
        ScanWindow next = ScanWindow.next(Optional.of(checkpoint), WHOLE_DAY.end().plus(Duration.ofMinutes(15)),
                new ScanWindow.Policy(Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofDays(1),
                        Duration.ofDays(1)));
        assertThat(next.start()).isEqualTo(covered.minus(Duration.ofMinutes(10)));
        RecordingSink second = new RecordingSink();
        CloudTrailLookupCollector run2 = collector(next).build();
        run2.read(second);

        assertThat(run2.report().complete()).isTrue();
        Set<String> union = new HashSet<>(first.eventIds());
        union.addAll(second.eventIds());
        assertThat(union).isEqualTo(roleEventIds(records, WHOLE_DAY));
    }

    @Test
    void read_lookalikeRoles_keepsTheRoleSessionsAndAssumeRoleIntoTheRoleOnly() throws Exception {
        List<JsonNode> nearMiss = new ArrayList<>();
        MAPPER.readTree(DemoTrail.resource("cloudtrail/identity/near-miss-roles.json")).path("Records")
                .forEach(nearMiss::add);
        List<JsonNode> demo = DemoTrail.records(DemoTrail.US_EAST_1_BACKGROUND).stream()
                .filter(r -> r.path("eventTime").asText().startsWith("2026-11-24T00:")).toList();
        server.addRecords(nearMiss);
        server.addRecords(demo);
        RecordingSink sink = new RecordingSink();
        CloudTrailLookupCollector lookup = collector(WHOLE_DAY).build();

        lookup.read(sink);

        assertThat(sink.eventIds())
                .contains("7a1e0000-0000-4000-8000-000000000004")   // a session of the role
                .contains("35729a89-0907-4d4a-b60d-d20d98a146c4")   // the vendor's AssumeRole into the role
                .doesNotContain("7a1e0000-0000-4000-8000-000000000001",  // castai-eks-demo2's session
                        "7a1e0000-0000-4000-8000-000000000002",           // same name, other account
                        "7a1e0000-0000-4000-8000-000000000003");          // AssumeRole into castai-eks-demo2
        assertThat(sink.events()).allSatisfy(e -> assertThat(ROLE.matches(e)).isTrue());
        assertThat(sink.events()).anySatisfy(e -> assertThat(e.actor().principal())
                .isEqualTo("arn:aws:iam::999988887777:role/castai-control-plane"));
        assertThat(lookup.report().otherPrincipals()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void read_eventsOnSliceAndWindowBoundaries_eachReadOnceAndTheEndExcluded() throws Exception {
        JsonNode template = DemoTrail.records(DemoTrail.US_EAST_1_BACKGROUND).stream()
                .filter(r -> DemoTrail.ROLE.equals(r.path("userIdentity").path("sessionContext")
                        .path("sessionIssuer").path("arn").asText())).findFirst().orElseThrow();
        ScanWindow window = new ScanWindow(DAY, DAY.plus(Duration.ofHours(2)));
        List<JsonNode> boundary = new ArrayList<>();
        String[] times = {"2026-11-24T00:00:00Z", "2026-11-24T01:00:00Z", "2026-11-24T02:00:00Z"};
        for (int i = 0; i < times.length; i++) {
            ObjectNode copy = template.deepCopy();
            copy.put("eventTime", times[i]).put("eventID", "b0a4d000-0000-4000-8000-00000000000" + i);
            boundary.add(copy);
        }
        server.addRecords(boundary);
        RecordingSink sink = new RecordingSink();
        CloudTrailLookupCollector lookup = collector(window).build();

        ReadCounts counts = lookup.read(sink);

        assertThat(sink.eventIds()).containsExactlyInAnyOrder("b0a4d000-0000-4000-8000-000000000000",
                "b0a4d000-0000-4000-8000-000000000001");
        assertThat(counts.read()).isEqualTo(2);
        assertThat(lookup.report().outsideWindow()).isEqualTo(1);
    }

    @Test
    void read_accessDenied_throwsNamingTheErrorAndKeepsAnHonestReport() {
        server.addRecords(DemoTrail.records(DemoTrail.US_EAST_1_INCIDENTS));
        server.failNext("LookupEvents", 400, "AccessDeniedException", "User: arn:aws:sts::111122223333:assumed-role/"
                + "scalewatch-read/scalewatch-r1 is not authorized to perform: cloudtrail:LookupEvents");
        CloudTrailLookupCollector lookup = collector(WHOLE_DAY).build();

        assertThatThrownBy(() -> lookup.read(new RecordingSink()))
                .isInstanceOf(CloudTrailCollectionException.class)
                .hasMessageContaining("cloudtrail:lookup 111122223333/us-east-1")
                .hasMessageContaining("AccessDeniedException (HTTP 400")
                .hasNoCause();
        assertThat(lookup.coveredUntil()).isEqualTo(DAY);
        assertThat(lookup.report().stopReason()).startsWith("failed: AccessDeniedException");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void read_calledTwice_isRefused() {
        CloudTrailLookupCollector lookup = collector(new ScanWindow(DAY, DAY.plus(Duration.ofMinutes(5)))).build();
        lookup.read(new RecordingSink());

        assertThatThrownBy(() -> lookup.read(new RecordingSink())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already read");
    }

    @Test
    void read_watchedEvents_carryTheApiEventTimeAndTheirEventIds() {
        List<JsonNode> records = DemoTrail.records(DemoTrail.US_EAST_1_INCIDENTS);
        server.addRecords(records);
        RecordingSink sink = new RecordingSink();

        collector(WHOLE_DAY).build().read(sink);

        Map<String, JsonNode> byId = records.stream().collect(Collectors.toMap(
                r -> r.path("eventID").asText(), Function.identity(), (a, b) -> a));
        for (AuditEvent event : sink.events()) {
            JsonNode record = byId.get(event.metadata().uid());
            assertThat(event.time()).isEqualTo(Instant.parse(record.path("eventTime").asText()));
        }
    }
}
