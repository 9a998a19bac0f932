package io.scalewatch.aws.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.access.AwsClients;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.CloudTrailNormalizer;
import io.scalewatch.core.normalize.QuarantineKind;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.run.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/** CloudTrail Lake through the real SDK client against {@link CloudTrailApiServer}'s Lake operations. */
class CloudTrailLakeCollectorFunctionalTest {
    private static final String STORE = "EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE";
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
        server.eventDataStore(STORE);
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

    private CloudTrailLakeCollector.Builder collector(ScanWindow window) {
        return CloudTrailLakeCollector.builder().cloudTrail(cloudTrail).eventDataStore(STORE).identity(ROLE)
                .window(window).deadline(Deadline.none()).sleeper(clock.sleeper()).jitter(() -> 0.5)
                .runId("test-run");
    }

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
    void read_queryRunsThenFinishes_pollsWithBackoffAndPagesThroughEveryRow() {
        List<JsonNode> records = DemoTrail.records(DemoTrail.US_EAST_1_BACKGROUND);
        server.addRecords(records);
        server.lakeRunningPolls(3);
        RecordingSink sink = new RecordingSink();
        CloudTrailLakeCollector lake = collector(WHOLE_DAY).pageSize(200).build();

        lake.read(sink);

        Set<String> expected = roleEventIds(records, WHOLE_DAY);
        assertThat(sink.eventIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(lake.report().complete()).isTrue();
        assertThat(lake.coveredUntil()).isEqualTo(WHOLE_DAY.end());
        assertThat(server.requests("StartQuery")).hasSize(1);
        assertThat(server.requests("GetQueryResults")).hasSize(3 + (expected.size() + 199) / 200);
        assertThat(server.requests("GetQueryResults")).allSatisfy(r -> assertThat(r.body().path("QueryId").asText())
                .isEqualTo(lake.queryId()));
        // waits between polls: 1 s doubling, three quarters of each at jitter 0.5
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(750), Duration.ofMillis(1500),
                Duration.ofMillis(3000));
        assertThat(sink.events()).allSatisfy(e -> assertThat(ROLE.matches(e)).isTrue());
    }

    @Test
    void read_rowsRebuiltFromColumns_normalizeLikeTheOriginalRecords() {
        List<JsonNode> records = DemoTrail.records(DemoTrail.US_EAST_1_INCIDENTS);
        server.addRecords(records);
        RecordingSink sink = new RecordingSink();

        collector(WHOLE_DAY).build().read(sink);

        Map<String, JsonNode> byId = records.stream().collect(Collectors.toMap(r -> r.path("eventID").asText(),
                Function.identity(), (a, b) -> a));
        assertThat(sink.events()).isNotEmpty();
        CloudTrailNormalizer normalizer = CloudTrailNormalizer.create();
        for (AuditEvent fromLake : sink.events()) {
            AuditEvent original = normalizer.normalize(byId.get(fromLake.metadata().uid()));
            assertThat(fromLake.time()).isEqualTo(original.time());
            assertThat(fromLake.actor().principal()).isEqualTo(original.actor().principal());
            assertThat(fromLake.actor().session()).isEqualTo(original.actor().session());
            assertThat(fromLake.api().action()).isEqualTo(original.api().action());
            assertThat(fromLake.status()).isEqualTo(original.status());
            assertThat(fromLake.api().error()).isEqualTo(original.api().error());
            assertThat(fromLake.resources()).containsExactlyInAnyOrderElementsOf(original.resources());
            assertThat(fromLake.cloud()).isEqualTo(original.cloud());
        }
        // nested request parameters come back as objects, so rules read the same paths
        AuditEvent launch = sink.events().stream().filter(e -> e.api().action().equals("ec2:RunInstances"))
                .findFirst().orElseThrow();
        JsonNode originalRequest = normalizer.normalize(byId.get(launch.metadata().uid())).api().request();
        assertThat(launch.api().request().path("instancesSet").path("items").get(0).path("imageId").asText())
                .isEqualTo(originalRequest.path("instancesSet").path("items").get(0).path("imageId").asText())
                .isNotEmpty();
        assertThat(launch.api().request().path("instanceType").asText())
                .isEqualTo(originalRequest.path("instanceType").asText());
    }

