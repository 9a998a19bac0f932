package io.scalewatch.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudProvider;

/**
 * Turns one raw audit-log record of one cloud into an {@link AuditEvent}. Implementations are stateless
 * and thread-safe, never mutate the record, and redact secret-bearing values in what they return.
 */
public interface AuditRecordNormalizer {
    /** The cloud whose records this normalizer reads. */
    CloudProvider cloud();

    /**
     * Normalizes one record.
     *
     * @throws InvalidAuditRecordException when the record cannot be normalized, with the reason
     */
    AuditEvent normalize(JsonNode record);

    /**
     * Parses one record's JSON text under the record limits (depth, field size, keys) and normalizes it;
     * for collectors that receive records as strings (CloudTrail {@code Event.cloudTrailEvent()}).
     *
     * @throws InvalidAuditRecordException when the text is not valid JSON or the record cannot be normalized
     */
    default AuditEvent normalizeJson(String json) {
        return normalize(Jsons.parseEmbedded(json, 0, "$"));
    }
}
