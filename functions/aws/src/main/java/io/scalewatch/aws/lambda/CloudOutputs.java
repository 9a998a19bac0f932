package io.scalewatch.aws.lambda;

import io.scalewatch.aws.sink.S3ReportSink;
import io.scalewatch.aws.sink.SecurityHubSink;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.run.TargetOutputs;
import io.scalewatch.core.sink.ReportSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The scheduled scan's outputs in AWS, for every cloud scanned (the GCP and Azure handlers run in AWS Lambda too):
 * per target a new {@link S3ReportSink} in the findings bucket (also the target's quarantine spool), then
 * {@link SecurityHubSink} when the config enables it, importing into the function's own account and region.
 */
public final class CloudOutputs {
    private CloudOutputs() {}

    /**
     * The outputs factory of a config.
     *
     * @throws AwsScanConfigException when no findings bucket is configured
     * @throws io.scalewatch.aws.access.AccountAccessException when Security Hub is on and the function's own
     *     account cannot be told
     */
    public static TargetOutputs.Factory of(AwsWiring wiring, AwsScanConfig.Outputs outputs) {
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
