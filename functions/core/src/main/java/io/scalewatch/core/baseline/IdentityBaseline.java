package io.scalewatch.core.baseline;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the watched identity has been seen doing across runs (its behaviour history): per dimension (the
 * {@code seen_<dimension>} stats of the rules, without the prefix) the values seen, each with its
 * {@link Observation}. The window pass gets it as {@code input.baseline}; {@link BaselineFold} adds a window to it.
 *
 * <pre>{@code
 * IdentityBaseline next = BaselineFold.fold(stored, evaluation.stats(), windowStartMs, windowEndMs, settings);
 * }</pre>
 *
 * @param startedMs start of the first window folded, epoch ms (0 while nothing was folded)
 * @param updatedMs end of the last window folded, epoch ms (0 while nothing was folded)
 * @param runs windows folded so far
 * @param seen dimension -> value -> observation, both levels sorted by name
 */
public record IdentityBaseline(long startedMs, long updatedMs, long runs, Map<String, Map<String, Observation>> seen) {
    private static final IdentityBaseline EMPTY = new IdentityBaseline(0, 0, 0, Map.of());

    public IdentityBaseline {
        if (runs < 0) {
            throw new IllegalArgumentException("baseline runs must be >= 0, got " + runs);
        }
        if (startedMs < 0 || updatedMs < startedMs) {
            throw new IllegalArgumentException("baseline started_ms " + startedMs + " and updated_ms " + updatedMs
                    + " must satisfy 0 <= started_ms <= updated_ms");
        }
        Objects.requireNonNull(seen, "seen");
        if (runs == 0 && (startedMs != 0 || updatedMs != 0 || !seen.isEmpty())) {
            throw new IllegalArgumentException("a baseline with runs 0 must have started_ms 0, updated_ms 0 and no"
                    + " observations, got started_ms " + startedMs + ", updated_ms " + updatedMs + ", "
                    + seen.size() + " dimension(s)");
        }
        TreeMap<String, Map<String, Observation>> copy = new TreeMap<>();
        seen.forEach((dimension, values) -> {
            if (dimension == null || dimension.isBlank()) {
                throw new IllegalArgumentException("baseline dimension names must not be blank");
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("baseline dimension '" + dimension + "' has no values; leave it"
                        + " out instead");
            }
            TreeMap<String, Observation> byValue = new TreeMap<>();
            values.forEach((value, observation) -> byValue.put(Objects.requireNonNull(value, "value"),
                    Objects.requireNonNull(observation, "observation of " + dimension + "/" + value)));
            copy.put(dimension, Collections.unmodifiableSortedMap(byValue));
        });
        seen = Collections.unmodifiableSortedMap(copy);
    }

    /** No history: runs 0, nothing seen (the identity's first run, or after a reset). */
    public static IdentityBaseline empty() {
        return EMPTY;
    }

    /** Whether no window was folded yet. */
    public boolean isEmpty() {
        return runs == 0;
    }

    /** Values seen in a dimension (empty map when none). */
    public Map<String, Observation> values(String dimension) {
        return seen.getOrDefault(dimension, Map.of());
    }
}
