package io.scalewatch.aws.access;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients scalewatch's collectors use, on one shared {@link UrlConnectionHttpClient}.
 *
 * <ul>
 *   <li>CloudTrail: no SDK retries. The collectors retry throttling themselves, behind their rate limiter,
 *       so every request, retries included, is counted against LookupEvents' 2 requests/s.
 *   <li>S3: the SDK's standard strategy with {@link Builder#s3MaxAttempts} attempts (10) and exponential
 *       throttling backoff, so 503 SlowDown from a busy trail bucket is ridden out.
 *   <li>IAM: the SDK's standard retries.
 * </ul>
 *
 * <pre>{@code
 * AwsClientFactory clients = AwsClients.builder().build();                  // production
 * AwsClientFactory moto = AwsClients.builder().endpointOverride(uri).build(); // tests
 * }</pre>
 */
public final class AwsClients implements AwsClientFactory, AutoCloseable {
    private final SdkHttpClient http;
    private final URI endpointOverride;
    private final boolean s3PathStyle;
    private final int s3MaxAttempts;
    private final Duration throttlingBaseDelay;

    private AwsClients(Builder b) {
        this.http = b.http == null ? UrlConnectionHttpClient.create() : b.http;
        this.endpointOverride = b.endpointOverride;
        this.s3PathStyle = b.s3PathStyle;
        this.s3MaxAttempts = b.s3MaxAttempts;
        this.throttlingBaseDelay = b.throttlingBaseDelay;
    }

    /** A builder with production defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CloudTrailClient cloudTrail(Region region, AwsCredentialsProvider credentials) {
        var builder = CloudTrailClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry()).build());
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    @Override
    public S3Client s3(Region region, AwsCredentialsProvider credentials) {
        RetryStrategy retry = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(s3MaxAttempts)
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelay(throttlingBaseDelay, Duration.ofSeconds(20)))
                .build();
        var builder = S3Client.builder().region(region).credentialsProvider(credentials).httpClient(http)
                .forcePathStyle(s3PathStyle)
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(retry).build());
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    @Override
    public IamClient iam(AwsCredentialsProvider credentials) {
        var builder = IamClient.builder().region(Region.AWS_GLOBAL).credentialsProvider(credentials).httpClient(http);
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride).region(Region.US_EAST_1);
        }
        return builder.build();
    }

    /** Closes the shared HTTP client (clients built from this factory stop working). */
    @Override
    public void close() {
        http.close();
    }

    /** Builds {@link AwsClients}. */
    public static final class Builder {
        private SdkHttpClient http;
        private URI endpointOverride;
        private boolean s3PathStyle;
        private int s3MaxAttempts = 10;
        private Duration throttlingBaseDelay = Duration.ofMillis(500);

        private Builder() {}

        /** The HTTP client to share (default a new {@link UrlConnectionHttpClient}). */
        public Builder httpClient(SdkHttpClient http) {
            this.http = http;
            return this;
        }

        /** Send every request to this endpoint (an emulator); S3 then uses path-style addressing. */
        public Builder endpointOverride(URI endpointOverride) {
            this.endpointOverride = endpointOverride;
            this.s3PathStyle = endpointOverride != null;
            return this;
        }

        /** Attempts per S3 request, the first included (10). */
        public Builder s3MaxAttempts(int s3MaxAttempts) {
            this.s3MaxAttempts = s3MaxAttempts;
            return this;
        }

        /** Base delay of S3's exponential backoff on throttling (500 ms). */
        public Builder throttlingBaseDelay(Duration throttlingBaseDelay) {
            this.throttlingBaseDelay = throttlingBaseDelay;
            return this;
        }

        /**
         * The factory.
         *
         * @throws IllegalArgumentException when attempts or delays are out of range
         */
        public AwsClients build() {
            if (s3MaxAttempts < 1 || s3MaxAttempts > 50) {
                throw new IllegalArgumentException("s3MaxAttempts must be within 1..50, got " + s3MaxAttempts);
            }
            Objects.requireNonNull(throttlingBaseDelay, "throttlingBaseDelay");
            if (throttlingBaseDelay.isNegative() || throttlingBaseDelay.isZero()) {
                throw new IllegalArgumentException("throttlingBaseDelay must be positive, got " + throttlingBaseDelay);
            }
            return new AwsClients(this);
        }
    }
}
