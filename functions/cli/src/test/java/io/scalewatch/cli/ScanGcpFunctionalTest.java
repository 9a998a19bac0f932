package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.scalewatch.gcp.collect.DemoEntries;
import io.scalewatch.gcp.collect.LoggingServiceV2Server;
import io.scalewatch.gcp.posture.GoogleApisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scalewatch scan --gcp} end to end through the command line: the real Cloud Logging client against the
 * loopback LoggingServiceV2 server with the demo project's day, the IAM posture from the loopback Google REST server
 * (the command's Google side aimed at them instead of Application Default Credentials and Google's endpoints).
 */
class ScanGcpFunctionalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SA = DemoEntries.SERVICE_ACCOUNT;
    private static final String SA_PATH = "/v1/projects/-/serviceAccounts/" + SA;
    private static final String TOKEN = "ya29.cli-test-token-not-a-secret";

    @TempDir
    Path dir;

    private LoggingServiceV2Server logging;
    private GoogleApisServer apis;
    private UnaryOperator<io.scalewatch.gcp.lambda.GcpWiring.Builder> saved;

    @BeforeEach
    void start() throws IOException {
        logging = LoggingServiceV2Server.start(DemoEntries.entries());
        apis = GoogleApisServer.start()
                .route("POST /v1/projects/demo-project:getIamPolicy", 200, "projects_demo-project.getIamPolicy.json")
                .route("POST " + SA_PATH + ":getIamPolicy?options.requestedPolicyVersion=3", 200,
                        "serviceAccount.getIamPolicy.json")
                .route("GET " + SA_PATH + "/keys?keyTypes=USER_MANAGED", 200, "serviceAccount.keys.json")
                .route("GET /v1/projects/demo-project/roles/castaiNodeManager", 200, "roles/castaiNodeManager.json");
        for (String role : List.of("compute.instanceAdmin.v1", "container.admin", "editor", "iam.serviceAccountUser",
                "owner", "iam.serviceAccountTokenCreator", "iam.workloadIdentityUser")) {
            apis.route("GET /v1/roles/" + role, 200, "roles/" + role + ".json");
        }
        saved = ScanCommand.gcpSide;
        ScanCommand.gcpSide = b -> b.googleCredentials(GoogleCredentials.create(new AccessToken(TOKEN,
                Date.from(Instant.parse("2100-01-01T00:00:00Z"))))).logging(logging.client())
                .resourceManagerUrl(apis.url()).iamUrl(apis.url() + "/");
    }

    @AfterEach
    void stop() {
        ScanCommand.gcpSide = saved;
        logging.close();
        apis.close();
    }

    @Test
    void scanGcp_demoProjectToALocalFolder_writesFindingsSummaryAndPrintsTheTarget() throws IOException {
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("scan", "--gcp", "--identity", SA, "--project", "demo-project", "--until",
                "2026-11-24T12:00:00Z", "--since", "PT12H", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("gcp demo-project global: done, covered until 2026-11-24T12:00:00Z")
                .contains("outputs   " + out.toAbsolutePath());
        Path target = out.resolve("demo-project").resolve("global");
        JsonNode summary = JSON.readTree(target.resolve("summary.json").toFile());
        assertThat(summary.path("identity").toString()).contains(SA);
        assertThat(summary.path("window").toString()).contains("2026-11-24T00:00:00Z").contains("2026-11-24T12:00:00Z");
        List<String> findings = Files.readAllLines(target.resolve("findings.jsonl"));
        assertThat(findings).isNotEmpty();
        assertThat(findings.stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        })).allSatisfy(f -> assertThat(f.path("identity").asText()).isEqualTo(SA))
                .anySatisfy(f -> assertThat(f.path("kind").asText()).isEqualTo("posture"));
        assertThat(logging.requests()).isNotEmpty();
        assertThat(run.out() + run.err()).doesNotContain(TOKEN);
    }

    @Test
    void scanGcp_projectWhosePolicyCannotBeRead_exitsTargetFailedNamingTheProject() {
        CliRun run = CliRun.of("scan", "--gcp", "--identity", SA, "--project", "other-project", "--until",
                "2026-11-24T12:00:00Z", "--since", "PT1H", "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.TARGET_FAILED);
        assertThat(run.out()).contains("gcp other-project global: failed, covered until - (checkpoint not moved)")
                .contains("error:");
    }
}
