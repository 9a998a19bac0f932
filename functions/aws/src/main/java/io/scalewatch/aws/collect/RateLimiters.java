package io.scalewatch.aws.collect;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RateLimiter} per account and region, for APIs whose quota is per account and region
 * (LookupEvents: 2 requests/s). Every collector of the same account and region in a run gets the same
 * limiter, so two identities watched in one account share the quota instead of each taking all of it.
 *
 * <pre>{@code
 * RateLimiters lookupLimits = RateLimiters.lookupEvents();  // once per run (or per container)
 * builder.rateLimiter(lookupLimits.of("123456789012", "us-east-1"));
 * }</pre>
 */
public final class RateLimiters {
    private final double permitsPerSecond;
    private final int burst;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    private RateLimiters(double permitsPerSecond, int burst, Clock clock, Sleeper sleeper) {
        RateLimiter.create(permitsPerSecond, burst, clock, sleeper); // validates the settings once, up front
        this.permitsPerSecond = permitsPerSecond;
        this.burst = burst;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** LookupEvents' quota: 2 requests/s, burst 1, per account and region, on the system clock. */
    public static RateLimiters lookupEvents() {
        return new RateLimiters(2, 1, Clock.systemUTC(), Sleeper.system());
    }

    /**
     * Limiters of {@code permitsPerSecond} with room for {@code burst}, one per account and region.
     *
     * @throws IllegalArgumentException when the rate is not positive or the burst is below 1
     */
    public static RateLimiters create(double permitsPerSecond, int burst, Clock clock, Sleeper sleeper) {
        return new RateLimiters(permitsPerSecond, burst, clock, sleeper);
    }

    /** The limiter of one account and region, created on first use. */
    public RateLimiter of(String account, String region) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        return limiters.computeIfAbsent(account + "/" + region,
                key -> RateLimiter.create(permitsPerSecond, burst, clock, sleeper));
    }
}
