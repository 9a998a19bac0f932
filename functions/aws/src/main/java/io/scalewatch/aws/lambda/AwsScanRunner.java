package io.scalewatch.aws.lambda;

import io.scalewatch.aws.access.AccountAccess;
import io.scalewatch.aws.access.AccountSession;
import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.aws.collect.CloudTrailLakeCollector;
import io.scalewatch.aws.collect.CloudTrailLookupCollector;
import io.scalewatch.aws.collect.CloudTrailS3Collector;
import io.scalewatch.aws.collect.WindowedEventSource;
import io.scalewatch.aws.posture.IamPostureCollector;
import io.scalewatch.aws.posture.IamPostureResult;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentitySlug;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.core.run.ScheduledScan;
import io.scalewatch.core.run.TargetOutcome;
import io.scalewatch.core.run.TargetSource;
import io.scalewatch.core.sink.ReportSink;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.Region;

/**
 * One scheduled AWS scan over every target of a config (accounts x regions; one target for a Lake event data
 * store), as the Lambda handler and the CLI's live mode run it. Per target it runs core's {@link ScheduledScan}:
 * checkpoint, window, collect, evaluate, publish to every sink, advance the checkpoint.
 *
 * <ul>
 *   <li>The function's own account is scanned with its own credentials; every other account through its
 *       read-only role ({@link AccountAccess}, assumed once per account per run).
 *   <li>Mode lookup and lake read through the account's session; mode s3 reads the trail bucket with the
 *       function's own credentials, since one bucket (an organization trail's) serves every account.
 *   <li>Posture: {@link IamPostureCollector} once per account. Only {@link IamPostureResult#identity()} reaches
 *       the policy: today's posture rules judge every posture entry as the watched identity, so the passable
 *       roles would raise false findings (issue 6 hooks them in).
 *   <li>Each target gets its own outputs ({@link TargetOutputs}), closed after it.
 *   <li>One {@code key=value} log line per target outcome and one per run; never credentials.
 * </ul>
 *
 * <pre>{@code
 * AwsScanResult result = AwsScanRunner.builder().wiring(wiring).config(config)
 *         .outputs(TargetOutputs.cloud(wiring, config.outputs()))
 *         .checkpoints(wiring.checkpoints(config.outputs())).build()
 *         .run(runId, deadline);
 * }</pre>
 */
public final class AwsScanRunner {
    private static final System.Logger LOG = System.getLogger(AwsScanRunner.class.getName());

    private final AwsWiring wiring;
    private final AwsScanConfig config;
    private final TargetOutputs.Factory outputs;
    private final CheckpointStore checkpoints;

    private AwsScanRunner(Builder b) {
        this.wiring = b.wiring;
        this.config = b.config;
        this.outputs = b.outputs;
        this.checkpoints = b.checkpoints;
    }

    /** A builder; wiring, config, outputs and checkpoints are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The targets of the config: each account x region; for mode lake the event data store's account and region.
     *
     * @param ownAccount the function's own account (the default account)
     * @throws AwsScanConfigException when a target account other than {@code ownAccount} has no read-only role
     */
    public List<ScanTarget> targets(String ownAccount) {
        String identity = config.identity().value();
        List<ScanTarget> targets = new ArrayList<>();
        if (config.source().mode() == CollectorMode.LAKE) {
            AwsScanConfig.Source source = config.source();
            String account = source.eventDataStoreAccount()
                    .orElse(config.accounts().isEmpty() ? ownAccount : config.accounts().get(0));
            String region = source.eventDataStoreRegion()
                    .orElse(config.regions().isEmpty() ? wiring.region().id() : config.regions().get(0));
            if (!config.accounts().isEmpty() && !config.accounts().get(0).equals(account)
                    || !config.regions().isEmpty() && !config.regions().get(0).equals(region)) {
                throw new AwsScanConfigException("config field '" + AwsScanConfig.EVENT_DATA_STORE + "' names an event"
                        + " data store of account " + account + " in " + region + ", but '" + AwsScanConfig.ACCOUNTS
                        + "'/'" + AwsScanConfig.REGIONS + "' say " + config.accounts() + "/" + config.regions()
                        + "; in mode lake give the store's account and region, or neither");
            }
            targets.add(new ScanTarget(new CheckpointKey(CloudProvider.AWS, account, region, identity)));
        } else {
            List<String> accounts = config.accounts().isEmpty() ? List.of(ownAccount) : config.accounts();
            List<String> regions = config.regions().isEmpty() ? List.of(wiring.region().id()) : config.regions();
            for (String account : accounts) {
                for (String region : regions) {
                    targets.add(new ScanTarget(new CheckpointKey(CloudProvider.AWS, account, region, identity)));
                }
            }
        }
        List<String> foreign = targets.stream().map(t -> t.key().account()).filter(a -> !a.equals(ownAccount))
                .distinct().toList();
        if (!foreign.isEmpty() && !config.crossAccount().enabled()) {
            throw new AwsScanConfigException("config field '" + AwsScanConfig.ACCOUNTS + "' names " + foreign
                    + ", not the function's own account " + ownAccount + "; other accounts are read through a"
                    + " read-only role: set '" + AwsScanConfig.READ_ROLE_NAME + "' and '" + AwsScanConfig.EXTERNAL_ID
                    + "' (env " + AwsEnvironment.READ_ROLE + ", " + AwsEnvironment.EXTERNAL_ID + ")");
        }
        return targets;
    }

