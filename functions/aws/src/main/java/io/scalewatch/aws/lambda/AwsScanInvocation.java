package io.scalewatch.aws.lambda;

import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.core.run.Deadline;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One invocation of the scheduled scan, behind the handler: read the config, run every target, answer with a
 * result map. Nothing escapes as an exception: a config error or a run-level failure is a result with a
 * one-line message (no stack trace), and is logged.
 */
final class AwsScanInvocation {
    private static final System.Logger LOG = System.getLogger(AwsScanInvocation.class.getName());
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Time kept after the run to return the result and flush logs. */
    static final Duration RETURN_MARGIN = Duration.ofSeconds(2);

    private AwsScanInvocation() {}

    /**
     * Runs.
     *
     * @param requestId the Lambda request id (part of the run id, so a retried invocation gets a new run id)
     * @param remaining the invocation's remaining time
     */
    static AwsScanResult run(AwsWiring wiring, Map<String, Object> event, String requestId, Duration remaining) {
        String runId = runId(wiring, requestId);
        Duration budget = remaining.minus(RETURN_MARGIN);
        Deadline deadline = Deadline.in(budget.isNegative() ? Duration.ZERO : budget, wiring.clock());
        AwsScanConfig config;
        try {
            config = wiring.loadConfig(event);
            return AwsScanRunner.builder().wiring(wiring).config(config)
                    .outputs(TargetOutputs.cloud(wiring, config.outputs()))
                    .checkpoints(wiring.checkpoints(config.outputs())).build()
                    .run(runId, deadline);
        } catch (AwsScanConfigException e) {
            String message = AwsErrors.scrub(e.getMessage());
            LOG.log(Level.ERROR, () -> "run_id=" + runId + " cloud=aws event=invalid_config error=\""
                    + message.replace('"', '\'') + "\"");
            return AwsScanResult.invalidConfig(runId, message);
        } catch (RuntimeException e) {
            String message = e.getClass().getSimpleName() + ": " + AwsErrors.scrub(e.getMessage());
            LOG.log(Level.ERROR, () -> "run_id=" + runId + " cloud=aws event=run_failed error=\""
                    + message.replace('"', '\'') + "\"");
            return new AwsScanResult(runId, AwsScanResult.Status.FAILED, "", List.of(), message);
        }
    }

    /** {@code <yyyyMMddTHHmmssZ>-<first 8 characters of the request id>}: sortable and unique per attempt. */
    static String runId(AwsWiring wiring, String requestId) {
        String suffix = requestId == null ? "" : requestId.replaceAll("[^A-Za-z0-9]", "");
        suffix = suffix.length() > 8 ? suffix.substring(0, 8) : suffix;
        String time = RUN_TIME.format(wiring.clock().instant());
        return suffix.isEmpty() ? time : time + "-" + suffix;
    }
}
