package io.scalewatch.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.identity.IdentitySlug;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.scan.Scanner;
import io.scalewatch.core.sink.ReportSink;
import io.scalewatch.core.suppress.SuppressionLog;
import io.scalewatch.core.suppress.Suppressions;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One scheduled run of a Lambda handler (or the CLI's live mode) over its targets, the same for AWS, GCP and
 * Azure: per target it opens the target's outputs, runs core's {@link ScheduledScan} (checkpoint, window, collect,
 * evaluate, publish, advance), closes the outputs, and logs one {@code event=target_end} line; the run logs
 * {@code event=run_start} and {@code event=run_end} and adds the outcomes up to a {@link RunResult}.
 *
 * <p>Posture is collected at most once per posture group (an AWS account, a GCP project, ...) and goes with the
 * group's first target that publishes, so posture findings are published once per run; a failed target leaves it
 * to the next one.
 *
 * <pre>{@code
 * RunResult result = ScheduledRun.builder().cloud(CloudProvider.GCP).scanner(scanner).identity(identity)
 *         .profile(profile).source(targetRunId -> gcpSource).posture(t -> postureOf(t)).checkpoints(store)
 *         .outputs(outputs).build().run(runId, targets, deadline);
 * }</pre>
 */
public final class ScheduledRun {
    private static final System.Logger LOG = System.getLogger(ScheduledRun.class.getName());

    /** The source of one target's run, given that run's id (collectors put it in their log lines). */
    @FunctionalInterface
    public interface SourceFactory {
        /** The activity source for the target run {@code targetRunId}. */
        TargetSource forRun(String targetRunId);
    }

    private final CloudProvider cloud;
    private final Scanner scanner;
    private final IdentityMatcher identity;
    private final AgentProfile profile;
    private final JsonNode settings;
    private final Suppressions suppressions;
    private final ScanWindow.Policy windows;
    private final Duration reserve;
    private final Clock clock;
    private final SourceFactory source;
    private final Function<ScanTarget, List<Posture>> posture;
    private final Function<ScanTarget, String> postureGroup;
    private final CheckpointStore checkpoints;
    private final TargetOutputs.Factory outputs;
    private final UnaryOperator<String> scrubber;
    private final String detail;
    private final Instant fixedNow;

    private ScheduledRun(Builder b) {
        this.cloud = b.cloud;
        this.scanner = b.scanner;
        this.identity = b.identity;
        this.profile = b.profile;
        this.settings = b.settings;
        this.suppressions = b.suppressions;
        this.windows = b.windows;
        this.reserve = b.reserve;
        this.clock = b.clock;
        this.source = b.source;
        this.posture = b.posture;
        this.postureGroup = b.postureGroup;
        this.checkpoints = b.checkpoints;
        this.outputs = b.outputs;
        this.scrubber = b.scrubber;
        this.detail = b.detail;
        this.fixedNow = b.fixedNow;
    }

    /** A builder; cloud, scanner, identity, profile, source, checkpoints and outputs are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every target in order. A failing target does not stop the others; targets the deadline no longer
     * leaves time for are skipped.
     */
    public RunResult run(String runId, List<ScanTarget> targets, Deadline deadline) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(deadline, "deadline");
        String slug = IdentitySlug.of(identity.value());
        LOG.log(Level.INFO, () -> "run_id=" + runId + " cloud=" + cloud.id() + " event=run_start identity=" + slug
                + detail + " targets=" + targets.size() + " deadline_in=" + deadline.remaining().toSeconds() + "s"
                + (fixedNow == null ? "" : " now=" + fixedNow));
        Run run = new Run();
        List<TargetOutcome> outcomes = new ArrayList<>();
        for (ScanTarget target : targets) {
            TargetOutcome outcome = scrubbed(run.scan(runId, target, deadline));
            log(runId, slug, outcome);
            outcomes.add(outcome);
        }
        RunResult result = new RunResult(runId, RunResult.statusOf(outcomes), identity.value(), outcomes, "");
        LOG.log(result.status() == RunResult.Status.DONE ? Level.INFO : Level.WARNING,
                () -> "run_id=" + runId + " cloud=" + cloud.id() + " event=run_end identity=" + slug + " status="
                        + result.status().id() + " targets=" + outcomes.size() + " findings=" + result.findings());
        return result;
    }

    private TargetOutcome scrubbed(TargetOutcome o) {
        return new TargetOutcome(o.target(), o.status(), o.coveredUntil(), o.findings(), o.error().map(scrubber));
    }

    private void log(String runId, String slug, TargetOutcome o) {
        CheckpointKey key = o.target().key();
        Level level = switch (o.status()) {
            case DONE -> Level.INFO;
            case PARTIAL, SKIPPED -> Level.WARNING;
            case FAILED -> Level.ERROR;
        };
        LOG.log(level, () -> "run_id=" + runId + " cloud=" + cloud.id() + " account=" + key.account() + " region="
                + key.region() + " identity=" + slug + " event=target_end status="
                + o.status().name().toLowerCase(Locale.ROOT) + " covered_until="
                + o.coveredUntil().map(Instant::toString).orElse("-") + " findings=" + o.findings()
                + o.error().map(e -> " error=\"" + e.replace('"', '\'') + "\"").orElse(""));
    }

    /** The posture of one run: collected once per group, delivered with the group's first publishing target. */
    private final class Run {
        private final Map<String, List<Posture>> postures = new HashMap<>();
        private final Set<String> delivered = new HashSet<>();

        TargetOutcome scan(String runId, ScanTarget target, Deadline deadline) {
            String targetRunId = RunResult.targetRunId(runId, target);
            TargetOutputs out;
            try {
                out = outputs.open(target, targetRunId);
            } catch (RuntimeException e) {
                return new TargetOutcome(target, TargetOutcome.Status.FAILED, Optional.empty(), 0,
                        Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            try {
                ScheduledScan scan = ScheduledScan.builder()
                        .scanner(scanner)
                        .source(source.forRun(targetRunId))
                        .posture(this::postureOnce)
                        .checkpoints(checkpoints)
                        .sinks(withSuppressionLog(out.sinks()))
                        .quarantine((t, r) -> out.quarantine())
                        .identity(identity)
                        .profile(profile)
                        .settings(settings)
                        .suppressions(suppressions)
                        .windows(windows)
                        .reserve(reserve)
                        .clock(clock)
                        .build();
                TargetOutcome outcome = scan.run(targetRunId, List.of(target), deadline).get(0);
                if (outcome.status() == TargetOutcome.Status.DONE || outcome.status() == TargetOutcome.Status.PARTIAL) {
                    delivered.add(postureGroup.apply(target));
                }
                return outcome;
            } finally {
                try {
                    out.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, () -> "run_id=" + runId + " cloud=" + cloud.id() + " account="
                            + target.key().account() + " region=" + target.key().region()
                            + " event=outputs_not_closed error=\"" + scrubber.apply(e.getMessage()) + "\"");
                }
            }
        }

        // first, so what the suppressions did is logged even when a later sink fails
        private List<ReportSink> withSuppressionLog(List<ReportSink> sinks) {
            List<ReportSink> all = new ArrayList<>();
            all.add(new SuppressionLog(scrubber));
            all.addAll(sinks);
            return all;
        }

        private List<Posture> postureOnce(ScanTarget target) {
            String group = postureGroup.apply(target);
            if (delivered.contains(group)) {
                return List.of();
            }
            List<Posture> cached = postures.get(group);
            if (cached == null) {
                cached = List.copyOf(posture.apply(target));
                postures.put(group, cached);
            }
            return cached;
        }
    }

    /** Builder of {@link ScheduledRun}. */
    public static final class Builder {
        private CloudProvider cloud;
        private Scanner scanner;
        private IdentityMatcher identity;
        private AgentProfile profile;
        private JsonNode settings;
        private Suppressions suppressions = Suppressions.none();
        private ScanWindow.Policy windows = ScanWindow.Policy.DEFAULT;
        private Duration reserve = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private SourceFactory source;
        private Function<ScanTarget, List<Posture>> posture = t -> List.of();
        private Function<ScanTarget, String> postureGroup = t -> t.key().account();
        private CheckpointStore checkpoints;
        private TargetOutputs.Factory outputs;
        private UnaryOperator<String> scrubber = UnaryOperator.identity();
        private String detail = "";
        private Instant fixedNow;

        private Builder() {}

        /** The cloud of every target (log lines). */
        public Builder cloud(CloudProvider cloud) {
            this.cloud = cloud;
            return this;
        }

        /** The scanner (engine + pipeline), built once per container. */
        public Builder scanner(Scanner scanner) {
            this.scanner = scanner;
            return this;
        }

        /** The watched identity. */
        public Builder identity(IdentityMatcher identity) {
            this.identity = identity;
            return this;
        }

        /** The agent profile scoring every finding. */
        public Builder profile(AgentProfile profile) {
            this.profile = profile;
            return this;
        }

        /** Settings overrides of the deployment (input.config). */
        public Builder settings(JsonNode settings) {
            this.settings = settings;
            return this;
        }

        /** Accepted findings applied to every target's report (default none). */
        public Builder suppressions(Suppressions suppressions) {
            this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
            return this;
        }

        /** How windows are cut (default {@link ScanWindow.Policy#DEFAULT}). */
        public Builder windows(ScanWindow.Policy windows) {
            this.windows = windows;
            return this;
        }

        /** Time kept at the end of the run for evaluating, publishing and checkpointing (default 60 s). */
        public Builder reserve(Duration reserve) {
            this.reserve = reserve;
            return this;
        }

        /** The clock windows are cut with (a fixed one for replays). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Where each target run's activity comes from. */
        public Builder source(SourceFactory source) {
            this.source = source;
            return this;
        }

        /** The identity's posture in a target's group (default: none); asked at most once per group and run. */
        public Builder posture(Function<ScanTarget, List<Posture>> posture) {
            this.posture = posture;
            return this;
        }

        /** Which targets share one posture (default: the target's account / project / workspace). */
        public Builder postureGroup(Function<ScanTarget, String> postureGroup) {
            this.postureGroup = postureGroup;
            return this;
        }

        /** Where checkpoints are kept. */
        public Builder checkpoints(CheckpointStore checkpoints) {
            this.checkpoints = checkpoints;
            return this;
        }

        /** Where each target's report goes. */
        public Builder outputs(TargetOutputs.Factory outputs) {
            this.outputs = outputs;
            return this;
        }

        /** Cleans error messages before they reach results and logs (the cloud's credential scrubber). */
        public Builder scrubber(UnaryOperator<String> scrubber) {
            this.scrubber = scrubber;
            return this;
        }

        /** Extra {@code key=value} fields of the run_start line, each with a leading space (e.g. {@code " mode=s3"}). */
        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        /** The instant windows are cut from when fixed (logged on run_start); {@code null}: the clock's. */
        public Builder fixedNow(Instant fixedNow) {
            this.fixedNow = fixedNow;
            return this;
        }

        /**
         * The run.
         *
         * @throws NullPointerException naming the missing part
         */
        public ScheduledRun build() {
            Objects.requireNonNull(cloud, "cloud");
            Objects.requireNonNull(scanner, "scanner");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(posture, "posture");
            Objects.requireNonNull(postureGroup, "postureGroup");
            Objects.requireNonNull(checkpoints, "checkpoints");
            Objects.requireNonNull(outputs, "outputs");
            Objects.requireNonNull(scrubber, "scrubber");
            Objects.requireNonNull(windows, "windows");
            Objects.requireNonNull(reserve, "reserve");
            Objects.requireNonNull(clock, "clock");
            detail = Objects.requireNonNullElse(detail, "");
            return new ScheduledRun(this);
        }
    }
}
