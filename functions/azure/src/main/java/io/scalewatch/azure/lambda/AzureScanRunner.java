package io.scalewatch.azure.lambda;

import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.azure.collect.AzureActivityCollector;
import io.scalewatch.azure.collect.AzureActivitySource;
import io.scalewatch.azure.posture.AzureLoggingResult;
import io.scalewatch.azure.posture.AzurePostureResult;
import io.scalewatch.azure.posture.AzureRoleAssignmentCollector;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.RunResult;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.core.run.ScheduledRun;
import io.scalewatch.core.run.TargetOutputs;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One scheduled Azure scan over the workspaces of a config, as the Lambda handler and the CLI's live mode run it:
 * one target per Log Analytics workspace ({@link AzureActivitySource}: checkpoint key cloud {@code azure}, account
 * = the workspace id, region {@code global}, identity = the object id), since a workspace's AzureActivity table is
 * what is queried and checkpointed, whatever subscriptions export to it. Each target is run by core's
 * {@link ScheduledRun}. The posture (the principal's role assignments in every configured subscription,
 * {@link AzureRoleAssignmentCollector}) is collected once per run and goes with the first workspace that
 * publishes, so its findings are published once.
 *
 * <pre>{@code
 * RunResult result = AzureScanRunner.builder().wiring(wiring).config(config)
 *         .outputs(CloudOutputs.of(wiring.aws(), config.outputs()))
 *         .checkpoints(wiring.aws().checkpoints(config.outputs())).build().run(runId, deadline);
 * }</pre>
 */
public final class AzureScanRunner {
    private static final System.Logger LOG = System.getLogger(AzureScanRunner.class.getName());
    /** Every workspace target shares the run's one posture. */
    private static final String POSTURE_GROUP = "subscriptions";

    private final AzureWiring wiring;
    private final AzureScanConfig config;
    private final TargetOutputs.Factory outputs;
    private final CheckpointStore checkpoints;

    private AzureScanRunner(Builder b) {
        this.wiring = b.wiring;
        this.config = b.config;
        this.outputs = b.outputs;
        this.checkpoints = b.checkpoints;
    }

    /** A builder; wiring, config, outputs and checkpoints are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** One target per workspace, in the order configured. */
    public List<ScanTarget> targets() {
        List<ScanTarget> targets = new ArrayList<>();
        for (String workspace : config.workspaces()) {
            targets.add(new ScanTarget(new CheckpointKey(CloudProvider.AZURE, workspace, AzureActivitySource.REGION,
                    config.identity().value())));
        }
        return targets;
    }

    /**
     * Runs every workspace in order. A failing workspace does not stop the others; workspaces the deadline no
     * longer leaves time for are skipped.
     *
     * @throws io.scalewatch.core.run.ScanConfigException when a sign-in variable is missing or malformed
     * @throws io.scalewatch.azure.auth.AzureCredentialException when the credential cannot be built
     */
    public RunResult run(String runId, Deadline deadline) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(deadline, "deadline");
        wiring.credential(); // a missing or broken sign-in setting ends the run before any target
        AzureRoleAssignmentCollector[] posture = new AzureRoleAssignmentCollector[1];
        return ScheduledRun.builder()
                .cloud(CloudProvider.AZURE)
                .scanner(wiring.scanner())
                .identity(config.identity())
                .profile(config.profile())
                .settings(config.settings())
                .suppressions(config.suppressions())
                .windows(config.window())
                .reserve(config.deadlineReserve())
                .clock(config.windowClock(wiring.clock()))
                .source(this::source)
                .posture(target -> {
                    if (posture[0] == null) {
                        posture[0] = wiring.posture(config, runId); // role definitions are cached per collector
                    }
                    return posture(posture[0], runId);
                })
                .postureGroup(target -> POSTURE_GROUP)
                .checkpoints(checkpoints)
                .outputs(outputs)
                .scrubber(AwsErrors::scrub)
                .detail(" workspaces=" + config.workspaces().size() + " subscriptions=" + config.subscriptions().size())
                .fixedNow(config.fixedNow().orElse(null))
                .build()
                .run(runId, targets(), deadline);
    }

    private AzureActivitySource source(String targetRunId) {
        AzureActivityCollector.Settings d = AzureActivityCollector.Settings.DEFAULT;
        return AzureActivitySource.builder().client(wiring.logs())
                .workspaces(config.workspaces()).objectId(config.identity().value()).appId(config.appId())
                .settings(new AzureActivityCollector.Settings(d.sliceLength(), d.minSliceLength(), d.maxRowsPerQuery(),
                        d.queryTimeout(), config.deadlineReserve(), d.retry()))
                .runId(targetRunId).build();
    }

    private List<Posture> posture(AzureRoleAssignmentCollector collector, String runId) {
        List<Posture> postures = new ArrayList<>();
        for (String subscription : config.subscriptions()) {
            AzurePostureResult result = collector.collect(subscription, config.identity().value());
            // The subscription's diagnostic settings ride on its postures (SW-L5-008 judges them).
            AzureLoggingResult logging = collector.logging(subscription, config.workspaces());
            for (Posture posture : result.postures()) {
                postures.add(posture.withLogging(logging.logging()));
            }
            List<String> warnings = new ArrayList<>(result.warnings());
            warnings.addAll(logging.warnings());
            for (String warning : warnings) {
                LOG.log(Level.WARNING, () -> "run_id=" + runId + " cloud=azure subscription=" + subscription
                        + " event=posture_warning warning=\"" + AwsErrors.scrub(warning).replace('"', '\'') + "\"");
            }
        }
        return postures;
    }

    /** Builds an {@link AzureScanRunner}. */
    public static final class Builder {
        private AzureWiring wiring;
        private AzureScanConfig config;
        private TargetOutputs.Factory outputs;
        private CheckpointStore checkpoints;

        private Builder() {}

        /** The container's clients and scanner. */
        public Builder wiring(AzureWiring wiring) {
            this.wiring = wiring;
            return this;
        }

        /** What to scan. */
        public Builder config(AzureScanConfig config) {
            this.config = config;
            return this;
        }

        /** Where each target's report goes. */
        public Builder outputs(TargetOutputs.Factory outputs) {
            this.outputs = outputs;
            return this;
        }

        /** Where checkpoints are kept. */
        public Builder checkpoints(CheckpointStore checkpoints) {
            this.checkpoints = checkpoints;
            return this;
        }

        /**
         * The runner.
         *
         * @throws NullPointerException naming the missing part
         */
        public AzureScanRunner build() {
            Objects.requireNonNull(wiring, "wiring");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(outputs, "outputs");
            Objects.requireNonNull(checkpoints, "checkpoints");
            return new AzureScanRunner(this);
        }
    }
}
