package io.scalewatch.gcp.collect;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.logging.v2.LoggingClient;
import com.google.cloud.logging.v2.LoggingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the Cloud Logging v2 client the collector expects: ListLogEntries without the client's own retries
 * (the collector retries with backoff the sleeper sees, and with timeouts that respect the run's deadline).
 * Build one per container and close it at shutdown.
 *
 * <pre>{@code
 * LoggingClient logging = CloudLoggingClients.create(credentialsProvider.credentials());
 * }</pre>
 */
public final class CloudLoggingClients {
    /** Per-request timeout when the caller sets none. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private CloudLoggingClients() {}

    /** A client for logging.googleapis.com:443 with these credentials. */
    public static LoggingClient create(GoogleCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return create(FixedCredentialsProvider.create(credentials), LoggingSettings.defaultTransportChannelProvider());
    }

    /**
     * A client on a given transport (a loopback channel in tests, a private endpoint, ...).
     *
     * @throws UncheckedIOException when the client cannot be set up
     */
    public static LoggingClient create(CredentialsProvider credentials, TransportChannelProvider transport) {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(transport, "transport");
        try {
            LoggingSettings.Builder settings = LoggingSettings.newBuilder()
                    .setCredentialsProvider(credentials)
                    .setTransportChannelProvider(transport);
            settings.listLogEntriesSettings()
                    .setRetryableCodes(Set.of())
                    .setRetrySettings(RetrySettings.newBuilder()
                            .setMaxAttempts(1)
                            .setInitialRpcTimeoutDuration(DEFAULT_TIMEOUT)
                            .setMaxRpcTimeoutDuration(DEFAULT_TIMEOUT)
                            .setRpcTimeoutMultiplier(1.0)
                            .setTotalTimeoutDuration(DEFAULT_TIMEOUT)
                            .build());
            return LoggingClient.create(settings.build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Cloud Logging client: " + e.getMessage(), e);
        }
    }
}
