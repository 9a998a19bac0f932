package io.scalewatch.azure.auth;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.FixedDelay;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.HttpClientOptions;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.LogsQueryClientBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The Azure clients scalewatch uses, built once per container: the Logs Query client for AzureActivity and bearer-token
 * pipelines for ARM and Microsoft Graph. SDK retries are off in all of them, because the collectors retry themselves,
 * honouring Retry-After through an injected sleeper and never past the run's deadline; HTTP logging is off, so no
 * header or body is ever logged.
 */
public final class AzureClients {
    /** The Logs Query API's public-cloud endpoint (with its version path). */
    public static final String LOGS_ENDPOINT = "https://api.loganalytics.io/v1";
    /** Azure Resource Manager, public cloud. */
    public static final String ARM_ENDPOINT = "https://management.azure.com";
    /** Microsoft Graph, public cloud. */
    public static final String GRAPH_ENDPOINT = "https://graph.microsoft.com";
    private static final String USER_AGENT = "scalewatch";

    private AzureClients() {}

    /** The shared HTTP client (azure-core's default, Netty): 10 s connect, 3 min response timeout. */
    public static HttpClient httpClient() {
        return HttpClient.createDefault(new HttpClientOptions().setConnectTimeout(Duration.ofSeconds(10))
                .setResponseTimeout(Duration.ofMinutes(3)));
    }

    /**
     * A Logs Query client for {@code endpoint} (e.g. {@link #LOGS_ENDPOINT}; tests give a loopback URL), SDK retries
     * off. The token audience is the endpoint's host, as the SDK derives it.
     */
    public static LogsQueryClient logsQuery(TokenCredential credential, HttpClient httpClient, String endpoint) {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(httpClient, "httpClient");
        return new LogsQueryClientBuilder().credential(credential).httpClient(httpClient).endpoint(https(endpoint))
                .retryPolicy(noRetries()).httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE))
                .buildClient();
    }

    /**
     * A pipeline that sends requests with a bearer token for {@code scope} (ARM:
     * {@code https://management.azure.com/.default}; Graph: {@code https://graph.microsoft.com/.default}), SDK retries
     * off. The token policy refuses plain-http URLs, so a token never leaves unencrypted.
     */
    public static HttpPipeline pipeline(TokenCredential credential, HttpClient httpClient, String scope) {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(httpClient, "httpClient");
        if (scope == null || !scope.endsWith("/.default")) {
            throw new IllegalArgumentException("scope must be a resource's .default scope, got '" + scope + "'");
        }
        return new HttpPipelineBuilder().httpClient(httpClient)
                .policies(new UserAgentPolicy(USER_AGENT), new RequestIdPolicy(),
                        new BearerTokenAuthenticationPolicy(credential, scope))
                .build();
    }

    /** The {@code .default} scope of an endpoint ({@code https://management.azure.com/.default}). */
    public static String defaultScope(String endpoint) {
        URI uri = URI.create(https(endpoint));
        return uri.getScheme() + "://" + uri.getHost() + "/.default";
    }

    private static String https(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        URI uri = URI.create(endpoint);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an https URL (tokens are never sent in clear), got '"
                    + endpoint + "'");
        }
        return endpoint;
    }

    private static RetryPolicy noRetries() {
        return new RetryPolicy(new FixedDelay(0, Duration.ZERO));
    }
}
