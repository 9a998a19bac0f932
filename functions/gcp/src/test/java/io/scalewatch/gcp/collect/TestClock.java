package io.scalewatch.gcp.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that only moves when told, with a {@link Sleeper} that moves it instead of sleeping. */
public final class TestClock extends Clock {
    private volatile Instant now;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public TestClock(Instant start) {
        this.now = start;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** Moves the clock forward. */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** A sleeper that advances this clock and records each sleep. */
    public Sleeper sleeper() {
        return duration -> {
            sleeps.add(duration);
            advance(duration);
        };
    }

    /** Every sleep so far. */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
