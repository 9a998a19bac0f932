package io.scalewatch.gcp.lambda;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.logging.v2.LoggingClient;
import io.scalewatch.aws.lambda.AwsWiring;
import io.scalewatch.core.run.ScanConfigException;
import io.scalewatch.core.scan.Scanner;
import io.scalewatch.gcp.auth.GcpCredentialsProvider;
import io.scalewatch.gcp.collect.CloudLoggingClients;
import io.scalewatch.gcp.posture.GcpIamPostureCollector;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a scheduled GCP scan builds once per container (Lambda's INIT phase) and reuses while warm: the AWS side
 * ({@link AwsWiring}: scanner, S3, Security Hub, checkpoints, Secrets Manager, the function's own account) and the
 * Google side: credentials ({@link GcpCredentialsProvider}: workload identity federation from
 * {@link GcpEnvironment#CREDENTIALS_CONFIG}, else a service-account key read from Secrets Manager at
 * {@link GcpEnvironment#KEY_SECRET}) and one Cloud Logging client. The Google side is built on first use, so a
 * missing or broken credential setting is the invocation's {@code invalid_config} / {@code failed} answer, not a
 * crashed container.
 *
 * <pre>{@code
 * static final GcpWiring WIRING = GcpWiring.fromEnvironment(System.getenv());
 * }</pre>
 */
public final class GcpWiring implements AutoCloseable {
    private final AwsWiring aws;
    private final Scanner scanner;
    private final Clock clock;
    private final Function<GcpWiring, GoogleCredentials> credentialsSource;
    private final LoggingClient givenLogging;
    private final HttpTransport transport;
    private final String resourceManagerUrl;
    private final String iamUrl;
    private GoogleCredentials credentials;
    private LoggingClient logging;

    private GcpWiring(Builder b) {
        this.aws = b.aws;
        this.scanner = b.aws != null ? b.aws.scanner() : b.scanner;
        this.clock = b.aws != null ? b.aws.clock() : b.clock;
        this.credentialsSource = b.credentials;
        this.givenLogging = b.logging;
        this.transport = b.transport;
        this.resourceManagerUrl = b.resourceManagerUrl;
        this.iamUrl = b.iamUrl;
    }

    /**
     * The Lambda's wiring: {@link AwsWiring#fromEnvironment} for the AWS side, Google credentials from
     * {@link GcpEnvironment#CREDENTIALS_CONFIG} or {@link GcpEnvironment#KEY_SECRET} (resolved on first use).
     *
     * @throws IllegalStateException when {@code AWS_REGION} is not set
     */
    public static GcpWiring fromEnvironment(Map<String, String> env) {
        return builder().aws(AwsWiring.fromEnvironment(env)).build();
    }

    /** A builder; an AWS side (Lambda) or a scanner (CLI) is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The AWS side (Lambda; the CLI's live mode has none).
     *
     * @throws IllegalStateException when the wiring was built without one
     */
    public AwsWiring aws() {
        if (aws == null) {
            throw new IllegalStateException("this wiring has no AWS side (a CLI run writes locally)");
        }
        return aws;
    }

    /** The scanner (policy engine + pipeline), shared by every run of this container. */
    public Scanner scanner() {
        return scanner;
    }

    /** The clock of deadlines, run ids and report times. */
    public Clock clock() {
        return clock;
    }

    /**
     * The Google credentials, resolved once (they refresh their own tokens).
     *
     * @throws ScanConfigException when neither or both credential variables are set
     * @throws io.scalewatch.gcp.auth.GcpCredentialsException when the credentials cannot be built
     */
    public synchronized GoogleCredentials credentials() {
        if (credentials == null) {
            credentials = credentialsSource.apply(this);
        }
        return credentials;
    }

    /**
     * The Cloud Logging client, built once (with {@link #credentials()} unless one was given).
     *
     * @throws io.scalewatch.gcp.auth.GcpCredentialsException when the credentials cannot be built
     */
    public synchronized LoggingClient logging() {
        if (givenLogging != null) {
            return givenLogging;
        }
        if (logging == null) {
            logging = CloudLoggingClients.create(credentials());
        }
        return logging;
    }

    /** A posture collector for one run, reading {@code folders} and {@code organizations} too. */
    public GcpIamPostureCollector posture(GcpScanConfig config, String runId) {
        GcpIamPostureCollector.Builder builder = GcpIamPostureCollector.builder().credentials(credentials())
                .transport(transport).folders(config.folders()).organizations(config.organizations())
                .clock(clock).runId(runId);
        if (resourceManagerUrl != null) {
            builder.resourceManagerUrl(resourceManagerUrl);
        }
        if (iamUrl != null) {
            builder.iamUrl(iamUrl);
        }
        return builder.build();
    }

    /** Reads a run's config from the event, the S3 config object and the environment. */
    public GcpScanConfig loadConfig(Map<String, Object> event) {
        return new GcpScanConfigLoader(aws.environment(), aws.s3(), clock).load(event);
    }

    /** Closes the Logging client it built and the AWS clients. */
    @Override
    public void close() {
        synchronized (this) {
            if (logging != null) {
                logging.close();
            }
        }
        if (aws != null) {
            aws.close();
        }
    }

    @Override
    public String toString() {
        return "GcpWiring[" + (aws == null ? "local" : aws) + "]";
    }

    /** The credentials the environment names: federation config, else the key secret; exactly one. */
    static GoogleCredentials fromEnvironment(GcpWiring wiring) {
        Map<String, String> env = wiring.aws().environment();
        Optional<String> config = nonBlank(env.get(GcpEnvironment.CREDENTIALS_CONFIG));
        Optional<String> secret = nonBlank(env.get(GcpEnvironment.KEY_SECRET));
        if (config.isPresent() == secret.isPresent()) {
            throw new ScanConfigException("env " + GcpEnvironment.CREDENTIALS_CONFIG + " (workload identity"
                    + " federation, preferred) or " + GcpEnvironment.KEY_SECRET + " (Secrets Manager id of a"
                    + " service-account key): set exactly one, " + (config.isPresent() ? "both are" : "neither is")
                    + " set");
        }
        if (config.isPresent()) {
            return GcpCredentialsProvider.externalAccount(config.get()).credentials();
        }
        String id = secret.get();
        return GcpCredentialsProvider.serviceAccountKey(() -> wiring.aws().secrets().secretString(id)).credentials();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Builds a {@link GcpWiring}. */
    public static final class Builder {
        private AwsWiring aws;
        private Scanner scanner;
        private Clock clock = Clock.systemUTC();
        private Function<GcpWiring, GoogleCredentials> credentials = GcpWiring::fromEnvironment;
        private LoggingClient logging;
        private HttpTransport transport;
        private String resourceManagerUrl;
        private String iamUrl;

        private Builder() {}

        /** The AWS side (the Lambda's: scanner, clock, S3, Security Hub, Secrets Manager). */
        public Builder aws(AwsWiring aws) {
            this.aws = aws;
            return this;
        }

        /** Without an AWS side (the CLI): the scanner to use. */
        public Builder scanner(Scanner scanner) {
            this.scanner = scanner;
            return this;
        }

        /** Without an AWS side (the CLI): the clock (default UTC). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Google credentials (default: from the environment, see {@link GcpWiring#fromEnvironment}). */
        public Builder credentials(GcpCredentialsProvider credentials) {
            Objects.requireNonNull(credentials, "credentials");
            this.credentials = w -> credentials.credentials();
            return this;
        }

        /** Google credentials as they are (tests: a fixed access token); prefer {@link #credentials}. */
        public Builder googleCredentials(GoogleCredentials credentials) {
            Objects.requireNonNull(credentials, "credentials");
            this.credentials = w -> credentials;
            return this;
        }

        /** A Logging client to use instead of building one (a private endpoint; tests: a loopback server). */
        public Builder logging(LoggingClient logging) {
            this.logging = logging;
            return this;
        }

        /** The HTTP transport of the IAM and Resource Manager REST calls (default: a new NetHttpTransport). */
        public Builder transport(HttpTransport transport) {
            this.transport = transport;
            return this;
        }

        /** Resource Manager base URL (default Google's; tests: loopback). */
        public Builder resourceManagerUrl(String url) {
            this.resourceManagerUrl = url;
            return this;
        }

        /** IAM base URL (default Google's; tests: loopback). */
        public Builder iamUrl(String url) {
            this.iamUrl = url;
            return this;
        }

        /** The wiring; an AWS side or a scanner is required. */
        public GcpWiring build() {
            if (aws == null && scanner == null) {
                throw new IllegalArgumentException("GcpWiring needs an AWS side or a scanner");
            }
            Objects.requireNonNull(clock, "clock");
            if (transport == null) {
                transport = new NetHttpTransport();
            }
            return new GcpWiring(this);
        }
    }
}
