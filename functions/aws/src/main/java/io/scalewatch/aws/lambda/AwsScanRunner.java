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
import io.scalewatch.aws.posture.TrailLoggingCollector;
import io.scalewatch.aws.posture.TrailLoggingResult;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.RunResult;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.core.run.ScheduledRun;
import io.scalewatch.core.run.TargetOutputs;
import io.scalewatch.core.run.TargetSource;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;

/**
 * One scheduled AWS scan over every target of a config (accounts x regions; one target for a Lake event data
 * store), as the Lambda handler and the CLI's live mode run it. Per target it runs core's {@link ScheduledRun}:
 * checkpoint, window, collect, evaluate, publish to every sink, advance the checkpoint.
 *
 * <ul>
 *   <li>The function's own account is scanned with its own credentials; every other account through its
 *       read-only role ({@link AccountAccess}, assumed once per account per run).
 *   <li>Mode lookup and lake read through the account's session; mode s3 reads the trail bucket with the
 *       function's own credentials, since one bucket (an organization trail's) serves every account.
 *   <li>Posture: {@link IamPostureCollector} once per account. The policy gets one posture per watched role,
 *       {@link IamPostureResult#withPassableRoles()}: the roles it may pass ride inside it
 *       ({@code passable_roles}), so rules judge their blast radius without mistaking them for the identity.
 *   <li>Each target gets its own outputs ({@link TargetOutputs}), closed after it.
 *   <li>One {@code key=value} log line per target outcome and one per run; never credentials.
 * </ul>
 *
 * <pre>{@code
 * RunResult result = AwsScanRunner.builder().wiring(wiring).config(config)
 *         .outputs(CloudOutputs.of(wiring, config.outputs()))
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
     * Runs every target in order ({@link ScheduledRun}). A failing target does not stop the others; targets the
     * deadline no longer leaves time for are skipped.
     *
     * @throws AwsScanConfigException when the config names accounts it cannot reach
     * @throws io.scalewatch.aws.access.AccountAccessException when the function's own account cannot be told (STS)
     */
    public RunResult run(String runId, Deadline deadline) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(deadline, "deadline");
        String own = wiring.ownAccount();
        List<ScanTarget> targets = targets(own);
        try (Run run = new Run(runId, own)) {
            return ScheduledRun.builder()
                    .cloud(CloudProvider.AWS)
                    .scanner(wiring.scanner())
                    .identity(config.identity())
                    .profile(config.profile())
                    .settings(config.settings())
                    .suppressions(config.suppressions())
                    .windows(config.window())
                    .reserve(config.deadlineReserve())
                    .clock(config.windowClock(wiring.clock()))
                    .source(targetRunId -> (t, window, d) -> run.open(t, window, d, targetRunId))
                    .posture(t -> run.posture(t.key().account(), t.key().region()))
                    .checkpoints(checkpoints)
                    .outputs(outputs)
                    .scrubber(AwsErrors::scrub)
                    .detail(" mode=" + config.source().mode().id())
                    .fixedNow(config.fixedNow().orElse(null))
                    .build()
                    .run(runId, targets, deadline);
        }
    }

    /**
     * The run id of one target's report, {@code <run id>-<account>-<region>} ({@link RunResult#targetRunId}).
     */
    public static String targetRunId(String runId, ScanTarget target) {
        return RunResult.targetRunId(runId, target);
    }

    /** The state of one run: account sessions and postures, each obtained once. */
    private final class Run implements AutoCloseable {
        private final String runId;
        private final String own;
        private final Map<String, AccountSession> sessions = new LinkedHashMap<>();
        private final Map<String, RuntimeException> refused = new HashMap<>();
        private AccountAccess access;

        Run(String runId, String own) {
            this.runId = runId;
            this.own = own;
        }

        TargetSource.Collection open(ScanTarget target, ScanWindow window, Deadline deadline, String runId) {
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

        List<Posture> posture(String account, String region) {
            List<IamPostureResult> results = IamPostureCollector.builder().iam(session(account).iam())
                    .account(account).runId(runId).build().collect(config.identity());
            List<Posture> identityOnly = new ArrayList<>();
            // The posture is collected once per account, so the trails of every region scanned there are judged.
            List<String> regions = targets(own).stream().filter(t -> t.key().account().equals(account))
                    .map(t -> t.key().region()).distinct().toList();
            TrailLoggingResult trails = results.isEmpty() ? null : TrailLoggingCollector.builder()
                    .cloudTrail(session(account)::cloudTrail).account(account).runId(runId).build()
                    .collect(regions.isEmpty() ? List.of(region) : regions);
            for (IamPostureResult result : results) {
                // The trails ride on the identity's posture (SW-L5-008 judges them).
                identityOnly.add(result.withPassableRoles().withLogging(trails.logging()));
                List<String> warnings = new ArrayList<>(result.warnings());
                warnings.addAll(trails.warnings());
                for (String warning : warnings) {
                    LOG.log(Level.WARNING, () -> "run_id=" + runId + " cloud=aws account=" + account
                            + " event=posture_warning warning=\"" + AwsErrors.scrub(warning).replace('"', '\'') + "\"");
                }
            }
            return List.copyOf(identityOnly);
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
}
