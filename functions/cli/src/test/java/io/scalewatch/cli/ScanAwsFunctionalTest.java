package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.aws.lambda.AwsScanConfig;
import io.scalewatch.aws.lambda.AwsWiring;
import io.scalewatch.aws.lambda.LocalSeed;
import io.scalewatch.core.identity.IdentityMatcher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code scalewatch scan --aws} against the AWS emulator (moto, started by infra/bin/test): the demo trail in a
 * bucket, the demo role in its account, the SDK's default credentials from system properties.
 */
class ScanAwsFunctionalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    private static final String ACCESS_KEY = "AKIACLISCANTEST00001";
    private static final String SECRET_KEY = "cli-scan-test-secret-key-not-a-secret-01";
    private static final String EXTERNAL_ID = "scalewatch-cli-test-external-id";
    private static String trailBucket;

    @TempDir
    Path dir;

    private static URI endpoint() {
        String value = System.getProperty("moto.endpoint", "");
        if (value.isBlank()) {
            throw new AssertionError("no AWS emulator: run the tests through infra/bin/test, which starts moto and "
                    + "passes -Dmoto.endpoint");
        }
        return URI.create(value);
    }

    @BeforeAll
    static void seed() {
        // the SDK's default chain reads these first: what a user's environment would hold
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        trailBucket = "scalewatch-cli-trail-" + UUID.randomUUID().toString().substring(0, 8);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        try (AwsWiring wiring = AwsWiring.builder().region(Region.US_EAST_1).credentials(credentials)
                .endpointOverride(endpoint()).threads(1).build()) {
            AwsScanConfig config = AwsScanConfig.builder().identity(IdentityMatcher.parse(ROLE))
                    .accounts(List.of("111122223333")).source(AwsScanConfig.Source.s3(trailBucket, "", ""))
                    .crossAccount(new AwsScanConfig.CrossAccount("scalewatch-read", EXTERNAL_ID)).build();
            LocalSeed.seed(wiring, config, Path.of(System.getProperty("scalewatch.root"), "functions", "cli", "src",
                    "main", "resources", "demo"));
        }
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private String[] scan(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("scan", "--aws", "--identity", ROLE, "--accounts",
                "111122223333", "--regions", "us-east-1,us-west-2", "--mode", "s3", "--trail-bucket", trailBucket,
                "--read-role", "scalewatch-read", "--external-id", EXTERNAL_ID, "--until", "2026-11-24T12:00:00Z",
                "--since", "PT12H", "--endpoint-url", endpoint().toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void scanAws_s3ModeToALocalFolder_writesEveryTargetsFindingsAndSummary() throws IOException {
        Path out = dir.resolve("out");

        CliRun run = CliRun.of(scan("--out", out.toString()));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("aws 111122223333 us-east-1: done, covered until 2026-11-24T12:00:00Z")
                .contains("aws 111122223333 us-west-2: done, covered until 2026-11-24T12:00:00Z")
                .contains("outputs   " + out.toAbsolutePath());
        for (String region : List.of("us-east-1", "us-west-2")) {
            Path target = out.resolve("111122223333").resolve(region);
            JsonNode summary = JSON.readTree(target.resolve("summary.json").toFile());
            assertThat(summary.path("identity").toString()).contains(ROLE);
            assertThat(summary.path("window").toString()).contains("2026-11-24T00:00:00Z")
                    .contains("2026-11-24T12:00:00Z");
            assertThat(target.resolve("quarantine.jsonl")).exists();
        }
        List<JsonNode> findings = lines(out.resolve("111122223333").resolve("us-east-1").resolve("findings.jsonl"));
        assertThat(findings).isNotEmpty().allSatisfy(f -> assertThat(f.path("identity").asText()).isEqualTo(ROLE));
        assertThat(findings).extracting(f -> f.path("kind").asText()).contains("posture");
        assertThat(run.out() + run.err()).doesNotContain(SECRET_KEY).doesNotContain(EXTERNAL_ID);
    }

    @Test
    void scanAws_toBucketsWithState_publishesCheckpointsAndKeepsTheHistory() {
        String bucket = "scalewatch-cli-out-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build()) {
            s3.createBucket(b -> b.bucket(bucket));

            CliRun run = CliRun.of(scan("--findings-bucket", bucket, "--findings-prefix", "sw", "--state-bucket",
                    bucket, "--quiet"));

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
            List<String> keys = s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .map(o -> o.key()).toList();
            assertThat(keys).anyMatch(k -> k.startsWith("sw/findings/cloud=aws/account=111122223333/"))
                    .anyMatch(k -> k.startsWith("sw/state/cloud=aws/account=111122223333/region=us-east-1/")
                            && k.endsWith("/checkpoint.json"))
                    .anyMatch(k -> k.startsWith("sw/state/cloud=aws/account=111122223333/region=us-east-1/")
                            && k.endsWith("/baseline.json"))
                    .anyMatch(k -> k.startsWith("sw/state/cloud=aws/account=111122223333/region=us-west-2/"));
        }
    }

    @Test
    void scanAws_otherAccountWithoutReadRole_isAnInputError() {
        CliRun run = CliRun.of("scan", "--aws", "--identity", ROLE, "--accounts", "111122223333", "--regions",
                "us-east-1", "--mode", "s3", "--trail-bucket", trailBucket, "--endpoint-url", endpoint().toString(),
                "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err()).contains("111122223333").contains("read-only role").doesNotContain("\tat ");
    }
}
