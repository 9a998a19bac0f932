package io.scalewatch.azure;

import java.time.Duration;
import java.util.Objects;

/**
 * How a collector retries a throttled or failed request: at most {@code maxAttempts} attempts, waiting what the
 * service asks for (Retry-After) or else {@code initialBackoff * 2^(attempt-1)} (capped at {@code maxBackoff}) with
 * full jitter.
 *
 * @param maxAttempts attempts per request, the first included (1 = no retry)
 * @param initialBackoff the wait ceiling after the first failure
 * @param maxBackoff the largest wait ceiling
 * @param maxRetryAfter the longest Retry-After honoured; a longer one stops the collection instead
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    /** 6 attempts, 500 ms doubling to 30 s; Retry-After honoured up to 5 min. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1 (1 = no retry), got " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff <= maxBackoff, got "
                    + initialBackoff + " and " + maxBackoff);
        }
        if (maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must be >= 0, got " + maxRetryAfter);
        }
    }

    /**
     * The wait before attempt {@code failedAttempts + 1} when the service named none.
     *
     * @param failedAttempts attempts made so far (>= 1)
     * @param jitter a number in [0, 1): the share of the ceiling to wait (full jitter)
     */
    public Duration backoff(int failedAttempts, double jitter) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be >= 1, got " + failedAttempts);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
        long ceiling = initialBackoff.toNanos();
        for (int i = 1; i < failedAttempts && ceiling < maxBackoff.toNanos(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxBackoff.toNanos());
        return Duration.ofNanos((long) (ceiling * jitter));
    }
}
