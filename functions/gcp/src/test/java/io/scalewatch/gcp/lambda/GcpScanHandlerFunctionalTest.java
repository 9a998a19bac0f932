package io.scalewatch.gcp.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.checkpoint.S3CheckpointStore;
import io.scalewatch.aws.lambda.AwsEnvironment;
import io.scalewatch.aws.lambda.AwsWiring;
import io.scalewatch.aws.lambda.LambdaFixtures;
import io.scalewatch.aws.lambda.LocalContext;
import io.scalewatch.aws.lambda.LocalInvoke;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.checkpoint.StoredCheckpoint;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentitySlug;
import io.scalewatch.gcp.collect.DemoEntries;
import io.scalewatch.gcp.collect.Fixtures;
import io.scalewatch.gcp.collect.LoggingServiceV2Server;
import io.scalewatch.gcp.collect.TestClock;
import io.scalewatch.gcp.posture.GoogleApisServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
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
 * The GCP handler end to end: the real Cloud Logging client against the loopback LoggingServiceV2 server holding
 * the demo project's audit day, the IAM posture from the loopback Google REST server, and the AWS side (findings
 * bucket, Security Hub, checkpoints, Secrets Manager) on moto, in a fresh function account per test.
 */
class GcpScanHandlerFunctionalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SA = DemoEntries.SERVICE_ACCOUNT;
    private static final String SA_PATH = "/v1/projects/-/serviceAccounts/" + SA;
    private static final String PREFIX = "scalewatch";
    private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");
    private static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant EVENING = Instant.parse("2026-11-24T18:00:00Z");
    private static final CheckpointKey KEY = new CheckpointKey(CloudProvider.GCP, "demo-project", "global", SA);

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

    private LoggingServiceV2Server logging;
    private GoogleApisServer apis;

    /** The function of one test: its own account, findings bucket, Security Hub and recorded evaluations. */
    private final class Function implements AutoCloseable {
        final String account = LambdaFixtures.freshAccount();
        final Credentials credentials = LambdaFixtures.credentialsOf(account);
        final String findingsBucket = "scalewatch-gcp-" + UUID.randomUUID().toString().substring(0, 8);
        final Set<String> evaluated = new HashSet<>();
        final GcpWiring wiring;
        final AwsWiring aws;
        private final LambdaFixtures.RecordingEngine recording;
        Clock contextClock = Clock.systemUTC();

        Function(Map<String, String> extraEnv, UnaryOperator<AwsWiring.Builder> customize,
                UnaryOperator<GcpWiring.Builder> google) {
            Map<String, String> env = new HashMap<>();
            env.put(GcpEnvironment.FINDINGS_BUCKET, findingsBucket);
            env.put(GcpEnvironment.FINDINGS_PREFIX, PREFIX);
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
            wiring = google.apply(GcpWiring.builder().aws(aws).logging(logging.client())
                    .resourceManagerUrl(apis.url()).iamUrl(apis.url() + "/")).build();
            aws.s3().createBucket(b -> b.bucket(findingsBucket));
            aws.securityHub().enableSecurityHub(b -> b.enableDefaultStandards(false));
        }

        Function() {
            this(Map.of(), b -> b, b -> b.googleCredentials(GoogleCredentials.create(
                    new AccessToken("ya29.scalewatch-test-token", Date.from(Instant.parse("2100-01-01T00:00:00Z"))))));
        }

        Map<String, Object> invoke(String event, Duration remaining) {
            LocalContext context = new LocalContext(UUID.randomUUID().toString(),
                    "arn:aws:lambda:us-east-1:" + account + ":function:scalewatch-gcp", contextClock, remaining,
                    System.err);
            Map<String, Object> result = new GcpScanHandler(wiring).handleRequest(event(event), context);
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
                    content.lines().map(GcpScanHandlerFunctionalTest::json)
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
    void start() throws IOException {
        Logger.getLogger("").addHandler(capture);
        logging = LoggingServiceV2Server.start(DemoEntries.entries());
        apis = GoogleApisServer.start()
                .route("POST /v1/projects/demo-project:getIamPolicy", 200, "projects_demo-project.getIamPolicy.json")
                .route("POST " + SA_PATH + ":getIamPolicy?options.requestedPolicyVersion=3", 200,
                        "serviceAccount.getIamPolicy.json")
                .route("GET " + SA_PATH + "/keys?keyTypes=USER_MANAGED", 200, "serviceAccount.keys.json")
                .route("GET /v1/projects/demo-project/roles/castaiNodeManager", 200, "roles/castaiNodeManager.json")
                .route("GET /v1/projects/demo-project/roles/legacyDeployer", 404, "error-404-role.json");
        for (String role : List.of("compute.instanceAdmin.v1", "container.admin", "editor", "iam.serviceAccountUser",
                "owner", "iam.serviceAccountTokenCreator", "iam.workloadIdentityUser")) {
            apis.route("GET /v1/roles/" + role, 200, "roles/" + role + ".json");
        }
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        logging.close();
        apis.close();
    }

    private static Map<String, Object> event(String name) {
        try (InputStream in = GcpScanHandlerFunctionalTest.class.getResourceAsStream("/lambda/" + name)) {
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
        return Set.copyOf(Fixtures.expectedIds(DemoEntries.lines(), SA, new ScanWindow(from, to), false));
    }

    @Test
    void handleRequest_demoProjectMorning_publishesToS3AndSecurityHubThenCheckpoints() {
        try (Function function = new Function()) {
            Map<String, Object> result = function.invoke("gcp-morning.json", Duration.ofMinutes(15));

            assertThat(result).containsEntry("status", "done").containsEntry("identity", SA)
                    .containsEntry("error", null);
            String targetRunId = result.get("runId") + "-demo-project-global";
            assertThat(target(result)).containsEntry("runId", targetRunId).containsEntry("cloud", "gcp")
                    .containsEntry("account", "demo-project").containsEntry("region", "global")
                    .containsEntry("status", "done").containsEntry("coveredUntil", NOON.toString());

            String slug = IdentitySlug.of(SA);
            Map<String, String> objects = function.objects();
            assertThat(objects).containsKey(PREFIX + "/summaries/cloud=gcp/account=demo-project/identity=" + slug
                    + "/latest.json");
            JsonNode usage = json(objects.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(PREFIX + "/usage/cloud=gcp/account=demo-project/identity="
                            + slug + "/date=") && e.getKey().endsWith("/" + targetRunId + ".json"))
                    .findFirst().orElseThrow().getValue());
            assertThat(usage.path("usage")).singleElement().satisfies(entry -> {
                assertThat(entry.path("cloud").asText()).isEqualTo("gcp");
                assertThat(entry.path("identity").asText()).isEqualTo(SA);
                assertThat(entry.path("used")).isNotEmpty();
            });
            List<JsonNode> raised = function.raised(targetRunId);
            assertThat(raised).hasSize((Integer) target(result).get("findings")).isNotEmpty();
            assertThat(raised).extracting(f -> f.path("kind").asText()).contains("posture");
            assertThat(raised).allSatisfy(f -> assertThat(f.path("cloud").path("provider").asText()).isEqualTo("gcp"));

            // Security Hub of the function's own account and region, naming the GCP project and the account
            Map<String, AwsSecurityFinding> hub = function.securityHub().stream()
                    .collect(Collectors.toMap(AwsSecurityFinding::id, f -> f));
            assertThat(hub.keySet()).containsAll(ids(raised));
            assertThat(ids(raised)).allSatisfy(id -> {
                AwsSecurityFinding finding = hub.get(id);
                assertThat(finding.recordState()).isEqualTo(RecordState.ACTIVE);
                assertThat(finding.awsAccountId()).isEqualTo(function.account);
                assertThat(finding.region()).isEqualTo("us-east-1");
                assertThat(finding.productFields()).containsEntry("scalewatch/cloud", "gcp");
                assertThat(finding.resources().get(0).id()).isEqualTo(SA);
                assertThat(finding.resources().get(0).type()).isEqualTo("Other");
            });
            assertThat(hub.values()).anySatisfy(f -> assertThat(f.productFields())
                    .containsEntry("scalewatch/account", "demo-project"));

            assertThat(function.checkpoint().orElseThrow().checkpoint().coveredUntil()).isEqualTo(NOON);
            assertThat(function.checkpoint().orElseThrow().checkpoint().runId()).isEqualTo(targetRunId);
            assertThat(function.evaluated).isEqualTo(expected(DAY, NOON));
            assertThat(logLines).anySatisfy(l -> assertThat(l).contains("cloud=gcp event=run_start"))
                    .anySatisfy(l -> assertThat(l).contains("cloud=gcp account=demo-project region=global")
                            .contains("event=target_end status=done"))
                    .anySatisfy(l -> assertThat(l).contains("event=run_end").contains("status=done"));
        }
    }

    @Test
    void handleRequest_overlappingSecondRun_noDuplicateIdsNoGapAndTheCheckpointMovesOn() {
        try (Function function = new Function()) {
            Map<String, Object> morning = function.invoke("gcp-morning.json", Duration.ofMinutes(15));
            Map<String, Object> evening = function.invoke("gcp-evening.json", Duration.ofMinutes(15));

            assertThat(morning).containsEntry("status", "done");
            assertThat(evening).containsEntry("status", "done");
            assertThat(target(evening)).containsEntry("coveredUntil", EVENING.toString());
            assertThat(function.checkpoint().orElseThrow().checkpoint().coveredUntil()).isEqualTo(EVENING);
            assertThat(function.evaluated).isEqualTo(expected(DAY, EVENING));

            Set<String> first = ids(function.raised(target(morning).get("runId").toString()));
            Set<String> second = ids(function.raised(target(evening).get("runId").toString()));
            assertThat(first).isNotEmpty();
            assertThat(second).isNotEmpty();
            List<String> hubIds = function.securityHub().stream().map(AwsSecurityFinding::id).toList();
            assertThat(hubIds).doesNotHaveDuplicates().containsAll(first).containsAll(second);
        }
    }

    @Test
    void handleRequest_deadlineReachedMidCollection_partialWithAnHonestCheckpointThenTheNextRunCloses() {
        TestClock clock = new TestClock(Instant.parse("2026-11-25T08:00:00Z"));
        AtomicInteger requests = new AtomicInteger();
        AtomicBoolean stopLate = new AtomicBoolean(true);
        logging.onRequest(r -> {
            if (requests.incrementAndGet() == 1 && stopLate.get()) {
                clock.advance(Duration.ofMinutes(10)); // the first page takes so long no second one fits
            }
        });
        try (Function function = new Function(Map.of(), b -> b.clock(clock), b -> b.googleCredentials(
                GoogleCredentials.create(new AccessToken("ya29.t", Date.from(Instant.parse("2100-01-01T00:00:00Z"))))))) {
            function.contextClock = clock;

            Map<String, Object> partial = function.invoke("gcp-morning.json", Duration.ofMinutes(5));

            assertThat(partial).containsEntry("status", "partial");
            assertThat(target(partial)).containsEntry("status", "partial");
            Instant covered = Instant.parse(target(partial).get("coveredUntil").toString());
            assertThat(covered).isAfter(DAY).isBefore(NOON);
            assertThat(function.checkpoint().orElseThrow().checkpoint().coveredUntil()).isEqualTo(covered);
            assertThat(function.evaluated).containsAll(expected(DAY, covered));

            stopLate.set(false);
            Map<String, Object> next = function.invoke("gcp-morning.json", Duration.ofMinutes(15));

            assertThat(next).containsEntry("status", "done");
            assertThat(function.checkpoint().orElseThrow().checkpoint().coveredUntil()).isEqualTo(NOON);
            assertThat(function.evaluated).isEqualTo(expected(DAY, NOON));
        }
    }

    @Test
    void handleRequest_configErrors_answerInvalidConfigNamingTheField() throws IOException {
        try (Function function = new Function()) {
            Map<String, Object> typo = function.invoke("gcp-unknown-field.json", Duration.ofMinutes(15));
            Map<String, Object> project = function.invoke("gcp-bad-project.json", Duration.ofMinutes(15));
            Map<String, Object> awsIdentity = function.invoke("gcp-aws-identity.json", Duration.ofMinutes(15));

            assertThat(typo).containsEntry("status", "invalid_config").containsEntry("targets", List.of());
            assertThat(typo.get("error").toString()).contains("unknown config field 'project' in the event")
                    .contains("projects");
            assertThat(project).containsEntry("status", "invalid_config");
            assertThat(project.get("error").toString()).contains("config field 'projects'").contains("Demo_Project")
                    .contains("(from the event)");
            assertThat(awsIdentity).containsEntry("status", "invalid_config");
            assertThat(awsIdentity.get("error").toString()).contains("'identity'").contains("not a GCP service account");
            assertThat(JSON.writeValueAsString(List.of(typo, project, awsIdentity))).doesNotContain("\\tat ")
                    .doesNotContain(".java:");
            assertThat(function.objects()).isEmpty();
            assertThat(logLines).anySatisfy(l -> assertThat(l).contains("cloud=gcp event=invalid_config"));
        }
    }

    @Test
    void handleRequest_noCredentialSetting_answersInvalidConfigNamingBothVariables() {
        try (Function function = new Function(Map.of(), b -> b, b -> b)) {
            Map<String, Object> result = function.invoke("gcp-morning.json", Duration.ofMinutes(15));

            assertThat(result).containsEntry("status", "invalid_config");
            assertThat(result.get("error").toString()).contains(GcpEnvironment.CREDENTIALS_CONFIG)
                    .contains(GcpEnvironment.KEY_SECRET).contains("neither is set");
        }
    }

    @Test
    void handleRequest_keySecretFromSecretsManager_neitherKeyNorKeyIdNorAwsSecretReachesResultLogsOrObjects()
            throws IOException {
        String keyBody = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCscalewatchLeakMarker0123456789";
        String keyId = "c0ffee5ca1e0a7c4d1b2e3f40516273849abcdef";
        String secretName = "scalewatch/gcp-key-" + UUID.randomUUID().toString().substring(0, 8);
        String keyJson = "{\"type\":\"service_account\",\"project_id\":\"demo-project\",\"private_key_id\":\"" + keyId
                + "\",\"private_key\":\"-----BEGIN PRIVATE KEY-----\\n" + keyBody
                + "\\n-----END PRIVATE KEY-----\\n\",\"client_email\":\"scalewatch-reader@demo-project.iam"
                + ".gserviceaccount.com\",\"client_id\":\"1\",\"token_uri\":\"https://oauth2.googleapis.com/token\"}";
        try (Function function = new Function(Map.of(GcpEnvironment.KEY_SECRET, secretName), b -> b, b -> b)) {
            try (SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(Moto.endpoint())
                    .region(Region.US_EAST_1).credentialsProvider(LambdaFixtures.provider(function.credentials))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                secrets.createSecret(b -> b.name(secretName).secretString(keyJson));
            }

            Map<String, Object> result = function.invoke("gcp-morning.json", Duration.ofMinutes(15));

            // the key is read, refused by google-auth (its body is not a key), and the run fails saying so
            assertThat(result).containsEntry("status", "failed");
            assertThat(result.get("error").toString()).contains("GcpCredentialsException")
                    .contains("service-account key secret");
            String everything = JSON.writeValueAsString(result) + String.join("\n", logLines)
                    + String.join("\n", function.objects().values());
            assertThat(everything).doesNotContain(keyBody).doesNotContain("LeakMarker").doesNotContain(keyId)
                    .doesNotContain(Moto.SECRET_KEY).doesNotContain(function.credentials.secretAccessKey())
                    .doesNotContain(function.credentials.sessionToken());
        }
    }

    @Test
    void environment_variables_areUniqueAndNameEveryConfigField() {
        List<String> names = GcpEnvironment.variables().stream().map(AwsEnvironment.Variable::name).toList();
        assertThat(names).doesNotHaveDuplicates().contains(GcpEnvironment.PROJECTS, GcpEnvironment.KEY_SECRET,
                GcpEnvironment.CREDENTIALS_CONFIG, GcpEnvironment.FINDINGS_BUCKET, GcpEnvironment.WINDOW_MAX);
        for (String field : GcpScanConfig.FIELDS) {
            if (!field.equals("now") && !field.equals("window")) {
                assertThat(GcpEnvironment.forField(field)).as(field).isPresent();
            }
        }
    }
}
