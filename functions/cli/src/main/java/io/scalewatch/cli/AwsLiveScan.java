package io.scalewatch.cli;

import io.scalewatch.aws.lambda.AwsScanConfig;
import io.scalewatch.aws.lambda.AwsScanRunner;
import io.scalewatch.aws.lambda.AwsWiring;
import io.scalewatch.aws.lambda.CloudOutputs;
import io.scalewatch.aws.lambda.CollectorMode;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.checkpoint.InMemoryCheckpointStore;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.RunResult;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.core.run.TargetOutputs;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@code scalewatch scan --aws}: the scheduled AWS scan run once from a terminal, with the SDK's default
 * credentials. The same runner as the Lambda ({@link AwsScanRunner}); results go to a local directory (one
 * folder per target) or to S3 and Security Hub. Without a state bucket nothing is remembered: the window is
 * {@code [until - since, until)}.
 */
final class AwsLiveScan {
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AwsLiveScan() {}

    /** What a live scan was asked to do (the command's options). */
    record Options(
            IdentityMatcher identity,
            List<String> accounts,
            List<String> regions,
            CollectorMode mode,
            String trailBucket,
            String trailPrefix,
            String organizationId,
            String eventDataStore,
            String readRole,
            String externalId,
            Duration since,
            Optional<Instant> until,
            Optional<URI> endpoint,
            Optional<Path> out,
            String findingsBucket,
            String findingsPrefix,
            boolean securityHub,
            String stateBucket,
            String profile,
            Optional<Path> settings,
            int threads,
            Optional<Path> suppressions,
            int suppressionMaxDays) {}

    /** The run's result and the report of every target that published, in target order. */
    record Outcome(RunResult result, Map<ScanTarget, ScanReport> reports) {}

    static Outcome run(Options options, AwsCredentialsProvider credentials) {
        LiveModes.stateless(options.since()); // checks --since
        AwsScanConfig config = config(options);
        Region home = homeRegion(options);
        Map<ScanTarget, ScanReport> reports = new LinkedHashMap<>();
        try (AwsWiring wiring = AwsWiring.builder().region(home).credentials(credentials)
                .endpointOverride(options.endpoint().orElse(null)).threads(options.threads()).build()) {
            TargetOutputs.Factory outputs = options.out().isPresent()
                    ? LiveModes.local(options.out().get(), reports)
                    : LiveModes.capturing(CloudOutputs.of(wiring, config.outputs()), reports);
            CheckpointStore store = options.stateBucket().isEmpty() ? new InMemoryCheckpointStore()
                    : wiring.checkpoints(config.outputs());
            String runId = RUN_TIME.format(wiring.clock().instant()) + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            RunResult result = AwsScanRunner.builder().wiring(wiring).config(config).outputs(outputs)
                    .checkpoints(store).build().run(runId, Deadline.none());
            return new Outcome(result, reports);
        }
    }

    private static AwsScanConfig config(Options o) {
        ScanWindow.Policy window = o.stateBucket().isEmpty()
                ? LiveModes.stateless(o.since())
                : new ScanWindow.Policy(ScanWindow.Policy.DEFAULT.overlap(), ScanWindow.Policy.DEFAULT.ingestionDelay(),
                        o.since().compareTo(ScanWindow.Policy.DEFAULT.maxWindow()) > 0 ? o.since()
                                : ScanWindow.Policy.DEFAULT.maxWindow(), o.since());
        AwsScanConfig.Source source = new AwsScanConfig.Source(o.mode(), o.trailBucket(), o.trailPrefix(), "",
                o.organizationId(), o.eventDataStore());
        AwsScanConfig.Outputs outputs = o.out().isPresent() ? AwsScanConfig.Outputs.none()
                : new AwsScanConfig.Outputs(o.findingsBucket(), o.findingsPrefix(), "",
                        o.stateBucket(), o.securityHub());
        if (o.out().isPresent() && !o.stateBucket().isEmpty()) {
            outputs = new AwsScanConfig.Outputs("", o.findingsPrefix(), "", o.stateBucket(), false);
        }
        return AwsScanConfig.builder().identity(o.identity()).accounts(o.accounts()).regions(o.regions())
                .source(source).crossAccount(new AwsScanConfig.CrossAccount(o.readRole(), o.externalId()))
                .outputs(outputs).profile(AgentProfiles.resolve(o.profile()))
                .settings(o.settings().map(LiveModes::readSettings).orElse(null)).window(window)
                .suppressions(LiveModes.suppressions(o.suppressions(), o.suppressionMaxDays()))
                .now(o.until().orElse(null)).build();
    }

    private static Region homeRegion(Options o) {
        if (!o.regions().isEmpty()) {
            return Region.of(o.regions().get(0));
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new InputException("no AWS region: give --regions, or set AWS_REGION or a profile's region");
        }
    }
}
