package io.scalewatch.core.scan;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Normalized events kept as evidence for the HTML report, by event id ({@code metadata.uid}), each as
 * pretty-printed JSON in the policy-input shape plus its ISO time. Only a bounded sample is kept (see
 * {@link EvidenceSampler}); {@code findings.jsonl} lists every kept evidence id.
 */
public record EvidenceEvents(Map<String, String> byEventId) {
    /** No evidence events. */
    public static final EvidenceEvents NONE = new EvidenceEvents(Map.of());

    public EvidenceEvents {
        byEventId = Map.copyOf(new TreeMap<>(byEventId));
    }

    /** The pretty-printed event with this id, if it was kept. */
    public Optional<String> json(String eventId) {
        return Optional.ofNullable(byEventId.get(eventId));
    }
}
