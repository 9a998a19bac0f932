package io.scalewatch.cli;

import io.scalewatch.azure.lambda.AzureScanConfig;
import io.scalewatch.azure.lambda.AzureScanRunner;
import io.scalewatch.azure.lambda.AzureWiring;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.checkpoint.InMemoryCheckpointStore;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.RunIds;
import io.scalewatch.core.run.RunResult;
import io.scalewatch.core.run.ScanTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * {@code scalewatch scan --azure}: the scheduled Azure scan run once from a terminal, with azure-identity's
 * {@code DefaultAzureCredential} (environment, workload identity, managed identity, Azure CLI). The same runner as
 * the Lambda ({@link AzureScanRunner}); results go to a local directory (one folder per workspace). Nothing is
 * remembered: the window is {@code [until - since, until)}.
 */
final class AzureLiveScan {
    private AzureLiveScan() {}

    /** What a live Azure scan was asked to do (the command's options). */
    record Options(
            IdentityMatcher identity,
            String appId,
            List<String> workspaces,
            List<String> subscriptions,
            boolean graphEnabled,
            Duration since,
            Optional<Instant> until,
            Path out,
            String profile,
            Optional<Path> settings,
            int threads,
            Optional<Path> suppressions,
            int suppressionMaxDays) {}

    /** The run's result and the report of every workspace that published, in target order. */
    record Outcome(RunResult result, Map<ScanTarget, ScanReport> reports) {}

    /**
     * Runs.
     *
     * @param azure sets the Azure side of the wiring: the credential (the CLI: DefaultAzureCredential), endpoints
     * @throws InputException when an option is out of range
     */
    static Outcome run(Options options, UnaryOperator<AzureWiring.Builder> azure) {
        AzureScanConfig config;
        try {
            config = AzureScanConfig.builder().identity(options.identity()).appId(options.appId())
                    .workspaces(options.workspaces()).subscriptions(options.subscriptions())
                    .graphEnabled(options.graphEnabled()).profile(AgentProfiles.resolve(options.profile()))
                    .settings(options.settings().map(LiveModes::readSettings).orElse(null))
                    .suppressions(LiveModes.suppressions(options.suppressions(), options.suppressionMaxDays()))
                    .window(LiveModes.stateless(options.since())).now(options.until().orElse(null)).build();
        } catch (InputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
        Map<ScanTarget, ScanReport> reports = new LinkedHashMap<>();
        try (AzureWiring wiring = azure.apply(AzureWiring.builder().scanner(LiveModes.scanner(options.threads())))
                .build()) {
            String runId = RunIds.of(wiring.clock(), UUID.randomUUID().toString());
            RunResult result = AzureScanRunner.builder().wiring(wiring).config(config)
                    .outputs(LiveModes.local(options.out(), reports)).checkpoints(new InMemoryCheckpointStore())
                    .build().run(runId, Deadline.none());
            return new Outcome(result, reports);
        }
    }
}
