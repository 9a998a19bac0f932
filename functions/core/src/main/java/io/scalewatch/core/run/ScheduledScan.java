package io.scalewatch.core.run;

import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.baseline.BaselineFold;
import io.scalewatch.core.baseline.BaselineSettings;
import io.scalewatch.core.baseline.BaselineStore;
import io.scalewatch.core.baseline.IdentityBaseline;
import io.scalewatch.core.baseline.StoredBaseline;
import io.scalewatch.core.checkpoint.Checkpoint;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.checkpoint.StoredCheckpoint;
import io.scalewatch.core.event.CloudLocation;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.scan.ScanRequest;
import io.scalewatch.core.scan.Scanner;
import io.scalewatch.core.sink.ReportSink;
import io.scalewatch.core.suppress.Suppressions;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One scheduled run over several targets (DESIGN.md §2), the same for AWS, GCP and Azure: per target, load
 * the checkpoint, cut the window, collect, evaluate, publish to every sink, and only then advance the
 * checkpoint to where collection got. With a {@link BaselineStore}, the target's behaviour history is loaded
 * before the window pass ({@code input.baseline}) and, once every sink succeeded, the window folded into it
 * ({@link BaselineFold}) and saved, right before the checkpoint moves. The policy input names the target
 * ({@code input.scan.target}). A failing target does not stop the others; a run near its deadline skips the
 * targets it can no longer finish.
 *
 * <pre>{@code
 * ScheduledScan run = ScheduledScan.builder().scanner(scanner).source(collectors).checkpoints(store)
 *         .sinks(List.of(s3, securityHub)).identity(identity).profile(profile).build();
 * List<TargetOutcome> outcomes = run.run("run-1", targets, Deadline.in(remaining, clock));
 * }</pre>
 */
public final class ScheduledScan {
    private final Scanner scanner;
    private final TargetSource source;
    private final Function<ScanTarget, List<Posture>> posture;
    private final CheckpointStore checkpoints;
    private final List<ReportSink> sinks;
    private final BiFunction<ScanTarget, String, Consumer<QuarantinedRecord>> quarantine;
    private final IdentityMatcher identity;
    private final AgentProfile profile;
    private final JsonNode settings;
    private final Suppressions suppressions;
    private final ScanWindow.Policy windows;
    private final Duration reserve;
    private final Clock clock;
    private final BaselineStore baselines;
    private final BaselineSettings baselineSettings;

    private ScheduledScan(Builder b) {
        this.scanner = b.scanner;
        this.source = b.source;
        this.posture = b.posture;
        this.checkpoints = b.checkpoints;
        this.sinks = List.copyOf(b.sinks);
        this.quarantine = b.quarantine;
        this.identity = b.identity;
        this.profile = b.profile;
        this.settings = b.settings;
        this.suppressions = b.suppressions;
        this.windows = b.windows;
        this.reserve = b.reserve;
        this.clock = b.clock;
        this.baselines = b.baselines;
        this.baselineSettings = b.baselineSettings;
    }

    /** A builder; scanner, source, checkpoints, sinks, quarantine, identity and profile are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs every target in order and says what happened to each. */
    public List<TargetOutcome> run(String runId, List<ScanTarget> targets, Deadline deadline) {
        List<TargetOutcome> outcomes = new ArrayList<>();
        for (ScanTarget target : targets) {
            if (deadline.nearing(reserve)) {
                outcomes.add(new TargetOutcome(target, TargetOutcome.Status.SKIPPED, Optional.empty(), 0,
                        Optional.of("deadline: less than " + reserve + " left")));
                continue;
            }
            outcomes.add(runTarget(runId, target, deadline));
        }
        return outcomes;
    }

