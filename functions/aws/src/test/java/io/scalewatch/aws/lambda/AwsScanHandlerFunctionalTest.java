package io.scalewatch.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.checkpoint.S3BaselineStore;
import io.scalewatch.aws.checkpoint.S3CheckpointStore;
import io.scalewatch.aws.collect.CollectTestClock;
import io.scalewatch.aws.collect.MotoForwardingProxy;
import io.scalewatch.core.baseline.IdentityBaseline;
import io.scalewatch.core.checkpoint.Checkpoint;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.checkpoint.StoredCheckpoint;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.checkpoint.InMemoryCheckpointStore;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.identity.IdentitySlug;
import io.scalewatch.core.run.ScanTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The Lambda handler end to end against moto: the demo's CloudTrail day in a trail bucket (mode s3), the demo
 * role's IAM in account 111122223333 reached through a read-only role, findings in S3 and Security Hub of the
 * function's own account (a fresh one per test), checkpoints in S3.
 */
class AwsScanHandlerFunctionalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");
    private static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant EVENING = Instant.parse("2026-11-24T18:00:00Z");
    private static final String PREFIX = "scalewatch";
    private static final CheckpointKey US_EAST_1 =
            new CheckpointKey(CloudProvider.AWS, LambdaFixtures.DEMO_ACCOUNT, "us-east-1", LambdaFixtures.ROLE);
    private static String trailBucket;

    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(formatter.format(record));
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    /** The function of one test: its own account, findings bucket, Security Hub and recorded evaluations. */
    private final class Function implements AutoCloseable {
        final String account = LambdaFixtures.freshAccount();
        final Credentials credentials = LambdaFixtures.credentialsOf(account);
        final String findingsBucket = "scalewatch-findings-" + UUID.randomUUID().toString().substring(0, 8);
        final Set<String> evaluated = new HashSet<>();
        final List<Map<String, Object>> results = new ArrayList<>();
        final AwsWiring wiring;
        Clock contextClock = Clock.systemUTC();

        Function(URI endpoint, UnaryOperator<AwsWiring.Builder> customize) {
            this(endpoint, customize, null);
        }

        Function(URI endpoint, UnaryOperator<AwsWiring.Builder> customize, Credentials own) {
            Credentials creds = own == null ? credentials : own;
            List<LambdaFixtures.RecordingEngine> engine = new ArrayList<>();
            wiring = customize.apply(AwsWiring.builder().environment(env(findingsBucket)).region(Region.US_EAST_1)
                    .credentials(LambdaFixtures.provider(creds)).endpointOverride(endpoint).threads(2)
                    .engine(e -> {
                        LambdaFixtures.RecordingEngine recording = new LambdaFixtures.RecordingEngine(e);
                        engine.add(recording);
                        return recording;
                    })).build();
            recording = engine.get(0);
            wiring.s3().createBucket(b -> b.bucket(findingsBucket));
            wiring.securityHub().enableSecurityHub(b -> b.enableDefaultStandards(false));
        }

        private final LambdaFixtures.RecordingEngine recording;

        Map<String, Object> invoke(String event, Duration remaining) {
            return invoke(LambdaFixtures.event(event), remaining);
        }

        Map<String, Object> invoke(Map<String, Object> event, Duration remaining) {
            LocalContext context = new LocalContext(UUID.randomUUID().toString(),
                    "arn:aws:lambda:us-east-1:" + account + ":function:scalewatch-scan", contextClock, remaining,
                    System.err);
            Map<String, Object> result = new AwsScanHandler(wiring).handleRequest(event, context);
            results.add(result);
            evaluated.addAll(recording.evaluated());
            return result;
        }

        Optional<StoredCheckpoint> checkpoint() {
            return S3CheckpointStore.builder().s3(wiring.s3()).bucket(findingsBucket).prefix(PREFIX).build()
                    .load(US_EAST_1);
        }

        Optional<IdentityBaseline> baseline() {
            return S3BaselineStore.builder().s3(wiring.s3()).bucket(findingsBucket).prefix(PREFIX).build()
                    .load(US_EAST_1).map(s -> s.baseline());
        }

        String baselineKey() {
            return PREFIX + "/state/cloud=aws/account=111122223333/region=us-east-1/identity="
                    + IdentitySlug.of(LambdaFixtures.ROLE) + "/baseline.json";
        }

        /** Every object of the findings bucket: key to content (gzip objects unpacked). */
        Map<String, String> objects() {
            Map<String, String> out = new LinkedHashMap<>();
            S3Client s3 = wiring.s3();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(findingsBucket)).contents()) {
                byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(findingsBucket).key(object.key())).asByteArray();
                out.put(object.key(), object.key().endsWith(".gz") ? gunzip(bytes)
                        : new String(bytes, StandardCharsets.UTF_8));
            }
            return out;
        }

        /** The raised findings of one target run, as the findings object holds them. */
        List<JsonNode> raised(String targetRunId) {
            List<JsonNode> findings = new ArrayList<>();
            objects().forEach((key, content) -> {
                if (key.startsWith(PREFIX + "/findings/") && key.endsWith("/" + targetRunId + ".jsonl.gz")) {
                    content.lines().map(AwsScanHandlerFunctionalTest::json)
                            .filter(f -> !f.path("dry_run").asBoolean()).forEach(findings::add);
                }
            });
            return findings;
        }

        List<AwsSecurityFinding> securityHub() {
            List<AwsSecurityFinding> all = new ArrayList<>();
            wiring.securityHub().getFindingsPaginator(b -> b.maxResults(100)).findings().forEach(all::add);
            return all;
        }

        @Override
        public void close() {
            wiring.close();
        }
    }

    @BeforeAll
    static void seedTrail() {
        trailBucket = "scalewatch-trail-" + UUID.randomUUID().toString().substring(0, 8);
        String seeder = LambdaFixtures.freshAccount();
        try (AwsWiring wiring = AwsWiring.builder().environment(env("scalewatch-seed-" + seeder))
                .region(Region.US_EAST_1).credentials(LambdaFixtures.provider(LambdaFixtures.credentialsOf(seeder)))
                .endpointOverride(Moto.endpoint()).threads(1).build()) {
            List<String> done = LocalSeed.seed(wiring, wiring.loadConfig(LambdaFixtures.event("event-s3-morning.json")),
                    LambdaFixtures.demo());
            assertThat(done).anySatisfy(line -> assertThat(line).contains("trail objects in s3://" + trailBucket));
        }
    }

    private static Map<String, String> env(String findingsBucket) {
        Map<String, String> env = new HashMap<>();
        env.put(AwsEnvironment.TRAIL_BUCKET, trailBucket);
        env.put(AwsEnvironment.FINDINGS_BUCKET, findingsBucket);
        env.put(AwsEnvironment.FINDINGS_PREFIX, PREFIX);
        return env;
    }

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        Logger.getLogger("").removeHandler(capture);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> target(Map<String, Object> result) {
        List<Map<String, Object>> targets = (List<Map<String, Object>>) result.get("targets");
        assertThat(targets).hasSize(1);
        return targets.get(0);
    }

    private static Set<String> ids(List<JsonNode> findings) {
        return findings.stream().map(f -> f.path("id").asText()).collect(Collectors.toSet());
    }

    @Test
    void handleRequest_s3ModeOnTheDemoTrail_publishesFindingsSummaryAndSecurityHubThenCheckpoints() {
        try (Function function = new Function(Moto.endpoint(), b -> b)) {
            Map<String, Object> result = function.invoke("event-s3-morning.json", Duration.ofMinutes(15));

            assertThat(result).containsEntry("status", "done").containsEntry("identity", LambdaFixtures.ROLE)
                    .containsEntry("error", null);
            Map<String, Object> target = target(result);
            String targetRunId = result.get("runId") + "-111122223333-us-east-1";
            assertThat(target).containsEntry("runId", targetRunId).containsEntry("account", "111122223333")
                    .containsEntry("region", "us-east-1").containsEntry("status", "done")
                    .containsEntry("coveredUntil", NOON.toString()).containsEntry("error", null);

            // S3: findings, OCSF findings, summary, usage report, HTML report and latest.json in the documented layout
            String slug = IdentitySlug.of(LambdaFixtures.ROLE);
            Pattern partition = Pattern.compile(Pattern.quote(PREFIX + "/")
                    + "(findings|ocsf|summaries|usage|reports)/cloud=aws/account=111122223333/identity="
                    + Pattern.quote(slug) + "/date=\\d{4}-\\d{2}-\\d{2}/" + Pattern.quote(targetRunId)
                    + "\\.(jsonl\\.gz|json|html)");
            Map<String, String> objects = function.objects();
            assertThat(objects.keySet().stream().filter(k -> !k.contains("/state/") && !k.endsWith("/latest.json")))
                    .hasSize(5).allMatch(k -> partition.matcher(k).matches(), "matches " + partition);
            // the usage report of the role's collected posture, as the policy returned it for this run
            JsonNode usage = json(objects.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(PREFIX + "/usage/")).findFirst().orElseThrow().getValue());
            assertThat(usage.path("run_id").asText()).isEqualTo(targetRunId);
            assertThat(usage.path("usage")).singleElement().satisfies(entry -> {
                assertThat(entry.path("cloud").asText()).isEqualTo("aws");
                assertThat(entry.path("account").asText()).isEqualTo("111122223333");
                assertThat(entry.path("identity").asText()).isEqualTo(LambdaFixtures.ROLE);
                assertThat(entry.path("history").path("covers_lookback").asBoolean()).as("first run").isFalse();
                assertThat(entry.path("used")).isNotEmpty();
            });
            assertThat(objects).containsKey(PREFIX + "/summaries/cloud=aws/account=111122223333/identity=" + slug
                    + "/latest.json");
            JsonNode summary = json(objects.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(PREFIX + "/summaries/") && e.getKey().endsWith(targetRunId
                            + ".json")).findFirst().orElseThrow().getValue());
            assertThat(summary.path("run_id").asText()).isEqualTo(targetRunId);
            List<JsonNode> raised = function.raised(targetRunId);
            assertThat(raised).hasSize((Integer) target.get("findings")).isNotEmpty();
            assertThat(raised).extracting(f -> f.path("kind").asText()).contains("posture")
                    .containsAnyOf("event", "window");
            assertThat(raised).allSatisfy(f -> assertThat(f.path("cloud").path("account").asText())
                    .isEqualTo("111122223333"));

            // Security Hub of the function's account holds every raised finding, active
            Map<String, AwsSecurityFinding> hub = function.securityHub().stream()
                    .collect(Collectors.toMap(AwsSecurityFinding::id, f -> f));
            assertThat(hub.keySet()).containsAll(ids(raised));
            assertThat(ids(raised)).allSatisfy(id -> {
                assertThat(hub.get(id).recordState()).isEqualTo(RecordState.ACTIVE);
                assertThat(hub.get(id).awsAccountId()).isEqualTo(function.account);
            });

            // checkpoint moved to the window's end, last
            Checkpoint checkpoint = function.checkpoint().orElseThrow().checkpoint();
            assertThat(checkpoint.coveredUntil()).isEqualTo(NOON);
            assertThat(checkpoint.runId()).isEqualTo(targetRunId);

            // every event of the role in the window was evaluated, and nothing else
            assertThat(function.evaluated).isEqualTo(LambdaFixtures.roleEventIds("us-east-1", DAY, NOON));
        }
    }

    @Test
    void handleRequest_overlappingSecondRun_noDuplicateIdsNoGapAndTheCheckpointMovesOn() {
        try (Function function = new Function(Moto.endpoint(), b -> b)) {
            Map<String, Object> morning = function.invoke("event-s3-morning.json", Duration.ofMinutes(15));
            Map<String, Object> evening = function.invoke("event-s3-evening.json", Duration.ofMinutes(15));

            assertThat(morning).containsEntry("status", "done");
            assertThat(evening).containsEntry("status", "done");
            assertThat(target(evening)).containsEntry("coveredUntil", EVENING.toString());
            assertThat(function.checkpoint().orElseThrow().checkpoint().coveredUntil()).isEqualTo(EVENING);

            // no gap: together the runs evaluated every event of the role from the first start to the last end
            assertThat(function.evaluated).isEqualTo(LambdaFixtures.roleEventIds("us-east-1", DAY, EVENING));

            // no duplicates: each id once in Security Hub; what both runs found kept its id
            Set<String> first = ids(function.raised(target(morning).get("runId").toString()));
            Set<String> second = ids(function.raised(target(evening).get("runId").toString()));
            assertThat(first).isNotEmpty();
            assertThat(second).isNotEmpty();
            assertThat(first).containsAnyElementsOf(second);
            List<String> hubIds = function.securityHub().stream().map(AwsSecurityFinding::id).toList();
            assertThat(hubIds).doesNotHaveDuplicates().containsAll(first).containsAll(second);
        }
    }

    @Test
    void handleRequest_deadlineReachedMidCollection_partialWithAnHonestCheckpointThenTheNextRunCloses() {
        CollectTestClock clock = new CollectTestClock(Instant.now());
        AtomicInteger trailReads = new AtomicInteger();
        AtomicBoolean stopLate = new AtomicBoolean(true);
        try (MotoForwardingProxy proxy = MotoForwardingProxy.to(Moto.endpoint());
                Function function = new Function(proxy.endpoint(), b -> b.clock(clock))) {
            function.contextClock = clock;
            // the 40th trail object read takes "ten minutes": the rest of the window no longer fits the deadline
            proxy.onRequest(r -> {
                if (r.method().equals("GET") && r.pathAndQuery().endsWith(".json.gz")
                        && trailReads.incrementAndGet() == 40 && stopLate.get()) {
                    clock.advance(Duration.ofMinutes(10));
                }
            });

            Map<String, Object> partial = function.invoke("event-s3-morning.json", Duration.ofMinutes(5));

            assertThat(partial).containsEntry("status", "partial");
            assertThat(target(partial)).containsEntry("status", "partial");
            Instant covered = Instant.parse(target(partial).get("coveredUntil").toString());
            assertThat(covered).isAfter(DAY).isBefore(NOON);
            assertThat(function.checkpoint().orElseThrow().checkpoint().coveredUntil()).isEqualTo(covered);
            // honest: every event of the role before the checkpoint was evaluated
            assertThat(function.evaluated).containsAll(LambdaFixtures.roleEventIds("us-east-1", DAY, covered));

            stopLate.set(false);
            Map<String, Object> next = function.invoke("event-s3-morning.json", Duration.ofMinutes(15));

            assertThat(next).containsEntry("status", "done");
            assertThat(function.checkpoint().orElseThrow().checkpoint().coveredUntil()).isEqualTo(NOON);
            assertThat(function.evaluated).isEqualTo(LambdaFixtures.roleEventIds("us-east-1", DAY, NOON));
        }
    }

    @Test
    void handleRequest_lessTimeThanTheReserve_skipsTheTargetAndLeavesNoCheckpoint() {
        try (Function function = new Function(Moto.endpoint(), b -> b)) {
            Map<String, Object> result = function.invoke("event-s3-morning.json", Duration.ofSeconds(30));

            assertThat(result).containsEntry("status", "partial");
            assertThat(target(result)).containsEntry("status", "skipped").containsEntry("coveredUntil", null)
                    .containsEntry("findings", 0);
            assertThat(target(result).get("error").toString()).startsWith("deadline:");
            assertThat(function.checkpoint()).isEmpty();
            assertThat(function.objects()).isEmpty();
            assertThat(function.evaluated).isEmpty();
        }
    }

    @Test
    void handleRequest_twoRuns_theSecondWindowSeesWhatTheFirstLearned() {
        try (Function function = new Function(Moto.endpoint(), b -> b)) {
            function.invoke("event-s3-morning.json", Duration.ofMinutes(15));
            IdentityBaseline afterMorning = function.baseline().orElseThrow();
            function.invoke("event-s3-evening.json", Duration.ofMinutes(15));

            assertThat(afterMorning.runs()).isEqualTo(1);
            assertThat(afterMorning.updatedMs()).isEqualTo(NOON.toEpochMilli());
            assertThat(afterMorning.values("region")).containsKey("us-east-1");
            assertThat(afterMorning.values("action")).isNotEmpty();
            List<JsonNode> seenByWindows = function.recording.windowBaselines();
            assertThat(seenByWindows).hasSize(2);
            assertThat(seenByWindows.get(0).path("runs").asLong()).isZero();
            assertThat(seenByWindows.get(0).path("seen").size()).isZero();
            JsonNode second = seenByWindows.get(1);
            assertThat(second.path("runs").asLong()).isEqualTo(1);
            assertThat(second.path("updated_ms").asLong()).isEqualTo(NOON.toEpochMilli());
            afterMorning.seen().forEach((dimension, values) -> assertThat(second.path("seen").path(dimension)
                    .size()).as(dimension).isEqualTo(values.size()));
            IdentityBaseline afterEvening = function.baseline().orElseThrow();
            assertThat(afterEvening.runs()).isEqualTo(2);
            assertThat(afterEvening.updatedMs()).isEqualTo(EVENING.toEpochMilli());
        }
    }

    @Test
    void handleRequest_corruptBaseline_failsTheTargetNamingTheObjectAndLeavesItAndTheCheckpoint() {
        try (Function function = new Function(Moto.endpoint(), b -> b)) {
            String corrupt = "{\"format\":1,\"started_ms\":0,\"updated_ms\":0,\"runs\":0,\"seen\":[]}";
            function.wiring.s3().putObject(b -> b.bucket(function.findingsBucket).key(function.baselineKey()),
                    software.amazon.awssdk.core.sync.RequestBody.fromString(corrupt));

            Map<String, Object> result = function.invoke("event-s3-morning.json", Duration.ofMinutes(15));

            assertThat(result).containsEntry("status", "failed");
            assertThat(target(result).get("error").toString()).startsWith("BaselineFormatException")
                    .contains(function.baselineKey() + " is not a readable baseline")
                    .contains("'seen' must be an object");
            assertThat(function.checkpoint()).isEmpty();
            assertThat(function.objects()).containsEntry(function.baselineKey(), corrupt);
        }
    }

    @Test
    void handleRequest_crashBetweenSinksAndCheckpoint_nextRunRepublishesTheSameIds() {
        AtomicBoolean crash = new AtomicBoolean(true);
        UnaryOperator<CheckpointStore> crashing = store -> new CheckpointStore() {
            @Override
            public Optional<StoredCheckpoint> load(CheckpointKey key) {
                return store.load(key);
            }

            @Override
            public StoredCheckpoint advance(Checkpoint next, Optional<StoredCheckpoint> expected) {
                if (crash.getAndSet(false)) {
                    throw new IllegalStateException("simulated crash between the sinks and the checkpoint");
                }
                return store.advance(next, expected);
            }
        };
        try (Function function = new Function(Moto.endpoint(), b -> b.checkpoints(crashing))) {
            Map<String, Object> crashed = function.invoke("event-s3-morning.json", Duration.ofMinutes(15));

            assertThat(crashed).containsEntry("status", "failed");
            assertThat(target(crashed)).containsEntry("status", "failed").containsEntry("coveredUntil", null);
            assertThat(target(crashed).get("error").toString()).contains("simulated crash");
            Set<String> published = ids(function.raised(target(crashed).get("runId").toString()));
            assertThat(published).isNotEmpty();
            assertThat(function.securityHub().stream().map(AwsSecurityFinding::id)).containsAll(published);
            assertThat(function.checkpoint()).isEmpty();

            Map<String, Object> again = function.invoke("event-s3-morning.json", Duration.ofMinutes(15));

            assertThat(again).containsEntry("status", "done");
            assertThat(ids(function.raised(target(again).get("runId").toString()))).isEqualTo(published);
            assertThat(function.securityHub().stream().map(AwsSecurityFinding::id).toList()).doesNotHaveDuplicates()
                    .containsAll(published);
            assertThat(function.checkpoint().orElseThrow().checkpoint().coveredUntil()).isEqualTo(NOON);
        }
    }

    @Test
    void handleRequest_configErrors_answerWithAMessageAndNoStackTrace() throws IOException {
        try (Function function = new Function(Moto.endpoint(), b -> b)) {
            Map<String, Object> typo = function.invoke("event-unknown-field.json", Duration.ofMinutes(15));
            Map<String, Object> foreign = function.invoke("event-foreign-account-without-role.json",
                    Duration.ofMinutes(15));

            assertThat(typo).containsEntry("status", "invalid_config").containsEntry("targets", List.of());
            assertThat(typo.get("error").toString()).contains("unknown config field 'findingBucket' in the event");
            assertThat(foreign).containsEntry("status", "invalid_config");
            assertThat(foreign.get("error").toString()).contains("111122223333").contains(function.account)
                    .contains("readRoleName").contains("SCALEWATCH_EXTERNAL_ID");
            String printed = JSON.writeValueAsString(List.of(typo, foreign));
            assertThat(printed).doesNotContain("\tat ").doesNotContain("\\tat ").doesNotContain(".java:");
            assertThat(function.objects()).isEmpty();
            assertThat(logLines).anySatisfy(l -> assertThat(l).contains("event=invalid_config"));
        }
    }

    @Test
    void handleRequest_sqsBatch_invalidAndMalformedBodiesAreTheBatchItemFailuresWhileTheValidOneScans() {
        String valid = "9d2c41e0-7b3a-4f5e-a1c2-0e8f6d4b2a10";
        String typo = "2e7f9a13-c4d5-4b6e-8f70-1a2b3c4d5e20";
        String badWindow = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c30";
        String notJson = "f0e1d2c3-b4a5-4968-8776-655443322140";
        try (Function function = new Function(Moto.endpoint(), b -> b)) {
            Map<String, Object> response = function.invoke("sqs-event-scans.json", Duration.ofMinutes(15));

            assertThat(response).isEqualTo(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", typo),
                    Map.of("itemIdentifier", badWindow), Map.of("itemIdentifier", notJson))));
            // the valid body ran as one scan invocation, its run id named after the message
            StoredCheckpoint checkpoint = function.checkpoint().orElseThrow();
            assertThat(checkpoint.checkpoint().coveredUntil()).isEqualTo(NOON);
            assertThat(checkpoint.checkpoint().runId()).endsWith("-9d2c41e0-111122223333-us-east-1");
            assertThat(function.evaluated).isEqualTo(LambdaFixtures.roleEventIds("us-east-1", DAY, NOON));
            synchronized (logLines) {
                assertThat(logLines).anySatisfy(l -> assertThat(l).contains("event=queued_record message_id=" + valid)
                        .contains("status=done failed=false"));
                assertThat(logLines).anySatisfy(l -> assertThat(l).contains("message_id=" + typo)
                        .contains("dispatch_run_id=20261124T220000Z-5f0c9e1d").contains("status=invalid_config")
                        .contains("unknown config field 'findingBucket' in the event"));
                assertThat(logLines).anySatisfy(l -> assertThat(l).contains("message_id=" + badWindow)
                        .contains("status=invalid_config").contains("overlap"));
                assertThat(logLines).anySatisfy(l -> assertThat(l).contains("message_id=" + notJson)
                        .contains("status=malformed").contains("body is not JSON"));
            }
        }
    }

    @Test
    void handleRequest_sameAccountAsTheFunction_usesItsOwnCredentialsWithoutAssumingARole() {
        Credentials demoAccount = LambdaFixtures.credentialsOf(LambdaFixtures.DEMO_ACCOUNT);
        try (MotoForwardingProxy proxy = MotoForwardingProxy.to(Moto.endpoint());
                Function function = new Function(proxy.endpoint(), b -> b, demoAccount)) {
            Map<String, Object> result = function.invoke("event-s3-same-account.json", Duration.ofMinutes(15));

            assertThat(result).containsEntry("status", "done");
            assertThat(target(result)).containsEntry("account", "111122223333").containsEntry("region", "us-west-2");
            assertThat(proxy.requests()).noneSatisfy(r -> assertThat(r.bodyText()).contains("Action=AssumeRole"));
            assertThat(proxy.requests()).anySatisfy(r -> assertThat(r.bodyText()).contains("Action=GetRole"));
            assertThat(function.evaluated).isEqualTo(LambdaFixtures.roleEventIds("us-west-2", DAY, NOON));
            List<JsonNode> raised = function.raised(target(result).get("runId").toString());
            assertThat(raised).extracting(f -> f.path("kind").asText()).contains("posture");
            assertThat(function.securityHub()).filteredOn(f -> ids(raised).contains(f.id()))
                    .allSatisfy(f -> assertThat(f.awsAccountId()).isEqualTo("111122223333"));
        }
    }

    @Test
    void handleRequest_everyOutput_holdsNoCredentialsNorTheExternalId() throws IOException {
        try (MotoForwardingProxy proxy = MotoForwardingProxy.to(Moto.endpoint());
                Function function = new Function(proxy.endpoint(), b -> b)) {
            Credentials own = function.credentials;
            // an S3 answer that echoes the caller's access key, as SignatureDoesNotMatch does
            String echo = new String(AwsScanHandlerFunctionalTest.class
                    .getResourceAsStream("/faults/s3-signature-does-not-match.xml").readAllBytes(),
                    StandardCharsets.UTF_8).replace(Moto.ACCESS_KEY, own.accessKeyId());
            proxy.fail(r -> r.method().equals("PUT") && r.pathAndQuery().contains("/findings/")
                    && r.pathAndQuery().contains("us-west-2"), 20, 403, "application/xml", echo);

            function.invoke("event-s3-morning.json", Duration.ofMinutes(15));
            Map<String, Object> failed = function.invoke("event-s3-us-west-2.json", Duration.ofMinutes(15));
            function.invoke("event-unknown-field.json", Duration.ofMinutes(15));

            assertThat(failed).containsEntry("status", "failed");
            assertThat(target(failed).get("error").toString()).contains("SignatureDoesNotMatch");
            List<String> outputs = new ArrayList<>();
            outputs.add(JSON.writeValueAsString(function.results));
            synchronized (logLines) {
                outputs.addAll(logLines);
            }
            outputs.addAll(function.objects().values());
            function.securityHub().forEach(f -> outputs.add(f.toString()));
            assertThat(outputs).hasSizeGreaterThan(5);
            for (String secret : List.of(own.accessKeyId(), own.secretAccessKey(), own.sessionToken(),
                    Moto.ACCESS_KEY, Moto.SECRET_KEY, LambdaFixtures.EXTERNAL_ID)) {
                assertThat(outputs).noneSatisfy(o -> assertThat(o).contains(secret));
            }
        }
    }

    @Test
    void targets_noAccountsNorRegions_areTheFunctionsOwnAccountInItsRegion() {
        try (Function function = new Function(Moto.endpoint(), b -> b)) {
            AwsScanRunner runner = AwsScanRunner.builder().wiring(function.wiring)
                    .config(AwsScanConfig.builder().identity(IdentityMatcher.parse(LambdaFixtures.ROLE)).build())
                    .outputs(CloudOutputs.of(function.wiring, AwsScanConfig.Outputs.s3(function.findingsBucket,
                            PREFIX)))
                    .checkpoints(new InMemoryCheckpointStore()).build();

            List<ScanTarget> targets = runner.targets(function.wiring.ownAccount());

            assertThat(targets).singleElement().satisfies(t -> {
                assertThat(t.key().account()).isEqualTo(function.account);
                assertThat(t.key().region()).isEqualTo("us-east-1");
                assertThat(t.key().identity()).isEqualTo(LambdaFixtures.ROLE);
            });
        }
    }

    @Test
    void handleRequest_suppressionsFromS3_keepSuppressedFindingsInS3AndArchiveThemInSecurityHub() {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-24T18:20:00Z"), java.time.ZoneOffset.UTC);
        try (Function function = new Function(Moto.endpoint(), b -> b.clock(fixed))) {
            Map<String, Object> morning = function.invoke("event-s3-morning.json", Duration.ofMinutes(15));
            String morningRun = morning.get("runId") + "-111122223333-us-east-1";
            Set<String> l6 = function.raised(morningRun).stream()
                    .filter(f -> f.path("rule_id").asText().startsWith("SW-L6-")
                            && f.path("kind").asText().equals("posture"))
                    .map(f -> f.path("id").asText()).collect(Collectors.toSet());
            assertThat(l6).as("the demo role has L6 posture findings").isNotEmpty();
            String url = "s3://" + function.findingsBucket + "/" + PREFIX + "/suppressions.json";
            function.wiring.s3().putObject(b -> b.bucket(function.findingsBucket).key(PREFIX + "/suppressions.json"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString(
                            LambdaFixtures.resource("suppressions-l6.json")));
            Map<String, Object> event = new HashMap<>(LambdaFixtures.event("event-s3-evening.json"));
            event.put("suppressions", url);

            Map<String, Object> evening = function.invoke(event, Duration.ofMinutes(15));

            assertThat(evening).containsEntry("status", "done");
            String eveningRun = evening.get("runId") + "-111122223333-us-east-1";
            List<JsonNode> written = new ArrayList<>();
            JsonNode summary = null;
            for (Map.Entry<String, String> object : function.objects().entrySet()) {
                if (object.getKey().endsWith("/" + eveningRun + ".jsonl.gz")) {
                    object.getValue().lines().map(AwsScanHandlerFunctionalTest::json).forEach(written::add);
                } else if (object.getKey().startsWith(PREFIX + "/summaries/")
                        && object.getKey().endsWith("/" + eveningRun + ".json")) {
                    summary = json(object.getValue());
                }
            }
            List<JsonNode> suppressed = written.stream().filter(f -> f.path("suppressed").asBoolean()).toList();
            assertThat(suppressed).isNotEmpty().allSatisfy(f -> {
                assertThat(f.path("rule_id").asText()).startsWith("SW-L6-");
                assertThat(f.at("/suppression/owner").asText()).isEqualTo("iam-team@example.com");
                assertThat(f.at("/suppression/expires").asText()).isEqualTo("2027-01-31T00:00:00Z");
                assertThat(f.at("/suppression/source").asText()).isEqualTo(url);
            });
            assertThat(written).filteredOn(f -> !f.path("suppressed").asBoolean())
                    .noneSatisfy(f -> assertThat(f.path("rule_id").asText()).startsWith("SW-L6-"));
            assertThat(summary).isNotNull();
            assertThat(summary.at("/findings/suppressed").asInt()).isEqualTo(suppressed.size());
            assertThat(summary.at("/suppressions/source").asText()).isEqualTo(url);
            assertThat(summary.at("/suppressions/stale/0/rule").asText()).isEqualTo("SW-L1-002");
            assertThat(((Number) target(evening).get("findings")).intValue())
                    .isEqualTo(summary.at("/findings/raised").asInt());
            assertThat(logLines).anySatisfy(line -> assertThat(line).contains("run_id=" + eveningRun
                    + " event=suppression_stale entry=1 rule=SW-L1-002 owner=\"ml-platform@example.com\""));
            assertThat(logLines).anySatisfy(line -> assertThat(line).contains("event=suppressions source=" + url
                    + " entries=2 suppressed=" + suppressed.size() + " expired=0 stale=1"));

            Map<String, AwsSecurityFinding> hub = function.securityHub().stream()
                    .collect(Collectors.toMap(AwsSecurityFinding::id, f -> f));
            assertThat(l6).allSatisfy(id -> {
                assertThat(hub.get(id).recordState()).isEqualTo(RecordState.ARCHIVED);
                assertThat(hub.get(id).productFields()).containsEntry("scalewatch/suppressed", "true")
                        .containsEntry("scalewatch/suppression_owner", "iam-team@example.com");
            });
        }
    }

    @Test
    void handleRequest_invalidSuppressionFile_isInvalidConfigAndNothingRuns() {
        try (Function function = new Function(Moto.endpoint(), b -> b)) {
            Map<String, Object> event = new HashMap<>(LambdaFixtures.event("event-s3-morning.json"));
            event.put("suppressions", Map.of("version", 1, "suppressions", List.of(Map.of("rule", "SW-L6-*",
                    "reason", "nobody owns this", "expires", "2027-01-31"))));

            Map<String, Object> result = function.invoke(event, Duration.ofMinutes(15));

            assertThat(result).containsEntry("status", "invalid_config");
            assertThat((String) result.get("error")).contains("config field 'suppressions' (from the event)")
                    .contains("suppressions[0].owner is required");
            assertThat(function.checkpoint()).isEmpty();
        }
    }
}
