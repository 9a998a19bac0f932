package io.scalewatch.core.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Folds one window's merged stats into a baseline: every {@code seen_<dimension>} stat (a
 * {@code lib.stats.summary} per observed value) becomes observations of {@code <dimension>}; other stats are
 * ignored. Deterministic: the same baseline, stats and window give the same result, whatever order they came in.
 *
 * <p>Idempotency and overlap: a window whose end is at or before the baseline's {@code updated_ms} was folded
 * already (a retried run, a replay) and is not folded again. Windows start a little before the previous end
 * (the collector's overlap), so events in that overlap are folded twice: their value is already known, its
 * {@code first_ms}/{@code last_ms} do not change, only {@code count} grows. Novelty rules therefore judge
 * presence and times, never counts.
 *
 * <p>Bounds ({@link BaselineSettings}): values whose {@code last_ms} is older than the retention before the
 * window end are dropped; a dimension over {@code maxKeysPerDimension} keeps its most recently seen values (ties:
 * higher count, then value name).
 */
public final class BaselineFold {
    /** The stat-name prefix of the rules' remembered observations. */
    public static final String PREFIX = "seen_";

    private static final Comparator<Map.Entry<String, Observation>> KEEP_FIRST =
            Comparator.<Map.Entry<String, Observation>>comparingLong(e -> e.getValue().lastMs()).reversed()
                    .thenComparing(Comparator.<Map.Entry<String, Observation>>comparingLong(
                            e -> e.getValue().count()).reversed())
                    .thenComparing(Map.Entry::getKey);

    private BaselineFold() {}

    /**
     * The baseline after the window {@code [windowStartMs, windowEndMs]}.
     *
     * @param prior the baseline loaded before the window ({@link IdentityBaseline#empty()} when none)
     * @param stats the window's merged stats ({@code input.stats} of the window pass)
     * @param windowStartMs start of the window, epoch ms; 0 (a scan of whole files) means "its earliest event"
     * @param windowEndMs end of the window (what the run covered), epoch ms
     * @throws BaselineFormatException when a {@code seen_*} stat is not a map of summaries (names the stat)
     */
    public static IdentityBaseline fold(IdentityBaseline prior, JsonNode stats, long windowStartMs, long windowEndMs,
            BaselineSettings settings) {
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(settings, "settings");
        if (windowStartMs < 0 || windowEndMs < windowStartMs) {
            throw new IllegalArgumentException("window [" + windowStartMs + ", " + windowEndMs
                    + "] must satisfy 0 <= start <= end");
        }
        if (!prior.isEmpty() && windowEndMs <= prior.updatedMs()) {
            return prior;
        }
        Map<String, Map<String, Observation>> seen = new TreeMap<>();
        prior.seen().forEach((dimension, values) -> seen.put(dimension, new TreeMap<>(values)));
        long earliest = windowEndMs;
        for (Iterator<Map.Entry<String, JsonNode>> it = stats.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> stat = it.next();
            if (!stat.getKey().startsWith(PREFIX) || stat.getKey().length() == PREFIX.length()) {
                continue;
            }
            String dimension = stat.getKey().substring(PREFIX.length());
            if (!stat.getValue().isObject()) {
                throw new BaselineFormatException("stat '" + stat.getKey() + "' must be an object of summaries, got "
                        + stat.getValue().getNodeType());
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = stat.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = keys.next();
                Observation observed = observation(stat.getKey(), entry.getKey(), entry.getValue(), windowEndMs);
                if (observed == null) {
                    continue;
                }
                earliest = Math.min(earliest, observed.firstMs());
                seen.computeIfAbsent(dimension, d -> new TreeMap<>()).merge(entry.getKey(), observed,
                        Observation::plus);
            }
        }
        long cutoff = windowEndMs - settings.retentionMs();
        Map<String, Map<String, Observation>> bounded = new TreeMap<>();
        seen.forEach((dimension, values) -> {
            List<Map.Entry<String, Observation>> kept = new ArrayList<>();
            values.entrySet().stream().filter(e -> e.getValue().lastMs() >= cutoff).sorted(KEEP_FIRST)
                    .limit(settings.maxKeysPerDimension()).forEach(kept::add);
            if (!kept.isEmpty()) {
                Map<String, Observation> byValue = new TreeMap<>();
                kept.forEach(e -> byValue.put(e.getKey(), e.getValue()));
                bounded.put(dimension, byValue);
            }
        });
        long started = prior.isEmpty() ? (windowStartMs > 0 ? Math.min(windowStartMs, earliest) : earliest)
                : prior.startedMs();
        return new IdentityBaseline(Math.min(started, windowEndMs), windowEndMs, prior.runs() + 1, bounded);
    }

    /** One summary as an observation; null when it counts no event. Undated events count at the window end. */
    private static Observation observation(String stat, String key, JsonNode summary, long windowEndMs) {
        String where = "stat '" + stat + "' key '" + key + "'";
        if (!summary.isObject()) {
            throw new BaselineFormatException(where + " must be a summary object, got " + summary.getNodeType());
        }
        long count = whole(summary, "count", where, 0);
        if (count == 0) {
            return null;
        }
        long last = whole(summary, "last_ms", where, windowEndMs);
        long first = whole(summary, "first_ms", where, last);
        return new Observation(first, Math.max(first, last), count);
    }

    private static long whole(JsonNode summary, String field, String where, long fallback) {
        JsonNode value = summary.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new BaselineFormatException(where + ": '" + field + "' must be a whole number >= 0, got " + value);
        }
        return value.asLong();
    }
}
