package io.scalewatch.azure.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.checkpoint.S3CheckpointStore;
import io.scalewatch.aws.lambda.AwsEnvironment;
import io.scalewatch.aws.lambda.AwsWiring;
import io.scalewatch.aws.lambda.LambdaFixtures;
import io.scalewatch.aws.lambda.LocalContext;
import io.scalewatch.aws.lambda.LocalInvoke;
import io.scalewatch.azure.testing.ActivityData;
import io.scalewatch.azure.testing.DemoTenant;
import io.scalewatch.azure.testing.EntraRoutes;
import io.scalewatch.azure.testing.LogsApiServer;
import io.scalewatch.azure.testing.LoopbackHttpsServer;
import io.scalewatch.azure.testing.LoopbackTls;
import io.scalewatch.azure.testing.MutableClock;
import io.scalewatch.azure.testing.StaticTokenCredential;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.StoredCheckpoint;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentitySlug;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The Azure handler end to end: the real Logs Query client against the loopback Logs API holding the demo
 * workspace's AzureActivity, the role assignments from the loopback ARM / Graph server, and the AWS side (findings
 * bucket, Security Hub, checkpoints, Secrets Manager) on moto, in a fresh function account per test.
 */
class AzureScanHandlerFunctionalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OID = ActivityData.OBJECT_ID;
    private static final String WORKSPACE = ActivityData.WORKSPACE;
    private static final String TENANT = "72f988bf-0000-4000-8000-0000000000aa";
    private static final String CLIENT = "7d3f2a1b-5c6d-4e7f-8a9b-0c1d2e3f4a5b";
    private static final String PREFIX = "scalewatch";
    private static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant EVENING = Instant.parse("2026-11-24T18:00:00Z");
    private static final Instant MIDNIGHT = Instant.parse("2026-11-25T00:00:00Z");
    private static final CheckpointKey KEY = new CheckpointKey(CloudProvider.AZURE, WORKSPACE, "global", OID);
    private static final ActivityData DATA = ActivityData.demo();

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

    private LogsApiServer logs;
    private LoopbackHttpsServer arm;

    /** The function of one test: its own account, findings bucket, Security Hub and recorded evaluations. */
    private final class Function implements AutoCloseable {
        final String account = LambdaFixtures.freshAccount();
        final Credentials credentials = LambdaFixtures.credentialsOf(account);
        final String findingsBucket = "scalewatch-azure-" + UUID.randomUUID().toString().substring(0, 8);
        final Set<String> evaluated = new HashSet<>();
        final AzureWiring wiring;
        final AwsWiring aws;
        private final LambdaFixtures.RecordingEngine recording;
        Clock contextClock = Clock.systemUTC();

        Function(Map<String, String> extraEnv, UnaryOperator<AwsWiring.Builder> customize,
                UnaryOperator<AzureWiring.Builder> azure) {
            Map<String, String> env = new HashMap<>();
            env.put(AzureEnvironment.FINDINGS_BUCKET, findingsBucket);
            env.put(AzureEnvironment.FINDINGS_PREFIX, PREFIX);
            env.putAll(extraEnv);
            List<LambdaFixtures.RecordingEngine> engine = new ArrayList<>();
            aws = customize.apply(AwsWiring.builder().environment(env).region(Region.US_EAST_1)
                    .credentials(LambdaFixtures.provider(credentials)).endpointOverride(Moto.endpoint()).threads(2)
                    .engine(e -> {
                        LambdaFixtures.RecordingEngine r = new LambdaFixtures.RecordingEngine(e);
                        engine.add(r);
                        return r;
                    })).build();
            recording = engine.get(0);
            wiring = azure.apply(AzureWiring.builder().aws(aws).httpClient(LoopbackTls.httpClient())
                    .logsEndpoint(logs.endpoint()).armEndpoint(arm.base()).graphEndpoint(arm.base())).build();
            aws.s3().createBucket(b -> b.bucket(findingsBucket));
            aws.securityHub().enableSecurityHub(b -> b.enableDefaultStandards(false));
        }

        Function() {
            this(Map.of(), b -> b, b -> b.credential(new StaticTokenCredential()));
        }

        Map<String, Object> invoke(String event, Duration remaining) {
            LocalContext context = new LocalContext(UUID.randomUUID().toString(),
                    "arn:aws:lambda:us-east-1:" + account + ":function:scalewatch-azure", contextClock, remaining,
                    System.err);
            Map<String, Object> result = new AzureScanHandler(wiring).handleRequest(event(event), context);
            evaluated.addAll(recording.evaluated());
            return result;
        }

        Optional<StoredCheckpoint> checkpoint() {
            return S3CheckpointStore.builder().s3(aws.s3()).bucket(findingsBucket).prefix(PREFIX).build().load(KEY);
        }

        Map<String, String> objects() {
            Map<String, String> out = new LinkedHashMap<>();
            S3Client s3 = aws.s3();
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(findingsBucket)).contents()) {
                byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(findingsBucket).key(object.key())).asByteArray();
                out.put(object.key(), object.key().endsWith(".gz") ? gunzip(bytes)
                        : new String(bytes, StandardCharsets.UTF_8));
            }
            return out;
        }

        List<JsonNode> raised(String targetRunId) {
            List<JsonNode> findings = new ArrayList<>();
            objects().forEach((key, content) -> {
                if (key.startsWith(PREFIX + "/findings/") && key.endsWith("/" + targetRunId + ".jsonl.gz")) {
                    content.lines().map(AzureScanHandlerFunctionalTest::json)
                            .filter(f -> !f.path("dry_run").asBoolean()).forEach(findings::add);
                }
            });
            return findings;
        }

        List<AwsSecurityFinding> securityHub() {
            List<AwsSecurityFinding> all = new ArrayList<>();
            aws.securityHub().getFindingsPaginator(b -> b.maxResults(100)).findings().forEach(all::add);
            return all;
        }

        @Override
        public void close() {
            wiring.close();
        }
    }

    @BeforeEach
    void start() {
        Logger.getLogger("").addHandler(capture);
        logs = new LogsApiServer(DATA.columns(), DATA.rows());
        arm = new LoopbackHttpsServer(request -> DemoTenant.answer(request, arm.base()));
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        logs.close();
        arm.close();
    }

    private static Map<String, Object> event(String name) {
        try (InputStream in = AzureScanHandlerFunctionalTest.class.getResourceAsStream("/lambda/" + name)) {
            if (in == null) {
                throw new AssertionError("no test resource lambda/" + name);
            }
            return LocalInvoke.toMap(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static Set<String> expected(Instant from, Instant to) {
        return Set.copyOf(DATA.watchedIds(from, to));
    }

    @Test
    void handleRequest_demoWorkspaceAfternoon_publishesToS3AndSecurityHubThenCheckpoints() {
        try (Function function = new Function()) {
            Map<String, Object> result = function.invoke("azure-afternoon.json", Duration.ofMinutes(15));

            assertThat(result).containsEntry("status", "done").containsEntry("identity", OID)
                    .containsEntry("error", null);
            String targetRunId = result.get("runId") + "-" + WORKSPACE + "-global";
            assertThat(target(result)).containsEntry("runId", targetRunId).containsEntry("cloud", "azure")
                    .containsEntry("account", WORKSPACE).containsEntry("region", "global")
                    .containsEntry("status", "done").containsEntry("coveredUntil", EVENING.toString());

            Map<String, String> objects = function.objects();
            assertThat(objects.keySet()).anySatisfy(k -> assertThat(k).startsWith(PREFIX + "/summaries/cloud=azure/")
                    .endsWith("/identity=" + IdentitySlug.of(OID) + "/latest.json"));
            JsonNode usage = json(objects.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(PREFIX + "/usage/cloud=azure/")
                            && e.getKey().contains("/identity=" + IdentitySlug.of(OID) + "/date=")
                            && e.getKey().endsWith("/" + targetRunId + ".json"))
                    .findFirst().orElseThrow().getValue());
            assertThat(usage.path("usage")).singleElement().satisfies(entry -> {
                assertThat(entry.path("cloud").asText()).isEqualTo("azure");
                assertThat(entry.path("identity").asText()).isEqualTo(OID);
            });
            List<JsonNode> raised = function.raised(targetRunId);
            assertThat(raised).hasSize((Integer) target(result).get("findings")).isNotEmpty();
            assertThat(raised).extracting(f -> f.path("kind").asText()).contains("posture");

            Map<String, AwsSecurityFinding> hub = function.securityHub().stream()
                    .collect(Collectors.toMap(AwsSecurityFinding::id, f -> f));
            assertThat(hub.keySet()).containsAll(ids(raised));
            assertThat(ids(raised)).allSatisfy(id -> {
                AwsSecurityFinding finding = hub.get(id);
                assertThat(finding.recordState()).isEqualTo(RecordState.ACTIVE);
                assertThat(finding.awsAccountId()).isEqualTo(function.account);
                assertThat(finding.productFields()).containsEntry("scalewatch/cloud", "azure");
                assertThat(finding.resources().get(0).id()).isEqualToIgnoringCase(OID);
            });

            assertThat(function.checkpoint().orElseThrow().checkpoint().coveredUntil()).isEqualTo(EVENING);
            assertThat(function.evaluated).isEqualTo(expected(NOON, EVENING));
            assertThat(arm.requests()).anySatisfy(r -> assertThat(r.path()).isEqualTo(DemoTenant.ASSIGNMENTS));
            assertThat(logLines).anySatisfy(l -> assertThat(l).contains("cloud=azure event=run_start"))
                    .anySatisfy(l -> assertThat(l).contains("cloud=azure account=" + WORKSPACE + " region=global")
                            .contains("event=target_end status=done"))
                    .anySatisfy(l -> assertThat(l).contains("event=run_end").contains("status=done"));
        }
    }

    @Test
    void handleRequest_overlappingSecondRun_noDuplicateIdsNoGapAndTheCheckpointMovesOn() {
        try (Function function = new Function()) {
            Map<String, Object> afternoon = function.invoke("azure-afternoon.json", Duration.ofMinutes(15));
            Map<String, Object> night = function.invoke("azure-night.json", Duration.ofMinutes(15));

            assertThat(afternoon).containsEntry("status", "done");
            assertThat(night).containsEntry("status", "done");
            assertThat(function.checkpoint().orElseThrow().checkpoint().coveredUntil()).isEqualTo(MIDNIGHT);
            assertThat(function.evaluated).isEqualTo(expected(NOON, MIDNIGHT));

            Set<String> first = ids(function.raised(target(afternoon).get("runId").toString()));
            Set<String> second = ids(function.raised(target(night).get("runId").toString()));
            assertThat(first).isNotEmpty();
            assertThat(second).isNotEmpty();
            List<String> hubIds = function.securityHub().stream().map(AwsSecurityFinding::id).toList();
            assertThat(hubIds).doesNotHaveDuplicates().containsAll(first).containsAll(second);
        }
    }

    @Test
    void handleRequest_deadlineReachedMidCollection_partialWithAnHonestCheckpointThenTheNextRunCloses() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
        AtomicInteger requests = new AtomicInteger();
        AtomicBoolean stopLate = new AtomicBoolean(true);
        logs.onRequest(() -> {
            if (requests.incrementAndGet() == 1 && stopLate.get()) {
                clock.advance(Duration.ofMinutes(10)); // the first slice takes so long no second one fits
            }
        });
        try (Function function = new Function(Map.of(), b -> b.clock(clock),
                b -> b.credential(new StaticTokenCredential()))) {
            function.contextClock = clock;

            Map<String, Object> partial = function.invoke("azure-afternoon.json", Duration.ofMinutes(5));

            assertThat(partial).containsEntry("status", "partial");
            assertThat(target(partial)).containsEntry("status", "partial");
            Instant covered = Instant.parse(target(partial).get("coveredUntil").toString());
            assertThat(covered).isAfter(NOON).isBefore(EVENING);
            assertThat(function.checkpoint().orElseThrow().checkpoint().coveredUntil()).isEqualTo(covered);
            assertThat(function.evaluated).containsAll(expected(NOON, covered));

            stopLate.set(false);
            Map<String, Object> next = function.invoke("azure-afternoon.json", Duration.ofMinutes(15));

            assertThat(next).containsEntry("status", "done");
            assertThat(function.checkpoint().orElseThrow().checkpoint().coveredUntil()).isEqualTo(EVENING);
            assertThat(function.evaluated).isEqualTo(expected(NOON, EVENING));
        }
    }

    @Test
    void handleRequest_configErrors_answerInvalidConfigNamingTheField() throws IOException {
        try (Function function = new Function()) {
            Map<String, Object> typo = function.invoke("azure-unknown-field.json", Duration.ofMinutes(15));
            Map<String, Object> subscription = function.invoke("azure-bad-subscription.json", Duration.ofMinutes(15));

            assertThat(typo).containsEntry("status", "invalid_config").containsEntry("targets", List.of());
            assertThat(typo.get("error").toString()).contains("unknown config field 'workspace' in the event")
                    .contains("workspaces");
            assertThat(subscription).containsEntry("status", "invalid_config");
            assertThat(subscription.get("error").toString()).contains("config field 'subscriptions'")
                    .contains("/subscriptions/prod").contains("(from the event)");
            assertThat(JSON.writeValueAsString(List.of(typo, subscription))).doesNotContain("\\tat ")
                    .doesNotContain(".java:");
            assertThat(function.objects()).isEmpty();
            assertThat(logLines).anySatisfy(l -> assertThat(l).contains("cloud=azure event=invalid_config"));
        }
    }

    @Test
    void handleRequest_noSignInSettings_answersInvalidConfigNamingTheVariable() {
        try (Function function = new Function(Map.of(), b -> b, b -> b)) {
            Map<String, Object> result = function.invoke("azure-afternoon.json", Duration.ofMinutes(15));

            assertThat(result).containsEntry("status", "invalid_config");
            assertThat(result.get("error").toString()).contains(AzureEnvironment.TENANT_ID).contains("required");
        }
    }

    @Test
    void handleRequest_clientSecretFromSecretsManagerRefusedByEntra_secretReachesNoResultLogOrObject()
            throws IOException {
        String secret = "Xy8Q~leakMarker.cD4-eF5_gH6iJ7kL8mN9oP0q";
        String secretName = "scalewatch/azure-" + UUID.randomUUID().toString().substring(0, 8);
        // Entra refuses the secret and echoes it back, as a misbehaving proxy might
        try (LoopbackHttpsServer entra = new LoopbackHttpsServer(request -> null)) {
            entra.handler(request -> EntraRoutes.route(request, entra.base(), TENANT, form -> LoopbackHttpsServer.Reply
                    .json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client"
                            + " secret provided: " + form.get("client_secret") + "\"}")));
            Map<String, String> env = Map.of(AzureEnvironment.TENANT_ID, TENANT, AzureEnvironment.CLIENT_ID, CLIENT,
                    AzureEnvironment.SECRET, secretName, AzureEnvironment.AUTHORITY_HOST, entra.base(),
                    AzureEnvironment.INSTANCE_DISCOVERY, "false");
            try (Function function = new Function(env, b -> b, b -> b)) {
                try (SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(Moto.endpoint())
                        .region(Region.US_EAST_1).credentialsProvider(LambdaFixtures.provider(function.credentials))
                        .httpClient(UrlConnectionHttpClient.create()).build()) {
                    secrets.createSecret(b -> b.name(secretName).secretString(secret));
                }

                Map<String, Object> result = function.invoke("azure-afternoon.json", Duration.ofMinutes(15));

                assertThat(result).containsEntry("status", "failed");
                assertThat(entra.requests()).anySatisfy(r -> assertThat(r.body()).contains("client_secret="));
                String everything = JSON.writeValueAsString(result) + String.join("\n", logLines)
                        + String.join("\n", function.objects().values());
                assertThat(everything).doesNotContain(secret).doesNotContain("leakMarker")
                        .doesNotContain(Moto.SECRET_KEY).doesNotContain(function.credentials.secretAccessKey())
                        .doesNotContain(function.credentials.sessionToken());
            }
        }
    }

    @Test
    void environment_variables_areUniqueAndNameEveryConfigField() {
        List<String> names = AzureEnvironment.variables().stream().map(AwsEnvironment.Variable::name).toList();
        assertThat(names).doesNotHaveDuplicates().contains(AzureEnvironment.WORKSPACES, AzureEnvironment.SECRET,
                AzureEnvironment.TENANT_ID, AzureEnvironment.FINDINGS_BUCKET, AzureEnvironment.WINDOW_MAX);
        for (String field : AzureScanConfig.FIELDS) {
            if (!field.equals("now") && !field.equals("window")) {
                assertThat(AzureEnvironment.forField(field)).as(field).isPresent();
            }
        }
    }
}
