package io.scalewatch.core.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the partial stats that window rules report per event chunk into window-wide stats.
 *
 * <p>The merge is generic and judges nothing (DESIGN.md §3): for every {@code stats.<name>.<key>} summary
 * it sums {@code count}, keeps the minimum {@code first_ms} and maximum {@code last_ms}, and unions
 * {@code event_ids} (sorted, capped) and {@code values} (sorted, capped). The order chunks arrive in does
 * not change the result. Not thread-safe; the pipeline merges from one thread.
 */
public final class StatsAccumulator {
    private static final int MAX_VALUES = 1000;

    private final int maxEvidenceIds;
    private final Map<String, Map<String, Summary>> stats = new TreeMap<>();

    /** @param maxEvidenceIds how many event ids a merged summary keeps (the rest are counted only) */
    public StatsAccumulator(int maxEvidenceIds) {
        if (maxEvidenceIds < 1) {
            throw new IllegalArgumentException("maxEvidenceIds must be at least 1, got " + maxEvidenceIds);
        }
        this.maxEvidenceIds = maxEvidenceIds;
    }

    /** Adds one chunk's partial stats. */
    public void add(JsonNode partial) {
        for (Iterator<Map.Entry<String, JsonNode>> names = partial.fields(); names.hasNext(); ) {
            Map.Entry<String, JsonNode> stat = names.next();
            Map<String, Summary> byKey = stats.computeIfAbsent(stat.getKey(), k -> new TreeMap<>());
            for (Iterator<Map.Entry<String, JsonNode>> keys = stat.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = keys.next();
                byKey.computeIfAbsent(entry.getKey(), k -> new Summary(maxEvidenceIds)).add(entry.getValue());
            }
        }
    }

    /** The merged stats as policy input ({@code input.stats}). */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        stats.forEach((name, byKey) -> {
            ObjectNode stat = out.putObject(name);
            byKey.forEach((key, summary) -> stat.set(key, summary.toJson()));
        });
        return out;
    }

    private static final class Summary {
        private final int maxIds;
        private long count;
        private long firstMs = Long.MAX_VALUE;
        private long lastMs = Long.MIN_VALUE;
        private final TreeSet<String> eventIds = new TreeSet<>();
        // Values keep their JSON type (a number stays a number); ordered by their JSON text.
        private final TreeMap<String, JsonNode> values = new TreeMap<>();

        Summary(int maxIds) {
            this.maxIds = maxIds;
        }

        void add(JsonNode summary) {
            count += summary.path("count").asLong(0);
            if (summary.has("first_ms")) {
                firstMs = Math.min(firstMs, summary.get("first_ms").asLong());
            }
            if (summary.has("last_ms")) {
                lastMs = Math.max(lastMs, summary.get("last_ms").asLong());
            }
            // Each chunk reports its smallest ids; the smallest N of the union is exact with a cap of N.
            summary.path("event_ids").forEach(id -> {
                eventIds.add(id.asText());
                if (eventIds.size() > maxIds) {
                    eventIds.pollLast();
                }
            });
            summary.path("values").forEach(v -> {
                values.put(v.toString(), v);
                if (values.size() > MAX_VALUES) {
                    values.pollLastEntry();
                }
            });
        }

        ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("count", count);
            if (firstMs != Long.MAX_VALUE) {
                node.put("first_ms", firstMs);
            }
            if (lastMs != Long.MIN_VALUE) {
                node.put("last_ms", lastMs);
            }
            ArrayNode ids = node.putArray("event_ids");
            eventIds.forEach(ids::add);
            ArrayNode vals = node.putArray("values");
            values.values().forEach(vals::add);
            return node;
        }
    }
}
