package io.scalewatch.core.run;

import io.scalewatch.core.event.CloudProvider;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * One invocation of a scheduled scan behind a Lambda handler, the same for every cloud: a run id from the request
 * id, a deadline of the remaining time less {@link #RETURN_MARGIN}, then the cloud's body (read the config, run the
 * targets). Nothing escapes as an exception: a {@link ScanConfigException} answers {@code invalid_config}, any other
 * failure {@code failed}, each with a one-line scrubbed message (no stack trace), and is logged
 * ({@code event=invalid_config} / {@code event=run_failed}).
 *
 * <pre>{@code
 * RunResult result = ScanInvocation.run(CloudProvider.GCP, clock, requestId, remaining, AwsErrors::scrub,
 *         (runId, deadline) -> runner(wiring.loadConfig(event)).run(runId, deadline));
 * }</pre>
 */
public final class ScanInvocation {
    private static final System.Logger LOG = System.getLogger(ScanInvocation.class.getName());
    /** Time kept after the run to return the result and flush logs. */
    public static final Duration RETURN_MARGIN = Duration.ofSeconds(2);

    private ScanInvocation() {}

    /**
     * Runs {@code body} with the invocation's run id and deadline.
     *
     * @param requestId the Lambda request id (part of the run id, so a retried invocation gets a new run id)
     * @param remaining the invocation's remaining time
     * @param scrubber removes credentials from error messages
     */
    public static RunResult run(CloudProvider cloud, Clock clock, String requestId, Duration remaining,
            UnaryOperator<String> scrubber, BiFunction<String, Deadline, RunResult> body) {
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(body, "body");
        String runId = RunIds.of(clock, requestId);
        Duration budget = remaining.minus(RETURN_MARGIN);
        Deadline deadline = Deadline.in(budget.isNegative() ? Duration.ZERO : budget, clock);
        try {
            return body.apply(runId, deadline);
        } catch (ScanConfigException e) {
            String message = scrubber.apply(e.getMessage());
            LOG.log(Level.ERROR, () -> "run_id=" + runId + " cloud=" + cloud.id() + " event=invalid_config error=\""
                    + message.replace('"', '\'') + "\"");
            return RunResult.invalidConfig(runId, message);
        } catch (RuntimeException e) {
            String message = e.getClass().getSimpleName() + ": " + scrubber.apply(e.getMessage());
            LOG.log(Level.ERROR, () -> "run_id=" + runId + " cloud=" + cloud.id() + " event=run_failed error=\""
                    + message.replace('"', '\'') + "\"");
            return RunResult.failed(runId, "", message);
        }
    }
}
