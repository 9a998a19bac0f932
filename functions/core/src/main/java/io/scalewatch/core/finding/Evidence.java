package io.scalewatch.core.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a finding rests on: the ids of the events behind an activity finding ({@code metadata.uid}),
 * counts, the first and last time seen (epoch ms, 0 when not applicable), and for posture findings the
 * policies / bindings / assignments behind it.
 */
public record Evidence(
        List<String> eventIds, Map<String, Long> counts, long firstSeenMs, long lastSeenMs, List<String> sources) {
    public Evidence {
        eventIds = List.copyOf(eventIds);
        counts = Map.copyOf(counts);
        sources = List.copyOf(sources);
    }

    /** First time seen, if this is activity evidence. */
    public OptionalLong firstSeen() {
        return firstSeenMs > 0 ? OptionalLong.of(firstSeenMs) : OptionalLong.empty();
    }

    /**
     * Evidence of two occurrences of one finding: ids and sources unioned (sorted, at most {@code maxIds}
     * ids), counts summed, the earliest first and latest last time.
     */
    public Evidence merge(Evidence other, int maxIds) {
        TreeSet<String> ids = new TreeSet<>(eventIds);
        ids.addAll(other.eventIds);
        List<String> capped = new ArrayList<>(ids).subList(0, Math.min(ids.size(), maxIds));
        Map<String, Long> sum = new TreeMap<>(counts);
        other.counts.forEach((k, v) -> sum.merge(k, v, Long::sum));
        TreeSet<String> src = new TreeSet<>(sources);
        src.addAll(other.sources);
        long first = firstSeenMs == 0 ? other.firstSeenMs
                : other.firstSeenMs == 0 ? firstSeenMs : Math.min(firstSeenMs, other.firstSeenMs);
        return new Evidence(capped, sum, first, Math.max(lastSeenMs, other.lastSeenMs), new ArrayList<>(src));
    }
}
