package io.scalewatch.core.scan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.policy.PolicyInputWriter;
import io.scalewatch.core.policy.PolicyResult;
import io.scalewatch.core.policy.RuleFinding;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps a few evidence events per finding while chunks are evaluated, because events are streamed and gone
 * once the scan ends. Per event finding (by {@link RuleFinding#key()}) it keeps the {@value #PER_FINDING}
 * smallest evidence ids, and per window statistic key the smallest id: window rules list their evidence
 * ids sorted, so the first id of every window finding is kept too. The choice depends only on the ids,
 * never on the order chunks finish in. At most {@value #MAX_SLOTS} findings and keys get a sample, each event
 * at most {@value #MAX_EVENT_CHARS} characters of JSON, so memory stays bounded. Thread-safe.
 */
public final class EvidenceSampler {
    static final int PER_FINDING = 3;
    static final int MAX_SLOTS = 2000;
    static final int MAX_EVENT_CHARS = 16_384;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, TreeMap<String, String>> slots = new HashMap<>();

    /** Samples the evidence events of one evaluated chunk. */
    public void offer(List<AuditEvent> chunk, PolicyResult result) {
        Map<String, AuditEvent> byId = null;
        for (RuleFinding finding : result.findings()) {
            for (String id : finding.evidence().eventIds()) {
                byId = byId == null ? index(chunk) : byId;
                keep("finding|" + finding.key(), id, byId, PER_FINDING);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> stats = result.stats().fields(); stats.hasNext(); ) {
            Map.Entry<String, JsonNode> stat = stats.next();
            for (Iterator<Map.Entry<String, JsonNode>> keys = stat.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                JsonNode first = key.getValue().path("event_ids").path(0);
                if (first.isTextual()) {
                    byId = byId == null ? index(chunk) : byId;
                    keep("stat|" + stat.getKey() + "|" + key.getKey(), first.asText(), byId, 1);
                }
            }
        }
    }

    /** The sampled events. */
    public synchronized EvidenceEvents events() {
        Map<String, String> all = new TreeMap<>();
        slots.values().forEach(all::putAll);
        return new EvidenceEvents(all);
    }

    private static Map<String, AuditEvent> index(List<AuditEvent> chunk) {
        Map<String, AuditEvent> byId = new HashMap<>();
        chunk.forEach(e -> byId.putIfAbsent(e.metadata().uid(), e));
        return byId;
    }

    private void keep(String slotKey, String id, Map<String, AuditEvent> chunk, int limit) {
        AuditEvent event = chunk.get(id);
        if (event == null) {
            return;
        }
        synchronized (this) {
            TreeMap<String, String> slot = slots.get(slotKey);
            if (slot == null) {
                if (slots.size() >= MAX_SLOTS) {
                    return;
                }
                slot = new TreeMap<>();
                slots.put(slotKey, slot);
            }
            if (slot.containsKey(id) || (slot.size() >= limit && id.compareTo(slot.lastKey()) > 0)) {
                return;
            }
            slot.put(id, render(event));
            if (slot.size() > limit) {
                slot.pollLastEntry();
            }
        }
    }

    /** The event as pretty JSON: its ISO time first, then the policy-input shape, cut at a bounded length. */
    static String render(AuditEvent event) {
        try {
            StringWriter compact = new StringWriter();
            try (JsonGenerator g = JSON.getFactory().createGenerator(compact)) {
                PolicyInputWriter.writeEvent(g, event);
            }
            ObjectNode node = JSON.createObjectNode();
            node.put("time", event.dated() ? event.time().toString() : "undated");
            node.setAll((ObjectNode) JSON.readTree(compact.toString()));
            String pretty = PRETTY.writeValueAsString(node);
            if (pretty.length() > MAX_EVENT_CHARS) {
                return pretty.substring(0, MAX_EVENT_CHARS) + "\n... (cut at " + MAX_EVENT_CHARS + " of "
                        + pretty.length() + " characters)";
            }
            return pretty;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render evidence event " + event.metadata().uid(), e);
        }
    }
}
