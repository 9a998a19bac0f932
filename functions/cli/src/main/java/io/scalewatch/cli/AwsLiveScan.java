package io.scalewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.aws.lambda.AwsScanConfig;
import io.scalewatch.aws.lambda.AwsScanResult;
import io.scalewatch.aws.lambda.AwsScanRunner;
import io.scalewatch.aws.lambda.AwsWiring;
import io.scalewatch.aws.lambda.CollectorMode;
import io.scalewatch.aws.lambda.TargetOutputs;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.checkpoint.InMemoryCheckpointStore;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.report.QuarantineFileWriter;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.core.sink.LocalDirectorySink;
import io.scalewatch.core.sink.ReportSink;
import io.scalewatch.core.suppress.SuppressionFile;
import io.scalewatch.core.suppress.Suppressions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
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
    private static final ObjectMapper JSON = new ObjectMapper();
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
    record Outcome(AwsScanResult result, Map<ScanTarget, ScanReport> reports) {}

    static Outcome run(Options options, AwsCredentialsProvider credentials) {
        if (options.since().isNegative() || options.since().isZero()) {
            throw new InputException("--since must be a positive ISO-8601 duration such as PT24H, got "
                    + options.since());
        }
        AwsScanConfig config = config(options);
        Region home = homeRegion(options);
        Map<ScanTarget, ScanReport> reports = new LinkedHashMap<>();
        try (AwsWiring wiring = AwsWiring.builder().region(home).credentials(credentials)
                .endpointOverride(options.endpoint().orElse(null)).threads(options.threads()).build()) {
            TargetOutputs.Factory outputs = options.out().isPresent() ? local(options.out().get(), reports)
                    : capturing(TargetOutputs.cloud(wiring, config.outputs()), reports);
            CheckpointStore store = options.stateBucket().isEmpty() ? new InMemoryCheckpointStore()
                    : wiring.checkpoints(config.outputs());
            String runId = RUN_TIME.format(wiring.clock().instant()) + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            AwsScanResult result = AwsScanRunner.builder().wiring(wiring).config(config).outputs(outputs)
                    .checkpoints(store).build().run(runId, Deadline.none());
            return new Outcome(result, reports);
        }
    }

    private static AwsScanConfig config(Options o) {
        ScanWindow.Policy window = o.stateBucket().isEmpty()
                // no state: exactly [until - since, until)
                ? new ScanWindow.Policy(Duration.ZERO, Duration.ZERO, o.since(), o.since())
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
                .settings(o.settings().map(AwsLiveScan::readSettings).orElse(null)).window(window)
                .suppressions(o.suppressions().map(file -> SuppressionFile.read(file, Instant.now(),
                        Duration.ofDays(o.suppressionMaxDays()))).orElse(Suppressions.none()))
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

    /** Per target {@code <out>/<account>/<region>/}: findings.jsonl, summary.json, quarantine.jsonl. */
    private static TargetOutputs.Factory local(Path out, Map<ScanTarget, ScanReport> reports) {
        return (target, runId) -> {
            Path dir = out.resolve(target.key().account()).resolve(target.key().region());
            QuarantineFileWriter quarantine = new QuarantineFileWriter(dir);
            return outputs(List.of(new LocalDirectorySink(dir)), quarantine, quarantine::close, target, reports);
        };
    }

    /** The cloud outputs, plus the report kept for the terminal once every sink published. */
    private static TargetOutputs.Factory capturing(TargetOutputs.Factory cloud, Map<ScanTarget, ScanReport> reports) {
        return (target, runId) -> {
            TargetOutputs inner = cloud.open(target, runId);
            return outputs(inner.sinks(), inner.quarantine(), inner::close, target, reports);
        };
    }

    private static TargetOutputs outputs(List<ReportSink> sinks, Consumer<QuarantinedRecord> quarantine,
            Runnable close, ScanTarget target, Map<ScanTarget, ScanReport> reports) {
        List<ReportSink> all = new ArrayList<>(sinks);
        all.add(new ReportSink() {
            @Override
            public String name() {
                return "terminal";
            }

            @Override
            public void publish(ScanReport report) {
                reports.put(target, report);
            }
        });
        return new TargetOutputs() {
            @Override
            public List<ReportSink> sinks() {
                return all;
            }

            @Override
            public Consumer<QuarantinedRecord> quarantine() {
                return quarantine;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    private static JsonNode readSettings(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                throw new InputException("settings file " + file + " must hold a JSON object of settings overrides");
            }
            return node;
        } catch (IOException e) {
            throw new InputException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }
}
