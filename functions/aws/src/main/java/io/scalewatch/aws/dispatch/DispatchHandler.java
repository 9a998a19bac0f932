package io.scalewatch.aws.dispatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The scheduled dispatcher as a Lambda function. EventBridge Scheduler invokes it (its {@code Input} may override
 * the target lists, see {@link DispatchConfig}); it enqueues one message per target and returns
 * {@link DispatchResult#toMap()}. Like the scan, it answers rather than throws: alarm on the log line
 * {@code event=dispatch_end status=failed}.
 */
public final class DispatchHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final System.Logger LOG = System.getLogger(DispatchHandler.class.getName());
    private final Map<String, String> env;
    private final Dispatcher dispatcher;
    private final Clock clock;

    /** Built by the Lambda runtime in the INIT phase: clients are built once per container. */
    public DispatchHandler() {
        this(System.getenv(), Init.DISPATCHER, Clock.systemUTC());
    }

    DispatchHandler(Map<String, String> env, Dispatcher dispatcher, Clock clock) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String runId = DispatchResult.runId(clock.instant(), context.getAwsRequestId());
        DispatchConfig config;
        try {
            config = DispatchConfig.load(env, event);
        } catch (DispatchConfigException e) {
            LOG.log(Level.ERROR, () -> "event=invalid_config dispatch_run_id=" + runId + " error=\""
                    + e.getMessage().replace('"', '\'') + "\"");
            return DispatchResult.invalidConfig(runId, e.getMessage()).toMap();
        }
        return dispatcher.dispatch(config, runId).toMap();
    }

    /** Organizations' global endpoint of the function's partition: aws-global, aws-cn-global, aws-us-gov-global. */
    static Region organizationsRegion(String functionRegion) {
        if (functionRegion.startsWith("cn-")) {
            return Region.AWS_CN_GLOBAL;
        }
        return functionRegion.startsWith("us-gov-") ? Region.AWS_US_GOV_GLOBAL : Region.AWS_GLOBAL;
    }

    /** Holds the container's dispatcher; built with the first handler (INIT), reused while warm. */
    private static final class Init {
        static final Dispatcher DISPATCHER = build(System.getenv());

        private static Dispatcher build(Map<String, String> env) {
            String region = env.getOrDefault(DispatchEnvironment.AWS_REGION, "");
            if (region.isBlank()) {
                throw new IllegalStateException(DispatchEnvironment.AWS_REGION + " is not set; Lambda sets it to"
                        + " the function's region");
            }
            var http = UrlConnectionHttpClient.create();
            var credentials = DefaultCredentialsProvider.builder().build();
            return Dispatcher.builder()
                    .organizations(OrganizationsClient.builder().region(organizationsRegion(region))
                            .credentialsProvider(credentials).httpClient(http).build())
                    .sqs(SqsClient.builder().region(Region.of(region)).credentialsProvider(credentials)
                            .httpClient(http).build())
                    .build();
        }
    }
}
