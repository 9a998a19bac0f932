package io.scalewatch.aws.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket: {@code permitsPerSecond} tokens refill continuously up to {@code burst}; each request
 * takes one and waits when none is left. One limiter per API quota: CloudTrail LookupEvents allows 2
 * requests per second per account and region, so every collector of that account and region shares one
 * ({@link #lookupEvents()}).
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.lookupEvents();
 * limiter.acquire(); // before each LookupEvents request, retries included
 * }</pre>
 *
 * <p>Thread-safe; waiters are served one at a time.
 */
public final class RateLimiter {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double permitsPerSecond;
    private final double burst;
    private final Clock clock;
    private final Sleeper sleeper;
    private double tokens;
    private Instant refilled;

    private RateLimiter(double permitsPerSecond, int burst, Clock clock, Sleeper sleeper) {
        if (!(permitsPerSecond > 0) || Double.isInfinite(permitsPerSecond)) {
            throw new IllegalArgumentException("permitsPerSecond must be a positive number, got " + permitsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1 token, got " + burst);
        }
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.tokens = burst;
        this.refilled = clock.instant();
    }

    /**
     * A limiter of {@code permitsPerSecond} with room for {@code burst} requests at once.
     *
     * @throws IllegalArgumentException when the rate is not positive or the burst is below 1
     */
    public static RateLimiter create(double permitsPerSecond, int burst, Clock clock, Sleeper sleeper) {
        return new RateLimiter(permitsPerSecond, burst, clock, sleeper);
    }

    /**
     * CloudTrail LookupEvents' quota: 2 requests per second per account and region, no burst (so no second
     * ever sees more than two requests, whatever AWS's own bucket allows).
     */
    public static RateLimiter lookupEvents() {
        return new RateLimiter(2, 1, Clock.systemUTC(), Sleeper.system());
    }

    /** Requests per second. */
    public double permitsPerSecond() {
        return permitsPerSecond;
    }

    /**
     * Takes one token, waiting until one is available.
     *
     * @return how long the call waited
     * @throws CollectionInterruptedException when the thread is interrupted while waiting
     */
    public synchronized Duration acquire() {
        Instant started = clock.instant();
        refill();
        while (tokens < 1) {
            long waitNanos = (long) Math.ceil((1 - tokens) / permitsPerSecond * NANOS_PER_SECOND);
            try {
                sleeper.sleep(Duration.ofNanos(Math.max(1, waitNanos)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CollectionInterruptedException("interrupted while waiting for the rate limit ("
                        + permitsPerSecond + " requests/s)");
            }
            refill();
        }
        tokens -= 1;
        Duration waited = Duration.between(started, clock.instant());
        return waited.isNegative() ? Duration.ZERO : waited;
    }

    private void refill() {
        Instant now = clock.instant();
        long elapsed = Duration.between(refilled, now).toNanos();
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed / NANOS_PER_SECOND * permitsPerSecond);
            refilled = now;
        }
    }

    @Override
    public String toString() {
        return "RateLimiter[" + permitsPerSecond + "/s, burst " + (int) burst + "]";
    }
}
