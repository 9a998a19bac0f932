package io.scalewatch.aws.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.access.AwsClients;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.QuarantineKind;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.run.Deadline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Trail objects in S3 (moto), read by the real SDK client, some requests through a fault-injecting proxy. */
class CloudTrailS3CollectorFunctionalTest {
    private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");
    private static final IdentityMatcher ROLE = IdentityMatcher.parse(DemoTrail.ROLE);
    private static final String ORG = "o-a1b2c3d4e5";
    private static final String ROOT = "AWSLogs/" + ORG + "/111122223333/CloudTrail/us-east-1/";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_PATH =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final Duration DELIVERY = Duration.ofMinutes(5);

    private static String bucket;
    private static List<JsonNode> records;
    /** key -> stamp of every trail object uploaded. */
    private static Map<String, Instant> objects;

    @BeforeAll
    static void upload() {
        bucket = "scalewatch-trail-" + UUID.randomUUID().toString().substring(0, 8);
        records = DemoTrail.records(DemoTrail.US_EAST_1_BACKGROUND);
        try (S3Client s3 = Moto.s3()) {
            s3.createBucket(b -> b.bucket(bucket));
            objects = putTrail(s3, bucket, "", records);
        }
    }

    // Five-minute files, each stamped five minutes after its period (CloudTrail's delivery), gzip JSON.
    static Map<String, Instant> putTrail(S3Client s3, String bucket, String prefix, List<JsonNode> records) {
        Map<Instant, ArrayNode> chunks = new TreeMap<>();
        for (JsonNode record : records) {
            Instant time = Instant.parse(record.path("eventTime").asText());
            Instant chunk = Instant.ofEpochSecond(time.getEpochSecond() / 300 * 300);
            chunks.computeIfAbsent(chunk, c -> JsonNodeFactory.instance.arrayNode()).add(record);
        }
        Map<String, Instant> keys = new TreeMap<>();
        int n = 0;
        for (Map.Entry<Instant, ArrayNode> chunk : chunks.entrySet()) {
            Instant stamp = chunk.getKey().plus(Duration.ofMinutes(5)).plus(DELIVERY);
            String key = keyOf(prefix, stamp, n++);
            ObjectNode doc = JsonNodeFactory.instance.objectNode();
            doc.set("Records", chunk.getValue());
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(gzip(doc.toString())));
            keys.put(key, stamp);
        }
        return keys;
    }

    static String keyOf(String prefix, Instant stamp, int n) {
        return prefix + ROOT + DAY_PATH.format(stamp) + "/111122223333_CloudTrail_us-east-1_" + STAMP.format(stamp)
                + "_" + String.format("Ab3dE5gH7jK9%04d", n) + ".json.gz";
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Set<String> roleEventIds(ScanWindow window) {
        return records.stream()
                .filter(r -> window.contains(Instant.parse(r.path("eventTime").asText())))
                .filter(r -> ROLE.value().equals(r.path("userIdentity").path("sessionContext").path("sessionIssuer")
                        .path("arn").asText())
                        || r.path("eventName").asText().startsWith("AssumeRole")
                        && ROLE.value().equals(r.path("requestParameters").path("roleArn").asText()))
                .map(r -> r.path("eventID").asText())
                .collect(Collectors.toSet());
    }

    private static CloudTrailS3Collector.Builder collector(S3Client s3, ScanWindow window) {
        return CloudTrailS3Collector.builder().s3(s3).bucket(bucket).organizationId(ORG).account("111122223333")
                .region("us-east-1").identity(ROLE).window(window).deadline(Deadline.none()).runId("test-run");
    }

    private static AwsClients clients(MotoForwardingProxy proxy, int attempts) {
        return AwsClients.builder().endpointOverride(proxy.endpoint()).s3MaxAttempts(attempts)
                .throttlingBaseDelay(Duration.ofMillis(5)).build();
    }

    private static List<String> gets(MotoForwardingProxy proxy) {
        return proxy.requests().stream()
                .filter(r -> r.method().equals("GET") && !r.pathAndQuery().contains("list-type"))
                .map(r -> URLDecoder.decode(r.pathAndQuery().substring(bucket.length() + 2), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void read_twoHourWindow_readsOnlyTheObjectsItNeedsInParallelAndHandsEveryRoleEvent() {
        ScanWindow window = new ScanWindow(DAY.plus(Duration.ofHours(10)), DAY.plus(Duration.ofHours(12)));
        RecordingSink sink = new RecordingSink();
        try (MotoForwardingProxy proxy = MotoForwardingProxy.to(Moto.endpoint());
                AwsClients clients = clients(proxy, 3);
                S3Client s3 = clients.s3(Region.US_EAST_1, Moto.credentials())) {
            CloudTrailS3Collector collector = collector(s3, window).parallelism(8).build();

            ReadCounts counts = collector.read(sink);

            Set<String> needed = objects.entrySet().stream()
                    .filter(e -> !e.getValue().isBefore(window.start().minus(Duration.ofMinutes(1)))
                            && e.getValue().isBefore(window.end().plus(Duration.ofMinutes(20))))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertThat(gets(proxy)).containsExactlyInAnyOrderElementsOf(needed);
            assertThat(needed).hasSizeLessThan(objects.size() / 8);
            assertThat(proxy.requests().stream().filter(r -> r.pathAndQuery().contains("list-type")))
                    .singleElement().satisfies(r -> assertThat(URLDecoder.decode(r.pathAndQuery(),
                            StandardCharsets.UTF_8)).contains("prefix=" + ROOT + "2026/11/24/"));
            assertThat(sink.eventIds()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(roleEventIds(window));
            CollectionReport report = collector.report();
            assertThat(report.complete()).isTrue();
            assertThat(collector.coveredUntil()).isEqualTo(window.end());
            assertThat(report.outsideWindow()).isPositive();
            assertThat(counts.quarantined()).isZero();
            assertThat(collector.objectsRead()).isEqualTo(needed.size());
            assertThat(report.source()).isEqualTo("cloudtrail:s3 s3://" + bucket + "/" + ROOT);
        }
    }

    @Test
    void read_windowAcrossMidnight_listsOnlyTheDaysItTouches() {
        ScanWindow window = new ScanWindow(DAY.plus(Duration.ofHours(23)), DAY.plus(Duration.ofHours(24 + 1)));
        RecordingSink sink = new RecordingSink();
        try (MotoForwardingProxy proxy = MotoForwardingProxy.to(Moto.endpoint());
                AwsClients clients = clients(proxy, 3);
                S3Client s3 = clients.s3(Region.US_EAST_1, Moto.credentials())) {
            collector(s3, window).build().read(sink);

            List<String> listed = proxy.requests().stream().filter(r -> r.pathAndQuery().contains("list-type"))
                    .map(r -> URLDecoder.decode(r.pathAndQuery(), StandardCharsets.UTF_8))
                    .map(q -> q.substring(q.indexOf("/CloudTrail/us-east-1/") + 22))
                    .map(q -> q.substring(0, 10))
                    .toList();
            assertThat(listed).containsExactly("2026/11/24", "2026/11/25");
            assertThat(sink.eventIds()).containsExactlyInAnyOrderElementsOf(roleEventIds(window));
        }
    }

    @Test
    void read_slowDown503_retriedByTheClientAndNothingLost() {
        ScanWindow window = new ScanWindow(DAY.plus(Duration.ofHours(3)), DAY.plus(Duration.ofHours(4)));
        RecordingSink sink = new RecordingSink();
        try (MotoForwardingProxy proxy = MotoForwardingProxy.to(Moto.endpoint());
                AwsClients clients = clients(proxy, 5);
                S3Client s3 = clients.s3(Region.US_EAST_1, Moto.credentials())) {
            proxy.slowDown(r -> r.method().equals("GET") && r.pathAndQuery().endsWith(".json.gz"), 4);
            CloudTrailS3Collector collector = collector(s3, window).parallelism(2).build();

            collector.read(sink);

            assertThat(proxy.faulted()).hasSize(4);
            assertThat(collector.report().complete()).isTrue();
            assertThat(sink.eventIds()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(roleEventIds(window));
        }
    }

    @Test
    void read_slowDownBeyondRetries_leavesTheObjectUnreadAndCoverageStopsBeforeIt() {
        ScanWindow window = new ScanWindow(DAY.plus(Duration.ofHours(5)), DAY.plus(Duration.ofHours(6)));
        String stubborn = objects.entrySet().stream()
                .filter(e -> e.getValue().equals(DAY.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(40))))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        RecordingSink sink = new RecordingSink();
        try (MotoForwardingProxy proxy = MotoForwardingProxy.to(Moto.endpoint());
                AwsClients clients = clients(proxy, 2);
                S3Client s3 = clients.s3(Region.US_EAST_1, Moto.credentials())) {
            proxy.slowDown(r -> r.pathAndQuery().endsWith(stubborn.substring(stubborn.lastIndexOf('/') + 1)), 100);
            CloudTrailS3Collector collector = collector(s3, window).build();

            collector.read(sink);

            CollectionReport report = collector.report();
            assertThat(proxy.faulted()).hasSize(2);
            assertThat(report.complete()).isFalse();
            assertThat(report.stopReason()).contains("failed: 1 of").contains("SlowDown").contains("HTTP 503");
            // the file stamped 05:40 may hold events from 05:20 on
            assertThat(collector.coveredUntil()).isEqualTo(DAY.plus(Duration.ofHours(5)).plus(Duration.ofMinutes(20)));
            assertThat(sink.eventIds())
                    .containsAll(roleEventIds(new ScanWindow(window.start(), collector.coveredUntil())));
        }
    }

    @Test
    void read_deadlineMidCollection_coversUpToTheFirstUnreadObjectAndTheNextWindowLeavesNoGap() {
        ScanWindow window = new ScanWindow(DAY.plus(Duration.ofHours(6)), DAY.plus(Duration.ofHours(9)));
        CollectTestClock clock = new CollectTestClock(DAY.plus(Duration.ofDays(1)));
        RecordingSink first = new RecordingSink();
        CloudTrailS3Collector run1;
        try (MotoForwardingProxy proxy = MotoForwardingProxy.to(Moto.endpoint());
                AwsClients clients = clients(proxy, 3);
                S3Client s3 = clients.s3(Region.US_EAST_1, Moto.credentials())) {
            proxy.onRequest(r -> clock.advance(Duration.ofSeconds(10)));
            run1 = collector(s3, window).parallelism(1).deadline(Deadline.in(Duration.ofSeconds(200), clock))
                    .deadlineReserve(Duration.ofSeconds(30)).build();
            run1.read(first);
        }
        CollectionReport report = run1.report();
        assertThat(report.complete()).isFalse();
        assertThat(report.stopReason()).startsWith("deadline: ");
        Instant covered = run1.coveredUntil();
        assertThat(covered).isAfter(window.start()).isBefore(window.end());
        assertThat(first.eventIds()).containsAll(roleEventIds(new ScanWindow(window.start(), covered)));

        RecordingSink second = new RecordingSink();
        try (S3Client s3 = Moto.s3()) {
            CloudTrailS3Collector run2 = collector(s3, new ScanWindow(covered.minus(Duration.ofMinutes(10)),
                    window.end())).build();
            run2.read(second);
            assertThat(run2.report().complete()).isTrue();
        }
        Set<String> union = new HashSet<>(first.eventIds());
        union.addAll(second.eventIds());
        assertThat(union).isEqualTo(roleEventIds(window));
    }

    @Test
    void read_trailPrefixCorruptAndForeignObjects_quarantinesTheCorruptAndSkipsTheForeign() {
        String other = "scalewatch-trail-" + UUID.randomUUID().toString().substring(0, 8);
        ScanWindow window = new ScanWindow(DAY.plus(Duration.ofHours(1)), DAY.plus(Duration.ofHours(2)));
        List<JsonNode> hour = records.stream().filter(r -> r.path("eventTime").asText().startsWith("2026-11-24T01:"))
                .toList();
        try (S3Client s3 = Moto.s3()) {
            s3.createBucket(b -> b.bucket(other));
            Map<String, Instant> keys = putTrail(s3, other, "trails/", hour);
            String day = "trails/" + ROOT + "2026/11/24/";
            byte[] whole = gzip("{\"Records\": [" + hour.get(0) + "," + hour.get(1) + "]}");
            byte[] cut = Arrays.copyOf(whole, whole.length - 12);
            String corrupt = day + "111122223333_CloudTrail_us-east-1_20261124T0130Z_CorruptCorrupt01.json.gz";
            s3.putObject(b -> b.bucket(other).key(corrupt), RequestBody.fromBytes(cut));
            s3.putObject(b -> b.bucket(other).key(day + "README.txt"), RequestBody.fromString("not a trail file"));
            s3.putObject(b -> b.bucket(other).key(day + "444455556666_CloudTrail_us-east-1_20261124T0130Z_Foreign0"
                    + "0000001.json.gz"), RequestBody.fromBytes(gzip("{\"Records\": []}")));
            RecordingSink sink = new RecordingSink();
            CloudTrailS3Collector collector = CloudTrailS3Collector.builder().s3(s3).bucket(other).prefix("trails")
                    .organizationId(ORG).account("111122223333").region("us-east-1").identity(ROLE).window(window)
                    .deadline(Deadline.none()).build();

            collector.read(sink);

            assertThat(collector.keysSkipped()).isEqualTo(2);
            assertThat(collector.objectsRead()).isEqualTo(keys.values().stream()
                    .filter(s -> !s.isBefore(window.start().minusSeconds(60))).count() + 1);
            assertThat(sink.quarantined()).singleElement().satisfies(q -> {
                assertThat(q.source()).isEqualTo("s3://" + other + "/" + corrupt);
                assertThat(q.kind()).isIn(QuarantineKind.TRUNCATED_INPUT, QuarantineKind.UNREADABLE_INPUT);
            });
            Set<String> expected = roleEventIds(window);
            assertThat(new HashSet<>(sink.eventIds())).isEqualTo(expected);
        }
    }

    @Test
    void build_invalidSettings_rejectedWithTheSettingNamed() {
        try (S3Client s3 = Moto.s3()) {
            ScanWindow window = new ScanWindow(DAY, DAY.plusSeconds(60));
            assertThatThrownBy(() -> collector(s3, window).organizationId("org-1").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("organizationId");
            assertThatThrownBy(() -> collector(s3, window).account("1111").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12-digit");
            assertThatThrownBy(() -> collector(s3, window).parallelism(0).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism");
        }
    }

    @Test
    void read_missingBucket_throwsNamingTheSource() {
        try (S3Client s3 = Moto.s3()) {
            CloudTrailS3Collector collector = CloudTrailS3Collector.builder().s3(s3).bucket("scalewatch-no-such-bucket")
                    .account("111122223333").region("us-east-1").identity(ROLE)
                    .window(new ScanWindow(DAY, DAY.plusSeconds(600))).deadline(Deadline.none()).build();

            assertThatThrownBy(() -> collector.read(new RecordingSink()))
                    .isInstanceOf(CloudTrailCollectionException.class)
                    .hasMessageContaining("s3://scalewatch-no-such-bucket/AWSLogs/111122223333/CloudTrail/us-east-1/")
                    .hasMessageContaining("NoSuchBucket");
        }
    }
}
