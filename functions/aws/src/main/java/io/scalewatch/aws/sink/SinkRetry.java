package io.scalewatch.aws.sink;

import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The SDK retry strategies the sinks apply to each of their calls, whatever the injected client was built with:
 * S3 {@code 503 SlowDown} and Security Hub {@code TooManyRequestsException} / {@code ThrottlingException} /
 * 5xx are retried with exponential backoff and full jitter, then surface as {@link SinkException}.
 *
 * <pre>{@code
 * S3ReportSink.builder().s3(client).retryStrategy(SinkRetry.standard(8))...
 * }</pre>
 */
public final class SinkRetry {
    /** Attempts per call (the first try included) unless a sink is given another strategy. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    private static final Duration BASE_DELAY = Duration.ofMillis(100);
    private static final Duration THROTTLED_BASE_DELAY = Duration.ofMillis(500);
    private static final Duration MAX_DELAY = Duration.ofSeconds(20);

    private SinkRetry() {}

    /**
     * The SDK's standard strategy with AWS's retryable and throttling error codes, {@code maxAttempts} tries,
     * 100 ms (throttled: 500 ms) doubling up to 20 s, full jitter. Used for S3.
     */
    public static RetryStrategy standard(int maxAttempts) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(requireAttempts(maxAttempts))
                .backoffStrategy(BackoffStrategy.exponentialDelay(BASE_DELAY, MAX_DELAY))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLED_BASE_DELAY, MAX_DELAY))
                .build();
    }

    /**
     * The SDK's adaptive strategy: as {@link #standard(int)}, plus a client-side rate limiter that slows down
     * after throttling. Used for Security Hub (10 TPS, burst 30, per account and region).
     */
    public static RetryStrategy adaptive(int maxAttempts) {
        return AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                .maxAttempts(requireAttempts(maxAttempts))
                .backoffStrategy(BackoffStrategy.exponentialDelay(BASE_DELAY, MAX_DELAY))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLED_BASE_DELAY, MAX_DELAY))
                .build();
    }

    // A request-level plugin replaces the client's retry strategy for one call, so the sink's retry behaviour
    // does not depend on how the injected client was built.
    static AwsRequestOverrideConfiguration override(RetryStrategy strategy) {
        return AwsRequestOverrideConfiguration.builder()
                .addPlugin(config -> config.overrideConfiguration(o -> o.retryStrategy(strategy)))
                .build();
    }

    private static int requireAttempts(int maxAttempts) {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be within 1..20, got " + maxAttempts);
        }
        return maxAttempts;
    }
}
