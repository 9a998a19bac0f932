package io.scalewatch.azure.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.scalewatch.core.dispatch.QueuedScans;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The scheduled Azure scan as a Lambda function (in AWS). EventBridge Scheduler invokes it with the schedule's
 * {@code Input} (config fields overriding the deployment's defaults, see {@link AzureScanConfigLoader}); it returns
 * {@link io.scalewatch.core.run.RunResult#toMap()}. Clients, engine and compiled policy are built once per
 * container.
 */
public final class AzureScanHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final AzureWiring wiring;

    /** Built by the Lambda runtime in the INIT phase: the container's wiring is built with it. */
    public AzureScanHandler() {
        this(Init.WIRING);
    }

    /** A handler over a given wiring (tests, local runs). */
    public AzureScanHandler(AzureWiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (QueuedScans.isSqsEvent(event)) { // fed by the dispatcher's queue: one override per record
            return QueuedScans.handle(event, message -> AzureScanInvocation.run(wiring, message.body(), message.messageId(),
                    Duration.ofMillis(context.getRemainingTimeInMillis())).toMap());
        }
        return AzureScanInvocation.run(wiring, event, context.getAwsRequestId(),
                Duration.ofMillis(context.getRemainingTimeInMillis())).toMap();
    }

    /** Holds the container's wiring; initialized with the first handler (INIT), reused while warm. */
    private static final class Init {
        static final AzureWiring WIRING = AzureWiring.fromEnvironment(System.getenv());
    }
}