    @Test
    void build_injectionInTheIdentity_rejectedBeforeAnythingIsSent() {
        IdentityMatcher hostile = IdentityMatcher.parse("arn:aws:iam::111122223333:role/x' OR '1'='1");

        assertThatThrownBy(() -> collector(WHOLE_DAY).identity(hostile).build())
                .isInstanceOf(InvalidQueryValueException.class)
                .hasMessageContaining("arn:aws:iam::111122223333:role/x' OR '1'='1")
                .hasMessageContaining("[A-Za-z0-9+=,.@_/:-]");
        assertThatThrownBy(() -> collector(WHOLE_DAY).eventDataStore("eds; DROP TABLE x --").build())
                .isInstanceOf(InvalidQueryValueException.class)
                .hasMessageContaining("event data store");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void read_queryFailsOnLakesSide_throwsWithLakesMessage() {
        server.addRecords(DemoTrail.records(DemoTrail.US_EAST_1_INCIDENTS));
        server.lakeRunningPolls(1);
        server.lakeEndsWith("FAILED", "Query exceeded the maximum bytes scanned");
        CloudTrailLakeCollector lake = collector(WHOLE_DAY).build();

        assertThatThrownBy(() -> lake.read(new RecordingSink()))
                .isInstanceOf(CloudTrailCollectionException.class)
                .hasMessageContaining("ended FAILED")
                .hasMessageContaining("Query exceeded the maximum bytes scanned");
        assertThat(lake.coveredUntil()).isEqualTo(DAY);
        assertThat(lake.report().complete()).isFalse();
    }

    @Test
    void read_deadlineWhileTheQueryRuns_cancelsItAndCoversNothing() {
        server.addRecords(DemoTrail.records(DemoTrail.US_EAST_1_INCIDENTS));
        server.lakeRunningPolls(1000);
        CloudTrailLakeCollector lake = collector(WHOLE_DAY).deadline(Deadline.in(Duration.ofSeconds(30), clock))
                .deadlineReserve(Duration.ofSeconds(5)).build();
        RecordingSink sink = new RecordingSink();

        lake.read(sink);

        assertThat(lake.report().stopReason()).startsWith("deadline");
        assertThat(lake.coveredUntil()).isEqualTo(DAY);
        assertThat(server.cancelledQueries()).containsExactly(lake.queryId());
        assertThat(sink.events()).isEmpty();
    }

    @Test
    void read_deadlineWhilePaging_coversUpToTheLastRowAndTheNextWindowLeavesNoGap() {
        List<JsonNode> records = DemoTrail.records(DemoTrail.US_EAST_1_BACKGROUND);
        server.addRecords(records);
        server.onRequest(r -> clock.advance(Duration.ofSeconds(5)));
        RecordingSink first = new RecordingSink();
        CloudTrailLakeCollector run1 = collector(WHOLE_DAY).pageSize(100)
                .deadline(Deadline.in(Duration.ofSeconds(80), clock)).deadlineReserve(Duration.ofSeconds(10)).build();

        run1.read(first);

        Instant covered = run1.coveredUntil();
        assertThat(run1.report().complete()).isFalse();
        assertThat(covered).isAfter(DAY).isBefore(WHOLE_DAY.end());
        assertThat(first.eventIds()).containsAll(roleEventIds(records, new ScanWindow(DAY, covered)));
        assertThat(first.events()).allSatisfy(e -> assertThat(e.time()).isBeforeOrEqualTo(covered));

        RecordingSink second = new RecordingSink();
        collector(new ScanWindow(covered.minus(Duration.ofMinutes(10)), WHOLE_DAY.end())).build().read(second);
        Set<String> union = new HashSet<>(first.eventIds());
        union.addAll(second.eventIds());
        assertThat(union).isEqualTo(roleEventIds(records, WHOLE_DAY));
    }

    @Test
    void read_throttledStartAndPoll_retriedWithBackoff() {
        List<JsonNode> records = DemoTrail.records(DemoTrail.US_EAST_1_INCIDENTS);
        server.addRecords(records);
        server.throttleNext(2);
        RecordingSink sink = new RecordingSink();
        CloudTrailLakeCollector lake = collector(WHOLE_DAY).build();

        lake.read(sink);

        assertThat(lake.report().retries()).isEqualTo(2);
        assertThat(sink.eventIds()).containsExactlyInAnyOrderElementsOf(roleEventIds(records, WHOLE_DAY));
    }

    @Test
    void read_hostileRow_quarantinedWithRedactedRawText() {
        server.addRecords(DemoTrail.records(DemoTrail.US_EAST_1_INCIDENTS));
        server.addRawEvent("0f6b3c1e-1111-4a55-9d1e-000000000002", DAY.plus(Duration.ofHours(3)).plusSeconds(85),
                DemoTrail.resource("cloudtrail/hostile/control-character-key.json"));
        RecordingSink sink = new RecordingSink();

        collector(WHOLE_DAY).build().read(sink);

        assertThat(sink.quarantined()).hasSize(1);
        QuarantinedRecord bad = sink.quarantined().get(0);
        assertThat(bad.kind()).isEqualTo(QuarantineKind.CONTROL_CHARACTER_IN_KEY);
        assertThat(bad.source()).isEqualTo("cloudtrail:lake " + STORE);
        assertThat(bad.reason()).startsWith("event 0f6b3c1e-1111-4a55-9d1e-000000000002: ");
        assertThat(bad.raw()).contains("RunInstances").doesNotContain("IyEvYmluL2Jhc2gKY3VybC");
    }

    @Test
    void read_unknownEventDataStore_throwsNamingIt() {
        CloudTrailLakeCollector lake = collector(WHOLE_DAY).eventDataStore("arn:aws:cloudtrail:us-east-1:111122223333:"
                + "eventdatastore/other-store").build();

        assertThatThrownBy(() -> lake.read(new RecordingSink()))
                .isInstanceOf(CloudTrailCollectionException.class)
                .hasMessageContaining("cloudtrail:lake other-store")
                .hasMessageContaining("EventDataStoreNotFoundException");
    }
}
