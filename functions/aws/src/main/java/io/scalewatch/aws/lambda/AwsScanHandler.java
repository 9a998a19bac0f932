package io.scalewatch.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.scalewatch.core.dispatch.QueuedScans;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The scheduled AWS scan as a Lambda function. EventBridge Scheduler invokes it with the schedule's
 * {@code Input} (config fields overriding the deployment's defaults, see {@link AwsScanConfigLoader}); it
 * returns {@link io.scalewatch.core.run.RunResult#toMap()}. Fed by the dispatcher's SQS queue instead, each
 * record's body is one such override and it returns SQS's partial batch response ({@link QueuedScans}). Clients,
 * engine and compiled policy are built once per container.
 */
public final class AwsScanHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final AwsWiring wiring;

    /** Built by the Lambda runtime in the INIT phase: the container's wiring is built with it. */
    public AwsScanHandler() {
        this(Init.WIRING);
    }

    AwsScanHandler(AwsWiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (QueuedScans.isSqsEvent(event)) { // the message id names the run: records of one batch get their own
            return QueuedScans.handle(event, message -> AwsScanInvocation.run(wiring, message.body(),
                    message.messageId(), Duration.ofMillis(context.getRemainingTimeInMillis())).toMap());
        }
        return AwsScanInvocation.run(wiring, event, context.getAwsRequestId(),
                Duration.ofMillis(context.getRemainingTimeInMillis())).toMap();
    }

    /** Holds the container's wiring; initialized with the first handler (INIT), reused while warm. */
    private static final class Init {
        static final AwsWiring WIRING = AwsWiring.fromEnvironment(System.getenv());
    }
}
