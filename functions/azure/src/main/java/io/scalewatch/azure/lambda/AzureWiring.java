package io.scalewatch.azure.lambda;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.monitor.query.LogsQueryClient;
import io.scalewatch.aws.lambda.AwsWiring;
import io.scalewatch.azure.auth.AzureClients;
import io.scalewatch.azure.auth.AzureCredentialConfig;
import io.scalewatch.azure.auth.AzureCredentials;
import io.scalewatch.azure.posture.AzureRoleAssignmentCollector;
import io.scalewatch.core.run.ScanConfigException;
import io.scalewatch.core.scan.Scanner;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a scheduled Azure scan builds once per container (Lambda's INIT phase) and reuses while warm: the AWS side
 * ({@link AwsWiring}: scanner, S3, Security Hub, checkpoints, Secrets Manager, the function's own account) and the
 * Azure side: scalewatch's Entra credential ({@link AzureCredentials}, its secret or certificate read from Secrets
 * Manager at {@link AzureEnvironment#SECRET}), one azure-core HTTP client, the Logs Query client and the ARM /
 * Graph pipelines. The Azure side is built on first use, so a missing or broken sign-in setting is the
 * invocation's {@code invalid_config} / {@code failed} answer, not a crashed container.
 *
 * <pre>{@code
 * static final AzureWiring WIRING = AzureWiring.fromEnvironment(System.getenv());
 * }</pre>
 */
public final class AzureWiring implements AutoCloseable {
    private final AwsWiring aws;
    private final Scanner scanner;
    private final Clock clock;
    private final Function<AzureWiring, TokenCredential> credentialSource;
    private final HttpClient http;
    private final String logsEndpoint;
    private final String armEndpoint;
    private final String graphEndpoint;
    private TokenCredential credential;
    private LogsQueryClient logs;

    private AzureWiring(Builder b) {
        this.aws = b.aws;
        this.scanner = b.aws != null ? b.aws.scanner() : b.scanner;
        this.clock = b.aws != null ? b.aws.clock() : b.clock;
        this.credentialSource = b.credential;
        this.http = b.http;
        this.logsEndpoint = b.logsEndpoint;
        this.armEndpoint = b.armEndpoint;
        this.graphEndpoint = b.graphEndpoint;
    }

    /**
     * The Lambda's wiring: {@link AwsWiring#fromEnvironment} for the AWS side, the Entra credential from the
     * {@code SCALEWATCH_AZURE_*} sign-in variables (resolved on first use), public-cloud endpoints.
     *
     * @throws IllegalStateException when {@code AWS_REGION} is not set
     */
    public static AzureWiring fromEnvironment(Map<String, String> env) {
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
     * Scalewatch's Entra credential, built once.
     *
     * @throws ScanConfigException when a sign-in variable is missing or malformed
     * @throws io.scalewatch.azure.auth.AzureCredentialException when the secret cannot be read or is not of its form
     */
    public synchronized TokenCredential credential() {
        if (credential == null) {
            credential = credentialSource.apply(this);
        }
        return credential;
    }

    /** The Logs Query client, built once. */
    public synchronized LogsQueryClient logs() {
        if (logs == null) {
            logs = AzureClients.logsQuery(credential(), http, logsEndpoint);
        }
        return logs;
    }

    /** A role-assignment collector for one run (ARM, and Graph when enabled). */
    public AzureRoleAssignmentCollector posture(AzureScanConfig config, String runId) {
        AzureRoleAssignmentCollector.Builder builder = AzureRoleAssignmentCollector.builder()
                .arm(AzureClients.pipeline(credential(), http, AzureClients.defaultScope(armEndpoint)))
                .armEndpoint(armEndpoint).clock(clock).runId(runId);
        if (config.graphEnabled()) {
            builder.graph(AzureClients.pipeline(credential(), http, AzureClients.defaultScope(graphEndpoint)))
                    .graphEndpoint(graphEndpoint);
        }
        return builder.build();
    }

    /** Reads a run's config from the event, the S3 config object and the environment. */
    public AzureScanConfig loadConfig(Map<String, Object> event) {
        return new AzureScanConfigLoader(aws.environment(), aws.s3(), clock).load(event);
    }

    /** Closes the AWS clients (azure-core's clients hold no resources of their own to close). */
    @Override
    public void close() {
        if (aws != null) {
            aws.close();
        }
    }

    @Override
    public String toString() {
        return "AzureWiring[" + (aws == null ? "local" : aws) + "]";
    }

    /** The credential the sign-in variables describe. */
    static TokenCredential fromEnvironment(AzureWiring wiring) {
        Map<String, String> env = wiring.aws().environment();
        String tenant = required(env, AzureEnvironment.TENANT_ID, "scalewatch's Entra tenant id");
        String client = required(env, AzureEnvironment.CLIENT_ID, "scalewatch's app registration client id");
        String secret = required(env, AzureEnvironment.SECRET, "the Secrets Manager id of the client secret or"
                + " certificate");
        String method = nonBlank(env.get(AzureEnvironment.CREDENTIAL_METHOD)).orElse("client-secret")
                .toLowerCase(Locale.ROOT);
        AzureCredentialConfig config;
        try {
            config = switch (method) {
                case "client-secret" -> AzureCredentialConfig.clientSecret(tenant, client, secret);
                case "certificate-pem" -> AzureCredentialConfig.certificatePem(tenant, client, secret);
                case "certificate-pfx" -> AzureCredentialConfig.certificatePfx(tenant, client, secret,
                        nonBlank(env.get(AzureEnvironment.PFX_PASSWORD_SECRET)).orElse(""));
                default -> throw new ScanConfigException("env " + AzureEnvironment.CREDENTIAL_METHOD + ": '" + method
                        + "' is not one of client-secret, certificate-pem, certificate-pfx");
            };
            Optional<String> key = nonBlank(env.get(AzureEnvironment.SECRET_JSON_KEY));
            if (key.isPresent()) {
                config = config.withJsonKey(key.get());
            }
            Optional<String> authority = nonBlank(env.get(AzureEnvironment.AUTHORITY_HOST));
            if (authority.isPresent()) {
                config = config.withAuthorityHost(URI.create(authority.get()));
            }
            String discovery = nonBlank(env.get(AzureEnvironment.INSTANCE_DISCOVERY)).orElse("true");
            if (discovery.equalsIgnoreCase("false")) {
                config = config.withInstanceDiscoveryDisabled();
            } else if (!discovery.equalsIgnoreCase("true")) {
                throw new ScanConfigException("env " + AzureEnvironment.INSTANCE_DISCOVERY + " must be true or false,"
                        + " got '" + discovery + "'");
            }
        } catch (ScanConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // the record names its parameter (tenantId, clientId, authorityHost): say which variable set it
            throw new ScanConfigException("Azure sign-in settings (env " + AzureEnvironment.TENANT_ID + ", "
                    + AzureEnvironment.CLIENT_ID + ", " + AzureEnvironment.AUTHORITY_HOST + "): " + e.getMessage());
        }
        return AzureCredentials.create(config, wiring.aws().secrets()::secretString, wiring.http);
    }

    private static String required(Map<String, String> env, String variable, String what) {
        return nonBlank(env.get(variable)).orElseThrow(() -> new ScanConfigException("env " + variable
                + " is required: " + what));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Builds an {@link AzureWiring}. */
    public static final class Builder {
        private AwsWiring aws;
        private Scanner scanner;
        private Clock clock = Clock.systemUTC();
        private Function<AzureWiring, TokenCredential> credential = AzureWiring::fromEnvironment;
        private HttpClient http;
        private String logsEndpoint = AzureClients.LOGS_ENDPOINT;
        private String armEndpoint = AzureClients.ARM_ENDPOINT;
        private String graphEndpoint = AzureClients.GRAPH_ENDPOINT;

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

        /** A credential to use as it is (tests: a fixed token); default: from the sign-in variables. */
        public Builder credential(TokenCredential credential) {
            Objects.requireNonNull(credential, "credential");
            this.credential = w -> credential;
            return this;
        }

        /** The azure-core HTTP client (default {@link AzureClients#httpClient()}; tests trust a loopback CA). */
        public Builder httpClient(HttpClient http) {
            this.http = http;
            return this;
        }

        /** The Logs Query endpoint with its version path (default public cloud; sovereign clouds; tests). */
        public Builder logsEndpoint(String endpoint) {
            this.logsEndpoint = endpoint;
            return this;
        }

        /** ARM's base URL (default public cloud). */
        public Builder armEndpoint(String endpoint) {
            this.armEndpoint = endpoint;
            return this;
        }

        /** Microsoft Graph's base URL (default public cloud). */
        public Builder graphEndpoint(String endpoint) {
            this.graphEndpoint = endpoint;
            return this;
        }

        /** The wiring; an AWS side or a scanner is required. */
        public AzureWiring build() {
            if (aws == null && scanner == null) {
                throw new IllegalArgumentException("AzureWiring needs an AWS side or a scanner");
            }
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(logsEndpoint, "logsEndpoint");
            Objects.requireNonNull(armEndpoint, "armEndpoint");
            Objects.requireNonNull(graphEndpoint, "graphEndpoint");
            if (http == null) {
                http = AzureClients.httpClient();
            }
            return new AzureWiring(this);
        }
    }
}
