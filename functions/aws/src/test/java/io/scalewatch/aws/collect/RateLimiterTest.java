package io.scalewatch.aws.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final CollectTestClock clock = new CollectTestClock(Instant.parse("2026-11-24T00:00:00Z"));

    @Test
    void acquire_twoPerSecondNoBurst_spacesRequestsHalfASecondApart() {
        RateLimiter limiter = RateLimiter.create(2, 1, clock, clock.sleeper());
        List<Instant> granted = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            limiter.acquire();
            granted.add(clock.instant());
        }

        assertThat(granted.get(0)).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        for (int i = 1; i < granted.size(); i++) {
            assertThat(Duration.between(granted.get(i - 1), granted.get(i))).isEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void acquire_afterIdleTime_tokensRefillUpToTheBurstOnly() {
        RateLimiter limiter = RateLimiter.create(2, 3, clock, clock.sleeper());
        clock.advance(Duration.ofMinutes(1));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire()).isZero();
        }
        assertThat(limiter.acquire()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void acquire_interrupted_throwsAndKeepsTheInterruptFlag() {
        RateLimiter limiter = RateLimiter.create(1, 1, clock, d -> {
            throw new InterruptedException("stop");
        });
        limiter.acquire();

        assertThatThrownBy(limiter::acquire).isInstanceOf(CollectionInterruptedException.class)
                .hasMessageContaining("rate limit");
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void create_invalidRateOrBurst_rejected() {
        assertThatThrownBy(() -> RateLimiter.create(0, 1, clock, clock.sleeper()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permitsPerSecond");
        assertThatThrownBy(() -> RateLimiter.create(2, 0, clock, clock.sleeper()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("burst");
    }

    @Test
    void backoff_doublesToTheCapWithFullJitter() {
        RetryPolicy policy = new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(1));

        assertThat(policy.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(10, 0.5)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(3, 0)).isZero();
        assertThatThrownBy(() -> policy.backoff(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
    }

    @Test
    void of_sameAccountAndRegion_sharesOneLimiterOtherwiseNot() {
        RateLimiters limits = RateLimiters.create(2, 1, clock, clock.sleeper());
        RateLimiter east = limits.of("111122223333", "us-east-1");

        assertThat(limits.of("111122223333", "us-east-1")).isSameAs(east);
        assertThat(limits.of("111122223333", "us-west-2")).isNotSameAs(east);
        assertThat(limits.of("222233334444", "us-east-1")).isNotSameAs(east);
        east.acquire();
        limits.of("111122223333", "us-east-1").acquire();
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500));
        assertThatThrownBy(() -> RateLimiters.create(-1, 1, clock, clock.sleeper()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
