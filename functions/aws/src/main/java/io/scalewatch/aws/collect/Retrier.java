package io.scalewatch.aws.collect;

import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.core.run.Deadline;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Runs one request with retries on throttling and transient failures, taking a rate-limit token before
 * every attempt and giving up early when the deadline is near. Not thread-safe state: none is kept.
 */
final class Retrier {
    /** Collecting must stop: the deadline is near or the retries are spent. Carries a safe reason. */
    static final class StopException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopException(String reason) {
            super(reason, null, false, false);
        }
    }

    private final RetryPolicy policy;
    private final RateLimiter limiter;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final Deadline deadline;
    private final Duration reserve;
    private int attempts;
    private int retries;

    Retrier(RetryPolicy policy, RateLimiter limiter, Sleeper sleeper, DoubleSupplier jitter, Deadline deadline,
            Duration reserve) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limiter = limiter;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.reserve = Objects.requireNonNull(reserve, "reserve");
    }

    /** Throws {@link StopException} when less than the reserve is left. */
    void checkDeadline(String what) {
        if (deadline.nearing(reserve)) {
            throw new StopException("deadline: less than " + reserve + " left before " + what);
        }
    }

    /**
     * The result of {@code request}, retried while {@link AwsErrors#isRetryable} says so.
     *
     * @throws StopException when the deadline nears or the attempts are spent on retryable errors
     * @throws RuntimeException the first non-retryable error, as thrown
     */
    <T> T call(String what, Supplier<T> request) {
        for (int attempt = 1; ; attempt++) {
            checkDeadline(what);
            if (limiter != null) {
                limiter.acquire();
            }
            attempts++;
            try {
                return request.get();
            } catch (RuntimeException e) {
                if (!AwsErrors.isRetryable(e)) {
                    throw e;
                }
                if (attempt >= policy.maxAttempts()) {
                    throw new StopException((AwsErrors.isThrottling(e) ? "throttled" : "unavailable") + ": " + what
                            + " failed " + attempt + " times, last: " + AwsErrors.describe(e));
                }
                retries++;
                pause(policy.backoff(attempt, Math.min(Math.max(jitter.getAsDouble(), 0), 0.999_999)), what);
            }
        }
    }

    /** Waits, unless the wait would run into the deadline's reserve. */
    void pause(Duration wait, String what) {
        if (deadline.remaining().minus(wait).compareTo(reserve) < 0) {
            throw new StopException("deadline: waiting " + wait + " before " + what + " would leave less than "
                    + reserve);
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectionInterruptedException("interrupted while waiting to retry " + what);
        }
    }

    /** Requests sent so far, retries included. */
    int attempts() {
        return attempts;
    }

    /** Retries made so far. */
    int retries() {
        return retries;
    }
}
