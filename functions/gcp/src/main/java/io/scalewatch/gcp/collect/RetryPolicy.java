package io.scalewatch.gcp.collect;

import java.time.Duration;
import java.util.Objects;

/**
 * How a GCP call is retried after a quota or transient error: at most {@code maxAttempts} attempts, waiting
 * {@code initialBackoff * 2^(attempt-1)} (capped at {@code maxBackoff}) with full jitter between them; a
 * server's own retry hint (gRPC {@code RetryInfo}, HTTP {@code Retry-After}) raises the wait, up to the cap.
 *
 * @param maxAttempts attempts per request, the first included (1 = no retry)
 * @param initialBackoff the wait ceiling after the first failure
 * @param maxBackoff the largest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /**
     * 8 attempts, 1 s doubling to 32 s: Cloud Logging's read quota is counted per minute (entries.list: 60
     * requests per minute and project), so the retries span more than one quota minute.
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofSeconds(32));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1 (1 = no retry), got " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initialBackoff <= maxBackoff, got "
                    + initialBackoff + " and " + maxBackoff);
        }
    }

    /**
     * The wait before attempt {@code failedAttempts + 1}.
     *
     * @param failedAttempts attempts made so far (>= 1)
     * @param jitter a number in [0, 1): the share of the ceiling to wait (full jitter)
     * @param hint the server's own retry delay, {@link Duration#ZERO} when it gave none
     */
    public Duration backoff(int failedAttempts, double jitter, Duration hint) {
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
        Duration wait = Duration.ofNanos((long) (ceiling * jitter));
        Duration asked = hint == null || hint.isNegative() ? Duration.ZERO : hint;
        if (asked.compareTo(wait) > 0) {
            wait = asked.compareTo(maxBackoff) > 0 ? maxBackoff : asked;
        }
        return wait;
    }
}
