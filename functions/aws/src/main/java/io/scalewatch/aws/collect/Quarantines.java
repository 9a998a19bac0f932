package io.scalewatch.aws.collect;

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
 * Builds quarantined records for records a collector normalized itself (LookupEvents results, Lake rows).
 * The raw text must be redacted exactly as {@link AuditLogReader} redacts it; core's redactor is not public,
 * so the record's text is run through the reader once more, on the failure path only, and the reader's
 * redacted, capped raw text is kept. A record the reader would accept is handed to it wrapped in
 * {@code {"rejected": "<text>"}}, which it quarantines as an unknown shape: the raw text is never kept
 * unredacted and never lost.
 */
final class Quarantines {
    private static final AuditLogReader READER = AuditLogReader.create();
    private static final int MAX_ID_CHARS = 64;

    private Quarantines() {}

    /**
     * A quarantined CloudTrail record.
     *
     * @param source the collector's name
     * @param position 1-based position of the record in what the collector read
     * @param recordId the API's id of the record (event id), shown in the reason; may be empty
     * @param kind why
     * @param reason what is wrong
     * @param text the record's text as received
     */
    static QuarantinedRecord of(String source, long position, String recordId, QuarantineKind kind, String reason,
            String text) {
        String raw = "";
        boolean truncated = false;
        if (text != null && !text.isEmpty()) {
            QuarantinedRecord seen = readerQuarantine(source, text);
            if (seen == null) {
                // The reader accepts what the collector rejected (the collector checks more, e.g. a Lake column):
                // wrapped as a string, the text is of no known shape, so the reader quarantines and redacts it.
                seen = readerQuarantine(source, JsonNodeFactory.instance.objectNode().put("rejected", text).toString());
            }
            if (seen != null) {
                raw = seen.raw();
                truncated = seen.truncated();
            }
        }
        String id = safeId(recordId);
        String prefix = id.isEmpty() ? "" : "event " + id + ": ";
        return new QuarantinedRecord(source, Math.max(1, position), CloudProvider.AWS, kind, prefix + reason, raw,
                truncated);
    }

    private static QuarantinedRecord readerQuarantine(String source, String text) {
        List<QuarantinedRecord> seen = new ArrayList<>(1);
        READER.read(source, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                RecordSink.of(event -> { }, seen::add));
        return seen.isEmpty() ? null : seen.get(0);
    }

    /** An event id fit for a message: id characters only, at most 64. */
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
