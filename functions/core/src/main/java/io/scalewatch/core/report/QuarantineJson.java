package io.scalewatch.core.report;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.normalize.QuarantinedRecord;

/**
 * The JSON shape of one quarantined record (one line of {@code quarantine.jsonl}, locally and in S3): source,
 * line, cloud, kind, reason, the redacted raw record and whether it was cut. A contract: fields are added,
 * never renamed.
 */
public final class QuarantineJson {
    private QuarantineJson() {}

    /** The record as a JSON object. */
    public static ObjectNode of(QuarantinedRecord record) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("source", record.source());
        node.put("line", record.line());
        node.put("cloud", record.cloud().map(CloudProvider::id).orElse("unknown"));
        node.put("kind", record.kind().id());
        node.put("reason", record.reason());
        node.put("raw", record.raw());
        node.put("truncated", record.truncated());
        return node;
    }
}
