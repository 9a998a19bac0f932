package io.scalewatch.gcp.lambda;

import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.posture.PostureLoadResult;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.RunResult;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.core.run.ScheduledRun;
import io.scalewatch.core.run.TargetOutputs;
import io.scalewatch.gcp.collect.GcpActivitySource;
import io.scalewatch.gcp.posture.GcpIamPostureCollector;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One scheduled GCP scan over the projects of a config, as the Lambda handler and the CLI's live mode run it: one
 * target per project (checkpoint key: cloud {@code gcp}, account = the project id, region {@code global}, identity
 * = the service account's email), each run by core's {@link ScheduledRun} with {@link GcpActivitySource} (the
 * project's Admin Activity, and Data Access when configured, audit logs) and the account's IAM posture in the
 * project ({@link GcpIamPostureCollector}, once per project; folders and organizations of the config add their
 * bindings). Results and checkpoints go where the outputs and the checkpoint store say.
 *
 * <pre>{@code
 * RunResult result = GcpScanRunner.builder().wiring(wiring).config(config)
 *         .outputs(CloudOutputs.of(wiring.aws(), config.outputs()))
 *         .checkpoints(wiring.aws().checkpoints(config.outputs())).build().run(runId, deadline);
 * }</pre>
 */
public final class GcpScanRunner {
    private static final System.Logger LOG = System.getLogger(GcpScanRunner.class.getName());
    /** The checkpoint region of project targets: Cloud Audit Logs are not regional. */
    public static final String REGION = "global";

    private final GcpWiring wiring;
    private final GcpScanConfig config;
    private final TargetOutputs.Factory outputs;
    private final CheckpointStore checkpoints;

    private GcpScanRunner(Builder b) {
        this.wiring = b.wiring;
        this.config = b.config;
        this.outputs = b.outputs;
        this.checkpoints = b.checkpoints;
    }

    /** A builder; wiring, config, outputs and checkpoints are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** One target per project, in the order configured. */
    public List<ScanTarget> targets() {
        List<ScanTarget> targets = new ArrayList<>();
        for (String project : config.projects()) {
            targets.add(new ScanTarget(new CheckpointKey(CloudProvider.GCP, project, REGION,
                    config.identity().value())));
        }
        return targets;
    }

    /**
     * Runs every project in order. A failing project does not stop the others; projects the deadline no longer
     * leaves time for are skipped.
     *
     * @throws io.scalewatch.core.run.ScanConfigException when the environment names no (or two) credentials
     * @throws io.scalewatch.gcp.auth.GcpCredentialsException when the credentials cannot be built
     */
    public RunResult run(String runId, Deadline deadline) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(deadline, "deadline");
        wiring.credentials(); // a missing or broken credential setting ends the run before any target
        var logging = wiring.logging();
        GcpIamPostureCollector[] posture = new GcpIamPostureCollector[1];
        return ScheduledRun.builder()
                .cloud(CloudProvider.GCP)
                .scanner(wiring.scanner())
                .identity(config.identity())
                .profile(config.profile())
                .settings(config.settings())
                .suppressions(config.suppressions())
                .windows(config.window())
                .reserve(config.deadlineReserve())
                .clock(config.windowClock(wiring.clock()))
                .source(targetRunId -> GcpActivitySource.builder().logging(logging).dataAccess(config.dataAccess())
                        .deadlineReserve(config.deadlineReserve()).runId(targetRunId).build())
                .posture(target -> {
                    if (posture[0] == null) {
                        posture[0] = wiring.posture(config, runId); // predefined roles are cached per collector
                    }
                    return posture(posture[0], runId, target.key().account());
                })
                .checkpoints(checkpoints)
                .outputs(outputs)
                .scrubber(AwsErrors::scrub)
                .detail(" projects=" + config.projects().size() + " data_access=" + config.dataAccess())
                .fixedNow(config.fixedNow().orElse(null))
                .build()
                .run(runId, targets(), deadline);
    }

    private List<Posture> posture(GcpIamPostureCollector collector, String runId, String project) {
        PostureLoadResult result = collector.collect(config.identity().value(), List.of(project));
        for (String warning : result.warnings()) {
            LOG.log(Level.WARNING, () -> "run_id=" + runId + " cloud=gcp account=" + project
                    + " event=posture_warning warning=\"" + AwsErrors.scrub(warning).replace('"', '\'') + "\"");
        }
        return result.postures();
    }

    /** Builds a {@link GcpScanRunner}. */
    public static final class Builder {
        private GcpWiring wiring;
        private GcpScanConfig config;
        private TargetOutputs.Factory outputs;
        private CheckpointStore checkpoints;

        private Builder() {}

        /** The container's clients and scanner. */
        public Builder wiring(GcpWiring wiring) {
            this.wiring = wiring;
            return this;
        }

        /** What to scan. */
        public Builder config(GcpScanConfig config) {
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
        public GcpScanRunner build() {
            Objects.requireNonNull(wiring, "wiring");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(outputs, "outputs");
            Objects.requireNonNull(checkpoints, "checkpoints");
            return new GcpScanRunner(this);
        }
    }
}
