package io.scalewatch.core.checkpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The time window one scheduled run scans (DESIGN.md §2):
 * {@code [checkpoint - overlap, now - ingestion delay]}, at most {@code maxWindow} long; a first run
 * backfills {@code firstRunBackfill}. Overlap re-reads late-delivered events; stable finding ids make the
 * re-read harmless.
 */
public record ScanWindow(Instant start, Instant end) {
    public ScanWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window end " + end + " is before its start " + start);
        }
    }

    /** How windows are cut. */
    public record Policy(Duration overlap, Duration ingestionDelay, Duration maxWindow, Duration firstRunBackfill) {
        /** 10 min overlap, 15 min ingestion delay (CloudTrail's typical delivery), 24 h max, 24 h backfill. */
        public static final Policy DEFAULT = new Policy(Duration.ofMinutes(10), Duration.ofMinutes(15),
                Duration.ofHours(24), Duration.ofHours(24));

        public Policy {
            for (Duration d : new Duration[] {overlap, ingestionDelay, maxWindow, firstRunBackfill}) {
                if (d == null || d.isNegative()) {
                    throw new IllegalArgumentException("window durations must be zero or positive, got " + d);
                }
            }
            if (maxWindow.isZero()) {
                throw new IllegalArgumentException("maxWindow must be positive");
            }
        }
    }

    /** The next window after a checkpoint (or the first one), as of {@code now}. */
    public static ScanWindow next(Optional<Checkpoint> last, Instant now, Policy policy) {
        Instant end = now.minus(policy.ingestionDelay());
        Instant start = last.map(c -> c.coveredUntil().minus(policy.overlap()))
                .orElse(end.minus(policy.firstRunBackfill()));
        if (start.isAfter(end)) {
            start = end;
        }
        if (Duration.between(start, end).compareTo(policy.maxWindow()) > 0) {
            end = start.plus(policy.maxWindow());
        }
        return new ScanWindow(start, end);
    }

    /** Whether an instant falls in the window (start inclusive, end exclusive). */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
