package io.scalewatch.cli;

import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.checkpoint.InMemoryCheckpointStore;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.RunIds;
import io.scalewatch.core.run.RunResult;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.gcp.lambda.GcpScanConfig;
import io.scalewatch.gcp.lambda.GcpScanRunner;
import io.scalewatch.gcp.lambda.GcpWiring;
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
 * {@code scalewatch scan --gcp}: the scheduled GCP scan run once from a terminal, with Google's Application Default
 * Credentials. The same runner as the Lambda ({@link GcpScanRunner}); results go to a local directory (one folder
 * per project). Nothing is remembered: the window is {@code [until - since, until)}.
 */
final class GcpLiveScan {
    private GcpLiveScan() {}

    /** What a live GCP scan was asked to do (the command's options). */
    record Options(
            IdentityMatcher identity,
            List<String> projects,
            List<String> folders,
            List<String> organizations,
            boolean dataAccess,
            Duration since,
            Optional<Instant> until,
            Path out,
            String profile,
            Optional<Path> settings,
            int threads,
            Optional<Path> suppressions,
            int suppressionMaxDays) {}

    /** The run's result and the report of every project that published, in target order. */
    record Outcome(RunResult result, Map<ScanTarget, ScanReport> reports) {}

    /**
     * Runs.
     *
     * @param google sets the Google side of the wiring: credentials (the CLI: Application Default Credentials)
     * @throws InputException when an option is out of range
     */
    static Outcome run(Options options, UnaryOperator<GcpWiring.Builder> google) {
        GcpScanConfig config;
        try {
            config = GcpScanConfig.builder().identity(options.identity()).projects(options.projects())
                    .folders(options.folders()).organizations(options.organizations())
                    .dataAccess(options.dataAccess()).profile(AgentProfiles.resolve(options.profile()))
                    .settings(options.settings().map(LiveModes::readSettings).orElse(null))
                    .suppressions(LiveModes.suppressions(options.suppressions(), options.suppressionMaxDays()))
                    .window(LiveModes.stateless(options.since())).now(options.until().orElse(null)).build();
        } catch (InputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
        Map<ScanTarget, ScanReport> reports = new LinkedHashMap<>();
        try (GcpWiring wiring = google.apply(GcpWiring.builder().scanner(LiveModes.scanner(options.threads()))).build()) {
            String runId = RunIds.of(wiring.clock(), UUID.randomUUID().toString());
            RunResult result = GcpScanRunner.builder().wiring(wiring).config(config)
                    .outputs(LiveModes.local(options.out(), reports)).checkpoints(new InMemoryCheckpointStore())
                    .build().run(runId, Deadline.none());
            return new Outcome(result, reports);
        }
    }
}
