package io.scalewatch.core.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a run must be done (a Lambda's remaining time). Collectors stop collecting when the deadline is
 * near, so the run can still evaluate, publish and checkpoint where it stopped.
 */
public record Deadline(Instant at, Clock clock) {
    public Deadline {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(clock, "clock");
    }

    /** A deadline {@code budget} from now. */
    public static Deadline in(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    /** No practical deadline (CLI runs). */
    public static Deadline none() {
        return new Deadline(Instant.MAX, Clock.systemUTC());
    }

    /** Time left, zero when passed. */
    public Duration remaining() {
        if (at.equals(Instant.MAX)) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** True when less than {@code reserve} is left (time kept for evaluating, publishing, checkpointing). */
    public boolean nearing(Duration reserve) {
        return remaining().compareTo(reserve) < 0;
    }
}
