package io.scalewatch.gcp.lambda;

import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.aws.lambda.CloudOutputs;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.run.RunResult;
import io.scalewatch.core.run.ScanInvocation;
import java.time.Duration;
import java.util.Map;

/**
 * One invocation of the scheduled GCP scan, behind the handler: read the config, run every project, answer with a
 * result ({@link ScanInvocation}: nothing escapes as an exception; config errors are {@code invalid_config}). Results
 * go to the function's own S3 bucket and Security Hub, checkpoints to its state bucket, as for AWS.
 */
public final class GcpScanInvocation {
    private GcpScanInvocation() {}

    /**
     * Runs.
     *
     * @param requestId the Lambda request id (part of the run id, so a retried invocation gets a new run id)
     * @param remaining the invocation's remaining time
     */
    public static RunResult run(GcpWiring wiring, Map<String, Object> event, String requestId, Duration remaining) {
        return ScanInvocation.run(CloudProvider.GCP, wiring.clock(), requestId, remaining, AwsErrors::scrub,
                (runId, deadline) -> {
                    GcpScanConfig config = wiring.loadConfig(event);
                    return GcpScanRunner.builder().wiring(wiring).config(config)
                            .outputs(CloudOutputs.of(wiring.aws(), config.outputs()))
                            .checkpoints(wiring.aws().checkpoints(config.outputs()))
                            .baselines(wiring.aws().baselines(config.outputs())).build()
                            .run(runId, deadline);
                });
    }
}
