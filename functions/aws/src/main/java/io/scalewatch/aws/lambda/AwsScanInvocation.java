package io.scalewatch.aws.lambda;

import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.run.RunResult;
import io.scalewatch.core.run.ScanInvocation;
import java.time.Duration;
import java.util.Map;

/**
 * One invocation of the scheduled AWS scan, behind the handler: read the config, run every target, answer with a
 * result ({@link ScanInvocation}: nothing escapes as an exception; config errors are {@code invalid_config}).
 */
final class AwsScanInvocation {
    private AwsScanInvocation() {}

    /**
     * Runs.
     *
     * @param requestId the Lambda request id (part of the run id, so a retried invocation gets a new run id)
     * @param remaining the invocation's remaining time
     */
    static RunResult run(AwsWiring wiring, Map<String, Object> event, String requestId, Duration remaining) {
        return ScanInvocation.run(CloudProvider.AWS, wiring.clock(), requestId, remaining, AwsErrors::scrub,
                (runId, deadline) -> {
                    AwsScanConfig config = wiring.loadConfig(event);
                    return AwsScanRunner.builder().wiring(wiring).config(config)
                            .outputs(CloudOutputs.of(wiring, config.outputs()))
                            .checkpoints(wiring.checkpoints(config.outputs()))
                            .baselines(wiring.baselines(config.outputs())).build()
                            .run(runId, deadline);
                });
    }
}
