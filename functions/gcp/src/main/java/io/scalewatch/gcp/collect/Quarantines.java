package io.scalewatch.gcp.collect;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.normalize.QuarantineKind;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.RecordSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Quarantined records for entries the collector normalized itself. Their raw text must be redacted exactly
 * as {@link AuditLogReader} redacts it, and core's redactor is not public: the entry's JSON is read once more
 * by the reader, on the failure path only, and the reader's redacted, capped text is kept. Text the reader
 * would accept is handed over wrapped as {@code {"rejected": "<text>"}}, an unknown shape that it quarantines
 * (and redacts as text): the raw text is never kept unredacted.
 */
final class Quarantines {
    private static final AuditLogReader READER = AuditLogReader.create();
    private static final int MAX_ID_CHARS = 64;

    private Quarantines() {}

    /**
     * A quarantined Cloud Logging entry.
     *
     * @param source the collector's name
     * @param position 1-based position of the entry in what the collector read
     * @param insertId the entry's insertId, shown in the reason; may be empty
     * @param kind why
     * @param reason what is wrong
     * @param json the entry as JSON, "" when there is none
     */
    static QuarantinedRecord of(String source, long position, String insertId, QuarantineKind kind, String reason,
            String json) {
        String raw = "";
        boolean truncated = false;
        if (json != null && !json.isEmpty()) {
            QuarantinedRecord seen = readerQuarantine(source, json);
            if (seen == null) {
                seen = readerQuarantine(source, JsonNodeFactory.instance.objectNode().put("rejected", json).toString());
            }
            if (seen != null) {
                raw = seen.raw();
                truncated = seen.truncated();
            }
        }
        String id = safeId(insertId);
        String prefix = id.isEmpty() ? "" : "entry " + id + ": ";
        return new QuarantinedRecord(source, Math.max(1, position), CloudProvider.GCP, kind, prefix + reason, raw,
                truncated);
    }

    private static QuarantinedRecord readerQuarantine(String source, String text) {
        List<QuarantinedRecord> seen = new ArrayList<>(1);
        READER.read(source, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                RecordSink.of(event -> { }, seen::add));
        return seen.isEmpty() ? null : seen.get(0);
    }

    /** An insertId fit for a message: id characters only, at most 64. */
    static String safeId(String id) {
        if (id == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < id.length() && out.length() < MAX_ID_CHARS; i++) {
            char c = id.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' || c == ':') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