    private TargetOutcome runTarget(String runId, ScanTarget target, Deadline deadline) {
        try {
            Optional<StoredCheckpoint> stored = checkpoints.load(target.key());
            ScanWindow window = ScanWindow.next(stored.map(StoredCheckpoint::checkpoint), clock.instant(), windows);
            // a corrupt stored history fails the target here, before anything is published: never replaced silently
            Optional<StoredBaseline> history = baselines == null ? Optional.empty() : baselines.load(target.key());
            IdentityBaseline prior = history.map(StoredBaseline::baseline).orElse(IdentityBaseline.empty());
            TargetSource.Collection collection = source.open(target, window, deadline);
            ScanRequest request = new ScanRequest(runId, identity, profile, profile.version(), profile.mitigation(),
                    settings, List.of(collection), posture.apply(target), List.of(),
                    window.start().toEpochMilli(), window.end().toEpochMilli(), suppressions, prior)
                    .withTarget(new CloudLocation(target.key().cloud(), target.key().account(), target.key().region()));
            ScanReport report = scanner.scan(request, quarantine.apply(target, runId));
            for (ReportSink sink : sinks) {
                sink.publish(report);
            }
            Instant covered = collection.coveredUntil();
            if (covered.isBefore(window.start()) || covered.isAfter(window.end())) {
                throw new IllegalStateException("collector of " + target.key() + " claims coverage until " + covered
                        + ", outside its window " + window);
            }
            if (baselines != null) {
                IdentityBaseline next = BaselineFold.fold(prior, report.evaluation().stats(),
                        window.start().toEpochMilli(), covered.toEpochMilli(), baselineSettings);
                if (next != prior) {
                    baselines.save(target.key(), next, history);
                }
            }
            checkpoints.advance(new Checkpoint(target.key(), covered, runId, clock.instant()), stored);
            TargetOutcome.Status status = covered.equals(window.end()) ? TargetOutcome.Status.DONE
                    : TargetOutcome.Status.PARTIAL;
            return new TargetOutcome(target, status, Optional.of(covered), report.raised().size(), Optional.empty());
        } catch (RuntimeException e) {
            return new TargetOutcome(target, TargetOutcome.Status.FAILED, Optional.empty(), 0,
                    Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** Builder of {@link ScheduledScan}. */
    public static final class Builder {
        private Scanner scanner;
        private TargetSource source;
        private Function<ScanTarget, List<Posture>> posture = t -> List.of();
        private CheckpointStore checkpoints;
        private List<ReportSink> sinks;
        private BiFunction<ScanTarget, String, Consumer<QuarantinedRecord>> quarantine;
        private IdentityMatcher identity;
        private AgentProfile profile;
        private JsonNode settings;
        private Suppressions suppressions = Suppressions.none();
        private ScanWindow.Policy windows = ScanWindow.Policy.DEFAULT;
        private Duration reserve = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private BaselineStore baselines;
        private BaselineSettings baselineSettings;

        private Builder() {}

        /** Where the identity's behaviour history is kept (default: none, the window pass sees an empty one). */
        public Builder baselines(BaselineStore baselines) {
            this.baselines = baselines;
            return this;
        }

        /** The scanner (engine + pipeline), built once per container. */
        public Builder scanner(Scanner scanner) {
            this.scanner = scanner;
            return this;
        }

        /** Where each target's activity comes from. */
        public Builder source(TargetSource source) {
            this.source = source;
            return this;
        }

        /** The identity's posture in a target (default: none). */
        public Builder posture(Function<ScanTarget, List<Posture>> posture) {
            this.posture = posture;
            return this;
        }

        /** Where checkpoints are kept. */
        public Builder checkpoints(CheckpointStore checkpoints) {
            this.checkpoints = checkpoints;
            return this;
        }

        /** Where reports go; all must succeed before a checkpoint moves. */
        public Builder sinks(List<ReportSink> sinks) {
            this.sinks = sinks;
            return this;
        }

        /** Receives the quarantined records of a target's run (e.g. spooled to S3 by the sink). */
        public Builder quarantine(BiFunction<ScanTarget, String, Consumer<QuarantinedRecord>> quarantine) {
            this.quarantine = quarantine;
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

        /** The clock (tests). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Builds, checking the required parts. */
        public ScheduledScan build() {
            Objects.requireNonNull(scanner, "scanner");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(checkpoints, "checkpoints");
            Objects.requireNonNull(sinks, "sinks");
            Objects.requireNonNull(quarantine, "quarantine");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(profile, "profile");
            baselineSettings = BaselineSettings.from(settings);
            return new ScheduledScan(this);
        }
    }
}