    /**
     * Runs every target in order. A failing target does not stop the others; targets the deadline no longer
     * leaves time for are skipped.
     *
     * @throws AwsScanConfigException when the config names accounts it cannot reach
     * @throws io.scalewatch.aws.access.AccountAccessException when the function's own account cannot be told (STS)
     */
    public AwsScanResult run(String runId, Deadline deadline) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(deadline, "deadline");
        String own = wiring.ownAccount();
        List<ScanTarget> targets = targets(own);
        String slug = IdentitySlug.of(config.identity().value());
        LOG.log(Level.INFO, () -> "run_id=" + runId + " cloud=aws event=run_start identity=" + slug + " mode="
                + config.source().mode().id() + " targets=" + targets.size() + " deadline_in="
                + deadline.remaining().toSeconds() + "s" + config.fixedNow().map(n -> " now=" + n).orElse(""));
        Run run = new Run(runId, own);
        List<TargetOutcome> outcomes = new ArrayList<>();
        try {
            for (ScanTarget target : targets) {
                TargetOutcome outcome = scrubbed(run.scan(target, deadline));
                log(runId, slug, outcome);
                outcomes.add(outcome);
            }
        } finally {
            run.close();
        }
        AwsScanResult result = new AwsScanResult(runId, AwsScanResult.statusOf(outcomes), config.identity().value(),
                outcomes, "");
        LOG.log(result.status() == AwsScanResult.Status.DONE ? Level.INFO : Level.WARNING,
                () -> "run_id=" + runId + " cloud=aws event=run_end identity=" + slug + " status="
                        + result.status().id() + " targets=" + outcomes.size() + " findings=" + result.findings());
        return result;
    }

    /**
     * The run id of one target's report, {@code <run id>-<account>-<region>}: the S3 layout files a report under
     * the identity's account and the date, not the region, so every target of a run needs its own id.
     */
    public static String targetRunId(String runId, ScanTarget target) {
        return runId + "-" + target.key().account() + "-" + target.key().region();
    }

    private static TargetOutcome scrubbed(TargetOutcome o) {
        return new TargetOutcome(o.target(), o.status(), o.coveredUntil(), o.findings(),
                o.error().map(AwsErrors::scrub));
    }

    private static void log(String runId, String slug, TargetOutcome o) {
        CheckpointKey key = o.target().key();
        Level level = switch (o.status()) {
            case DONE -> Level.INFO;
            case PARTIAL, SKIPPED -> Level.WARNING;
            case FAILED -> Level.ERROR;
        };
        LOG.log(level, () -> "run_id=" + runId + " cloud=aws account=" + key.account() + " region=" + key.region()
                + " identity=" + slug + " event=target_end status=" + o.status().name().toLowerCase(Locale.ROOT)
                + " covered_until=" + o.coveredUntil().map(Instant::toString).orElse("-") + " findings="
                + o.findings() + o.error().map(e -> " error=\"" + e.replace('"', '\'') + "\"").orElse(""));
    }

    /** The state of one run: account sessions and postures, each obtained once. */
    private final class Run implements AutoCloseable {
        private final String runId;
        private final String own;
        private final Map<String, AccountSession> sessions = new LinkedHashMap<>();
        private final Map<String, RuntimeException> refused = new HashMap<>();
        private final Map<String, List<Posture>> postures = new HashMap<>();
        private final Set<String> postureDelivered = new HashSet<>();
        private AccountAccess access;

        Run(String runId, String own) {
            this.runId = runId;
            this.own = own;
        }

        TargetOutcome scan(ScanTarget target, Deadline deadline) {
            String targetRunId = targetRunId(runId, target);
            TargetOutputs out;
            try {
                out = outputs.open(target, targetRunId);
            } catch (RuntimeException e) {
                return new TargetOutcome(target, TargetOutcome.Status.FAILED, Optional.empty(), 0,
                        Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            try {
                ScheduledScan scan = ScheduledScan.builder()
                        .scanner(wiring.scanner())
                        .source((t, window, d) -> open(t, window, d, targetRunId))
                        .posture(this::postureOnce)
                        .checkpoints(checkpoints)
                        .sinks(withSuppressionLog(out.sinks()))
                        .quarantine((t, run) -> out.quarantine())
                        .identity(config.identity())
                        .profile(config.profile())
                        .settings(config.settings())
                        .suppressions(config.suppressions())
                        .windows(config.window())
                        .reserve(config.deadlineReserve())
                        .clock(config.windowClock(wiring.clock()))
                        .build();
                TargetOutcome outcome = scan.run(targetRunId, List.of(target), deadline).get(0);
                if (outcome.status() == TargetOutcome.Status.DONE || outcome.status() == TargetOutcome.Status.PARTIAL) {
                    postureDelivered.add(target.key().account());
                }
                return outcome;
            } finally {
                try {
                    out.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, () -> "run_id=" + runId + " cloud=aws account=" + target.key().account()
                            + " region=" + target.key().region() + " event=outputs_not_closed error=\""
                            + AwsErrors.scrub(e.getMessage()) + "\"");
                }
            }
        }

        private TargetSource.Collection open(ScanTarget target, ScanWindow window, Deadline deadline, String runId) {
            String account = target.key().account();
            String region = target.key().region();
            AwsScanConfig.Source source = config.source();
            WindowedEventSource collector = switch (source.mode()) {
                case LOOKUP -> CloudTrailLookupCollector.builder()
                        .cloudTrail(session(account).cloudTrail(Region.of(region)))
                        .account(account).region(region).identity(config.identity()).window(window)
                        .deadline(deadline).deadlineReserve(config.deadlineReserve())
                        .rateLimiter(wiring.lookupLimits().of(account, region)).runId(runId).build();
                case S3 -> CloudTrailS3Collector.builder()
                        .s3(wiring.s3(source.trailBucketRegion().isEmpty() ? wiring.region()
                                : Region.of(source.trailBucketRegion())))
                        .bucket(source.trailBucket()).prefix(source.trailPrefix())
                        .organizationId(source.organizationId()).account(account).region(region)
                        .identity(config.identity()).window(window).deadline(deadline)
                        .deadlineReserve(config.deadlineReserve()).runId(runId).build();
                case LAKE -> CloudTrailLakeCollector.builder()
                        .cloudTrail(session(account).cloudTrail(Region.of(region)))
                        .eventDataStore(source.eventDataStore()).identity(config.identity()).window(window)
                        .deadline(deadline).deadlineReserve(config.deadlineReserve()).runId(runId).build();
            };
            return new TargetSource.Collection() {
                @Override
                public Instant coveredUntil() {
                    return collector.coveredUntil();
                }

                @Override
                public String name() {
                    return collector.name();
                }

                @Override
                public ReadCounts read(RecordSink sink) {
                    return collector.read(sink);
                }
            };
        }

        // An account's posture goes with the first of its targets that publishes: its findings are the account's,
        // not a region's, so they are published (and archived in Security Hub) once per run.
        private List<Posture> postureOnce(ScanTarget target) {
            String account = target.key().account();
            return postureDelivered.contains(account) ? List.of() : posture(account);
        }

        private List<Posture> posture(String account) {
            List<Posture> cached = postures.get(account);
            if (cached != null) {
                return cached;
            }
            List<IamPostureResult> results = IamPostureCollector.builder().iam(session(account).iam())
                    .account(account).runId(runId).build().collect(config.identity());
            List<Posture> identityOnly = new ArrayList<>();
            for (IamPostureResult result : results) {
                identityOnly.add(result.identity());
                for (String warning : result.warnings()) {
                    LOG.log(Level.WARNING, () -> "run_id=" + runId + " cloud=aws account=" + account
                            + " event=posture_warning warning=\"" + AwsErrors.scrub(warning).replace('"', '\'') + "\"");
                }
            }
            postures.put(account, List.copyOf(identityOnly));
            return postures.get(account);
        }

        private AccountSession session(String account) {
            AccountSession session = sessions.get(account);
            if (session != null) {
                return session;
            }
            RuntimeException failed = refused.get(account);
            if (failed != null) {
                throw failed;
            }
            try {
                if (account.equals(own)) {
                    session = AccountSession.own(account, wiring.credentials(), wiring.clients());
                } else {
                    if (access == null) {
                        access = wiring.accountAccess(config.crossAccount(), runId);
                    }
                    session = access.assume(account);
                }
            } catch (RuntimeException e) {
                refused.put(account, e);
                throw e;
            }
            sessions.put(account, session);
            return session;
        }

        @Override
        public void close() {
            sessions.values().forEach(AccountSession::close);
            sessions.clear();
        }
    }

    /** Builds an {@link AwsScanRunner}. */
    public static final class Builder {
        private AwsWiring wiring;
        private AwsScanConfig config;
        private TargetOutputs.Factory outputs;
        private CheckpointStore checkpoints;

        private Builder() {}

        /** The container's clients and scanner. */
        public Builder wiring(AwsWiring wiring) {
            this.wiring = wiring;
            return this;
        }

        /** What to scan. */
        public Builder config(AwsScanConfig config) {
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
        public AwsScanRunner build() {
            Objects.requireNonNull(wiring, "wiring");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(outputs, "outputs");
            Objects.requireNonNull(checkpoints, "checkpoints");
            return new AwsScanRunner(this);
        }
    }

    private static List<ReportSink> withSuppressionLog(List<ReportSink> sinks) {
        List<ReportSink> all = new ArrayList<>();
        all.add(new SuppressionLog());
        all.addAll(sinks);
        return all;
    }
}
