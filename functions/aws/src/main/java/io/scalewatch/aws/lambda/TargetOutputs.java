package io.scalewatch.aws.lambda;

import io.scalewatch.aws.sink.S3ReportSink;
import io.scalewatch.aws.sink.SecurityHubSink;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.core.sink.ReportSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where one target's run puts its report and its quarantined records: opened before the target is scanned,
 * closed after it (a sink may spool the run's quarantine to a temp file, as {@link S3ReportSink} does).
 */
public interface TargetOutputs extends AutoCloseable {
    /** The sinks, in publishing order; the checkpoint moves only after every one succeeded. */
    List<ReportSink> sinks();

    /** Receives the run's quarantined records as the scan finds them. */
    Consumer<QuarantinedRecord> quarantine();

    /** Releases what the run held (temp files); never throws for a run that already published. */
    @Override
    void close();

    /** Opens the outputs of one target's run. */
    @FunctionalInterface
    interface Factory {
        /** The outputs of {@code target} in run {@code runId}. */
        TargetOutputs open(ScanTarget target, String runId);
    }

    /**
     * The scheduled scan's outputs: per target a new {@link S3ReportSink} in the findings bucket (also the run's
     * quarantine spool), then Security Hub when the config enables it, imported into the function's own
     * account and region.
     */
    static Factory cloud(AwsWiring wiring, AwsScanConfig.Outputs outputs) {
        if (outputs.findingsBucket().isEmpty()) {
            throw new AwsScanConfigException("config field '" + AwsScanConfig.FINDINGS_BUCKET + "' is required");
        }
        SecurityHubSink hub = outputs.securityHubEnabled() ? SecurityHubSink.builder()
                .securityHub(wiring.securityHub()).account(wiring.ownAccount()).region(wiring.region().id())
                .clock(wiring.clock()).build() : null;
        return (target, runId) -> {
            S3ReportSink s3 = S3ReportSink.builder().s3(wiring.s3()).bucket(outputs.findingsBucket())
                    .prefix(outputs.findingsPrefix()).kmsKeyId(outputs.kmsKeyId()).clock(wiring.clock()).build();
            List<ReportSink> sinks = new ArrayList<>(List.of(s3));
            if (hub != null) {
                sinks.add(hub);
            }
            return new TargetOutputs() {
                @Override
                public List<ReportSink> sinks() {
                    return List.copyOf(sinks);
                }

                @Override
                public Consumer<QuarantinedRecord> quarantine() {
                    return s3;
                }

                @Override
                public void close() {
                    s3.close();
                }
            };
        };
    }
}
