package io.scalewatch.core.baseline;

/**
 * How often, and between which times, the identity showed one value of one dimension (e.g. region us-east-1).
 *
 * @param firstMs when it was first seen, epoch ms
 * @param lastMs when it was last seen, epoch ms
 * @param count events that showed it, summed over the windows folded (events re-read in a window overlap count
 *     again, see {@link BaselineFold})
 */
public record Observation(long firstMs, long lastMs, long count) {
    public Observation {
        if (firstMs < 0) {
            throw new IllegalArgumentException("observation first_ms must be an epoch ms >= 0, got " + firstMs);
        }
        if (lastMs < firstMs) {
            throw new IllegalArgumentException("observation last_ms " + lastMs + " must not be before first_ms "
                    + firstMs);
        }
        if (count < 1) {
            throw new IllegalArgumentException("observation count must be at least 1, got " + count);
        }
    }

    /** Both observations as one: earliest first, latest last, counts added (saturating). */
    public Observation plus(Observation other) {
        long sum = count + other.count;
        return new Observation(Math.min(firstMs, other.firstMs), Math.max(lastMs, other.lastMs),
                sum < 0 ? Long.MAX_VALUE : sum);
    }
}
