package io.scalewatch.azure;

import java.time.Duration;

/** Pauses the calling thread; injected into retries so that tests advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps for {@code duration} (nothing for zero or negative durations). */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep}. */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        };
    }
}
