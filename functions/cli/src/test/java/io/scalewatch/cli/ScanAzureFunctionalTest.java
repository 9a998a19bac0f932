package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.azure.lambda.AzureWiring;
import io.scalewatch.azure.testing.ActivityData;
import io.scalewatch.azure.testing.DemoTenant;
import io.scalewatch.azure.testing.LogsApiServer;
import io.scalewatch.azure.testing.LoopbackHttpsServer;
import io.scalewatch.azure.testing.LoopbackTls;
import io.scalewatch.azure.testing.StaticTokenCredential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scalewatch scan --azure} end to end through the command line: the real Logs Query client against the
 * loopback Logs API with the demo workspace's AzureActivity, role assignments from the loopback ARM / Graph server
 * (the command's Azure side aimed at them instead of DefaultAzureCredential and the public cloud).
 */
class ScanAzureFunctionalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ActivityData DATA = ActivityData.demo();

    @TempDir
    Path dir;

    private LogsApiServer logs;
    private LoopbackHttpsServer arm;
    private UnaryOperator<AzureWiring.Builder> saved;

    @BeforeEach
    void start() {
        logs = new LogsApiServer(DATA.columns(), DATA.rows());
        arm = new LoopbackHttpsServer(request -> DemoTenant.answer(request, arm.base()));
        saved = ScanCommand.azureSide;
        ScanCommand.azureSide = b -> b.credential(new StaticTokenCredential()).httpClient(LoopbackTls.httpClient())
                .logsEndpoint(logs.endpoint()).armEndpoint(arm.base()).graphEndpoint(arm.base());
    }

    @AfterEach
    void stop() {
        ScanCommand.azureSide = saved;
        logs.close();
        arm.close();
    }

    @Test
    void scanAzure_demoWorkspaceToALocalFolder_writesFindingsSummaryAndPrintsTheTarget() throws IOException {
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("scan", "--azure", "--identity", ActivityData.OBJECT_ID, "--workspace",
                ActivityData.WORKSPACE, "--subscription", DemoTenant.SUBSCRIPTION, "--until", "2026-11-25T00:00:00Z",
                "--since", "PT12H", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("azure " + ActivityData.WORKSPACE
                + " global: done, covered until 2026-11-25T00:00:00Z").contains("outputs   " + out.toAbsolutePath());
        Path target = out.resolve(ActivityData.WORKSPACE).resolve("global");
        JsonNode summary = JSON.readTree(target.resolve("summary.json").toFile());
        assertThat(summary.path("window").toString()).contains("2026-11-24T12:00:00Z").contains("2026-11-25T00:00:00Z");
        assertThat(Files.readAllLines(target.resolve("findings.jsonl"))).isNotEmpty()
                .anySatisfy(l -> assertThat(l).contains("\"kind\":\"posture\""));
        assertThat(logs.requests()).isNotEmpty();
        assertThat(arm.requests()).anySatisfy(r -> assertThat(r.path()).isEqualTo(DemoTenant.ASSIGNMENTS));
        assertThat(run.out() + run.err()).doesNotContain(StaticTokenCredential.TOKEN);
    }
}
