package io.scalewatch.azure.collect;

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
 * Quarantined records for rows the collector normalized itself. Core's redactor is not public, so the row's text
 * is run through {@link AuditLogReader} once more, on the failure path only, and the reader's redacted, capped raw
 * text is kept. A row the reader would accept is handed to it wrapped as {@code {"rejected": "<text>"}}, which it
 * quarantines as an unknown shape: the raw text is never kept unredacted and never lost.
 */
final class Quarantines {
    private static final AuditLogReader READER = AuditLogReader.create();
    private static final int MAX_ID_CHARS = 64;

    private Quarantines() {}

    /**
     * A quarantined AzureActivity row.
     *
     * @param source the collector's name
     * @param position 1-based position of the row in what the collector read
     * @param recordId the row's EventDataId, shown in the reason; may be empty
     * @param kind why
     * @param reason what is wrong
     * @param text the row as a JSON object
     */
    static QuarantinedRecord of(String source, long position, String recordId, QuarantineKind kind, String reason,
            String text) {
        String raw = "";
        boolean truncated = false;
        if (text != null && !text.isEmpty()) {
            QuarantinedRecord seen = readerQuarantine(source, text);
            if (seen == null) {
                seen = readerQuarantine(source, JsonNodeFactory.instance.objectNode().put("rejected", text).toString());
            }
            if (seen != null) {
                raw = seen.raw();
                truncated = seen.truncated();
            }
        }
        String id = safeId(recordId);
        String prefix = id.isEmpty() ? "" : "row " + id + ": ";
        return new QuarantinedRecord(source, Math.max(1, position), CloudProvider.AZURE, kind, prefix + reason, raw,
                truncated);
    }

    private static QuarantinedRecord readerQuarantine(String source, String text) {
        List<QuarantinedRecord> seen = new ArrayList<>(1);
        READER.read(source, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                RecordSink.of(event -> { }, seen::add));
        return seen.isEmpty() ? null : seen.get(0);
    }

    /** An id fit for a message: id characters only, at most 64. */
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
