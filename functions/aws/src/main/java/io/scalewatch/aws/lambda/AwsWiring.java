package io.scalewatch.aws.lambda;

import io.scalewatch.aws.access.AccountAccess;
import io.scalewatch.aws.access.AccountAccessException;
import io.scalewatch.aws.access.AwsClientFactory;
import io.scalewatch.aws.access.AwsClients;
import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.aws.access.SecretsManagerSecrets;
import io.scalewatch.aws.checkpoint.S3CheckpointStore;
import io.scalewatch.aws.collect.RateLimiters;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.PolicyEngine;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.WasmPolicyEngine;
import io.scalewatch.core.scan.ScanPipeline;
import io.scalewatch.core.scan.Scanner;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What a scheduled AWS scan builds once per container (Lambda's INIT phase) and reuses while warm: the policy
 * engine and {@link Scanner} (the Wasm module is compiled once), one HTTP client, the function's own STS, S3 and
 * Security Hub clients, the factory of per-account clients, the LookupEvents rate limiters and the function's
 * own account (asked of STS once).
 *
 * <pre>{@code
 * static final AwsWiring WIRING = AwsWiring.fromEnvironment(System.getenv());            // Lambda
 * AwsWiring cli = AwsWiring.builder().region(Region.US_EAST_1)
 *         .credentials(DefaultCredentialsProvider.builder().build()).endpointOverride(uri).build(); // CLI
 * }</pre>
 */
public final class AwsWiring implements AutoCloseable {
    private final Map<String, String> env;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI endpointOverride;
    private final SdkHttpClient http;
    private final AwsClients clients;
    private final S3Client s3;
    private final StsClient sts;
    private final SecurityHubClient securityHub;
    private final Scanner scanner;
    private final RateLimiters lookupLimits;
    private final Clock clock;
    private final UnaryOperator<CheckpointStore> checkpointDecorator;
    private final Map<Region, S3Client> ownS3 = new ConcurrentHashMap<>();
    private volatile String ownAccount;
    private SecretsManagerClient secretsManager;

    private AwsWiring(Builder b) {
        this.env = Map.copyOf(b.env);
        this.region = b.region;
        this.credentials = b.credentials;
        this.endpointOverride = b.endpointOverride;
        this.clock = b.clock;
        this.checkpointDecorator = b.checkpointDecorator;
        this.http = UrlConnectionHttpClient.create();
        this.clients = AwsClients.builder().httpClient(http).endpointOverride(endpointOverride).build();
        this.s3 = clients.s3(region, credentials);
        ownS3.put(region, s3);
        var stsBuilder = StsClient.builder().region(region).credentialsProvider(credentials).httpClient(http);
        var hubBuilder = SecurityHubClient.builder().region(region).credentialsProvider(credentials).httpClient(http);
        if (endpointOverride != null) {
            stsBuilder.endpointOverride(endpointOverride);
            hubBuilder.endpointOverride(endpointOverride);
        }
        this.sts = stsBuilder.build();
        this.securityHub = hubBuilder.build();
        PolicyBundle bundle = PolicyBundle.fromClasspath();
        PolicyEngine engine = b.engine.apply(WasmPolicyEngine.create(bundle, b.threads));
        this.scanner = new Scanner(ScanPipeline.builder().engine(engine).threads(b.threads).build(),
                RuleCatalog.fromBundle(bundle), clock);
        this.lookupLimits = RateLimiters.lookupEvents();
    }

    /**
     * The Lambda's wiring: region from {@code AWS_REGION}, the SDK's default credentials (the function's role),
     * config defaults from the {@code SCALEWATCH_*} variables ({@link AwsEnvironment}).
     *
     * @throws IllegalStateException when {@code AWS_REGION} is not set (Lambda always sets it)
     */
    public static AwsWiring fromEnvironment(Map<String, String> env) {
        String region = env.getOrDefault(AwsEnvironment.AWS_REGION, "");
        if (region.isBlank()) {
            throw new IllegalStateException(AwsEnvironment.AWS_REGION + " is not set; Lambda sets it to the"
                    + " function's region (set it yourself to run the handler elsewhere)");
        }
        return builder().environment(env).region(Region.of(region))
                .credentials(DefaultCredentialsProvider.builder().build()).build();
    }

    /** A builder; region and credentials are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The region the function runs in (Security Hub, findings bucket, STS). */
    public Region region() {
        return region;
    }

    /** The function's own credentials. Never log what they resolve to. */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    /** The environment the config defaults come from. */
    public Map<String, String> environment() {
        return env;
    }

    /** The endpoint every request goes to instead of AWS (an emulator), if one was set. */
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpointOverride);
    }

    /** The function's own S3 client in its region (findings, checkpoints, config object). */
    public S3Client s3() {
        return s3;
    }

    /** The function's own S3 client for a bucket in {@code bucketRegion} (an organization trail's bucket). */
    public S3Client s3(Region bucketRegion) {
        return ownS3.computeIfAbsent(bucketRegion, r -> clients.s3(r, credentials));
    }

    /** The function's own STS client. */
    public StsClient sts() {
        return sts;
    }

    /** The function's own Security Hub client in its region. */
    public SecurityHubClient securityHub() {
        return securityHub;
    }

    /**
     * The function's own Secrets Manager in its region (the GCP key, the Entra secret), built when first asked.
     */
    public synchronized SecretsManagerSecrets secrets() {
        if (secretsManager == null) {
            var builder = SecretsManagerClient.builder().region(region).credentialsProvider(credentials).httpClient(http);
            if (endpointOverride != null) {
                builder.endpointOverride(endpointOverride);
            }
            secretsManager = builder.build();
        }
        return new SecretsManagerSecrets(secretsManager);
    }

    /** Builds the per-account clients (with an assumed role's or the function's credentials). */
    public AwsClientFactory clients() {
        return clients;
    }

    /** The scanner (policy engine + pipeline), shared by every run of this container. */
    public Scanner scanner() {
        return scanner;
    }

    /** One LookupEvents limiter per account and region, shared by every run of this container. */
    public RateLimiters lookupLimits() {
        return lookupLimits;
    }

    /** The clock of deadlines, run ids and report times. */
    public Clock clock() {
        return clock;
    }

    /**
     * The account the function's credentials belong to (STS GetCallerIdentity, asked once).
     *
     * @throws AccountAccessException when STS cannot say (no credentials, no network); the message is scrubbed
     */
    public String ownAccount() {
        String account = ownAccount;
        if (account == null) {
            synchronized (this) {
                if (ownAccount == null) {
                    try {
                        ownAccount = sts.getCallerIdentity().account();
                    } catch (SdkException e) {
                        throw new AccountAccessException("cannot tell the account of scalewatch's own"
                                + " credentials: STS GetCallerIdentity failed: " + AwsErrors.describe(e));
                    }
                }
                account = ownAccount;
            }
        }
        return account;
    }

    /** Reads a run's config from the event, the S3 config object and this wiring's environment. */
    public AwsScanConfig loadConfig(Map<String, Object> event) {
        return new AwsScanConfigLoader(env, s3, clock).load(event);
    }

    /** Access to the config's other accounts for one run (sessions named {@code scalewatch-<run id>}). */
    public AccountAccess accountAccess(AwsScanConfig.CrossAccount crossAccount, String runId) {
        return AccountAccess.builder().sts(sts).roleName(crossAccount.readRoleName())
                .externalId(crossAccount.externalId()).runId(runId).clients(clients)
                .partition(partition()).build();
    }

    /** The partition of the function's region: aws, aws-cn or aws-us-gov. */
    public String partition() {
        String id = region.id();
        return id.startsWith("cn-") ? "aws-cn" : id.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** The checkpoint store of a config: its state bucket under the findings prefix. */
    public CheckpointStore checkpoints(AwsScanConfig.Outputs outputs) {
        return checkpointDecorator.apply(S3CheckpointStore.builder().s3(s3).bucket(outputs.stateBucket())
                .prefix(outputs.findingsPrefix()).kmsKeyId(outputs.kmsKeyId()).build());
    }

    /** Closes the clients and the HTTP client. */
    @Override
    public void close() {
        ownS3.values().forEach(S3Client::close);
        sts.close();
        securityHub.close();
        synchronized (this) {
            if (secretsManager != null) {
                secretsManager.close();
            }
        }
        clients.close();
    }

    @Override
    public String toString() {
        return "AwsWiring[region=" + region + (endpointOverride == null ? "" : ", endpoint=" + endpointOverride) + "]";
    }

    /** Builds an {@link AwsWiring}. */
    public static final class Builder {
        private Map<String, String> env = Map.of();
        private Region region;
        private AwsCredentialsProvider credentials;
        private URI endpointOverride;
        private int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private Clock clock = Clock.systemUTC();
        private UnaryOperator<PolicyEngine> engine = UnaryOperator.identity();
        private UnaryOperator<CheckpointStore> checkpointDecorator = UnaryOperator.identity();

        private Builder() {}

        /** Where config defaults come from (default: none). */
        public Builder environment(Map<String, String> env) {
            this.env = env;
            return this;
        }

        /** The function's region (required). */
        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        /** The function's own credentials (required). */
        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Send every AWS request here (an emulator such as moto); none in production. */
        public Builder endpointOverride(URI endpointOverride) {
            this.endpointOverride = endpointOverride;
            return this;
        }

        /** Policy evaluation threads and engine instances (default: processors, at most 4). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** The clock of deadlines, run ids and report times (default UTC; tests move it to reach a deadline). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Wraps the engine (tests record what it evaluated). */
        public Builder engine(UnaryOperator<PolicyEngine> engine) {
            this.engine = engine;
            return this;
        }

        /** Wraps every checkpoint store (tests fail its writes to simulate a crash). */
        public Builder checkpoints(UnaryOperator<CheckpointStore> checkpointDecorator) {
            this.checkpointDecorator = checkpointDecorator;
            return this;
        }

        /**
         * The wiring (compiles the policy module: about a second).
         *
         * @throws IllegalArgumentException when a required part is missing or out of range
         */
        public AwsWiring build() {
            if (region == null || credentials == null) {
                throw new IllegalArgumentException("AwsWiring needs " + (region == null ? "a region" : "credentials"));
            }
            Objects.requireNonNull(env, "environment");
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("threads must be within 1..64, got " + threads);
            }
            Objects.requireNonNull(clock, "clock");
            return new AwsWiring(this);
        }
    }
}
