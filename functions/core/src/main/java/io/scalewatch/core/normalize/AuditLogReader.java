package io.scalewatch.core.normalize;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudProvider;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one audit-log file or stream, record by record, without holding it in memory, and hands every
 * record to a {@link RecordSink} as a normalized {@link AuditEvent} or a {@link QuarantinedRecord}.
 *
 * <p>Accepted input, gzip-compressed or not (told by the magic bytes): JSON Lines (one record per line;
 * blank lines are skipped), or JSON documents: a top-level array of records, a CloudTrail S3 object
 * {@code {"Records": [...]}}, an Event Hub / storage export {@code {"records": [...]}}, {@code aws
 * cloudtrail lookup-events} output {@code {"Events": [...]}}, a Log Analytics Logs Query response
 * {@code {"tables": [...]}}, an Activity Log REST page {@code {"value": [...]}}, a Cloud Logging
 * {@code entries.list} page {@code {"entries": [...]}}. Arrays are streamed one record at a time. Each
 * record goes to the normalizer of the cloud its shape belongs to, so files may mix clouds.
 *
 * <p>Nothing is dropped and nothing throws for bad data: a malformed line, a record with a wrong type or
 * a missing field, an unknown shape, a field over 1 MiB, nesting over 64 levels, a control character in
 * a key, each becomes a quarantined record with the reason and its 1-based line. A document that breaks
 * off keeps the records before the break; the rest is one quarantined record.
 *
 * <pre>{@code
 * ReadCounts counts = AuditLogReader.create().read(Path.of("trail.json.gz"), sink);
 * }</pre>
 *
 * <p>Thread-safe: it holds no state between reads.
 */
public final class AuditLogReader {
    private static final int PEEK = 64 * 1024;

    private final Map<CloudProvider, AuditRecordNormalizer> normalizers;

    private AuditLogReader(Map<CloudProvider, AuditRecordNormalizer> normalizers) {
        this.normalizers = normalizers;
    }

    /** A reader with the CloudTrail, GCP audit log and Azure Activity Log normalizers. */
    public static AuditLogReader create() {
        Map<CloudProvider, AuditRecordNormalizer> normalizers = new EnumMap<>(CloudProvider.class);
        for (AuditRecordNormalizer n : List.of(CloudTrailNormalizer.create(), GcpAuditLogNormalizer.create(),
                AzureActivityNormalizer.create())) {
            normalizers.put(n.cloud(), n);
        }
        return new AuditLogReader(Map.copyOf(normalizers));
    }

    /**
     * Reads a file.
     *
     * @throws AuditLogReadException when the file cannot be opened or read (missing, a directory, not
     *     readable, an I/O error); bad content is quarantined instead
     */
    public ReadCounts read(Path file, RecordSink sink) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sink, "sink");
        if (Files.isDirectory(file)) {
            throw new AuditLogReadException("cannot read audit log " + file + ": it is a directory", null);
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new AuditLogReadException("cannot open audit log " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new AuditLogReadException("cannot open audit log " + file + ": permission denied", e);
        } catch (IOException | SecurityException e) {
            throw new AuditLogReadException("cannot open audit log " + file + ": " + e.getMessage(), e);
        }
        try (in) {
            return read(file.toString(), in, sink);
        } catch (IOException e) {
            throw new AuditLogReadException("cannot close audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a stream; {@code sourceName} names it in quarantined records and errors. The stream is read
     * to its end (or to where it breaks off) and not closed.
     *
     * @throws AuditLogReadException when the stream fails with an I/O error
     */
    public ReadCounts read(String sourceName, InputStream in, RecordSink sink) {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sink, "sink");
        Run run = new Run(sourceName, sink);
        try {
            run.read(new FilterInputStream(in) {
                @Override
                public void close() {
                    // the caller owns the stream
                }
            });
        } catch (IOException e) {
            throw new AuditLogReadException("cannot read audit log " + sourceName + " (at line " + run.line()
                    + "): " + e.getMessage(), e);
        }
        return run.counts();
    }

    /** Where a document's records are: the records themselves, or Logs Query tables holding rows. */
    private enum Envelope { RECORDS, TABLES }

    /** State of one read. */
    private final class Run {
        private final String source;
        private final RecordSink sink;
        private final long[][] counts = new long[4][2];
        private ByteTap tap;
        private LineSource lines;
        private long recordLine = -1;
        private CloudProvider recordHint;

        Run(String source, RecordSink sink) {
            this.source = source;
            this.sink = sink;
        }

        void read(InputStream raw) throws IOException {
            BufferedInputStream buffered = new BufferedInputStream(raw, PEEK);
            InputStream decoded = buffered;
            if (startsWithGzipMagic(buffered)) {
                try {
                    decoded = new GZIPInputStream(buffered, PEEK);
                } catch (ZipException | EOFException e) {
                    quarantine(1, null, QuarantineKind.UNREADABLE_INPUT,
                            "gzip header is corrupt or cut off: " + e.getMessage(), "", false);
                    return;
                }
            }
            try (PeekStream in = new PeekStream(decoded, PEEK)) {
                tap = new ByteTap(in);
                if (startsDocument(in.head(), in.headLength())) {
                    readDocument();
                } else {
                    readLines();
                }
            } catch (ZipException e) {
                restUnreadable(QuarantineKind.UNREADABLE_INPUT, "gzip data is corrupt: " + e.getMessage(), line());
            } catch (EOFException e) {
                restUnreadable(QuarantineKind.TRUNCATED_INPUT,
                        "compressed input ends early (truncated .gz): " + e.getMessage(), line());
            }
        }

        long line() {
            return recordLine > 0 ? recordLine : lines != null ? Math.max(1, lines.lineNumber()) : 1;
        }

        ReadCounts counts() {
            return new ReadCounts(counts(0), counts(1), counts(2), counts(3));
        }

        private ReadCounts.Counts counts(int index) {
            long normalized = counts[index][0];
            long quarantined = counts[index][1];
            return new ReadCounts.Counts(normalized + quarantined, normalized, quarantined);
        }

        // ---- input shapes -------------------------------------------------------------------------

        private void readDocument() throws IOException {
            try (JsonParser p = Jsons.FACTORY.createParser(tap)) {
                try {
                    while (p.nextToken() != null) {
                        root(p);
                    }
                } catch (JsonProcessingException e) {
                    brokenJson(e, e.getLocation() == null ? line() : e.getLocation().getLineNr());
                }
            }
        }

        private void readLines() throws IOException {
            lines = new LineSource(tap);
            while (lines.next()) {
                try (JsonParser p = Jsons.FACTORY.createParser(lines.stream())) {
                    try {
                        while (p.nextToken() != null) {
                            root(p);
                        }
                    } catch (JsonProcessingException e) {
                        if (!tap.capturing()) {
                            tap.startCapture(lines.lineStart());
                        }
                        CloudProvider hint = recordHint;
                        long line = line();
                        ByteTap.Raw raw = tap.endCapture(lines.drain());
                        endRecord();
                        // a value cut off by the end of the file (not of a line) is a truncated file
                        boolean truncated = isEndOfInput(e) && !lines.lastLineTerminated();
                        String what = truncated ? "input ends inside a JSON value (truncated file)"
                                : isEndOfInput(e) ? "line ends inside a JSON value" : "malformed JSON";
                        QuarantineKind kind = truncated ? QuarantineKind.TRUNCATED_INPUT : QuarantineKind.MALFORMED_JSON;
                        quarantine(line, hint, kind, what + " at column " + column(e) + ": "
                                + Text.printable(e.getOriginalMessage()), redacted(raw));
                    }
                }
            }
        }

        /** A value at the top level: a record, an array of records, or an envelope object. */
        private void root(JsonParser p) throws IOException {
            JsonToken token = p.currentToken();
            if (token == JsonToken.START_ARRAY) {
                elements(p, Envelope.RECORDS, null);
            } else if (token == JsonToken.START_OBJECT) {
                rootObject(p);
            } else {
                element(p, null);
            }
        }

        // An object at the top level is an envelope when it holds a known array of records; otherwise it
        // is a record. Its fields are read one by one to tell, so an envelope is never built in memory.
        private void rootObject(JsonParser p) throws IOException {
            long start = offset(p.currentTokenLocation());
            beginRecord(line(p.currentTokenLocation()), null, start);
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            InvalidAuditRecordException violation = null;
            boolean envelope = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_ARRAY && envelopeOf(name) != null) {
                    if (!envelope) {
                        envelope = true;
                        tap.cancelCapture();
                        endRecord();
                    }
                    elements(p, envelopeOf(name), hintOf(name));
                    continue;
                }
                if (envelope || violation != null) {
                    p.skipChildren();
                    continue;
                }
                try {
                    RecordLimits.checkKey(name, "$");
                    if (fields.has(name)) {
                        throw new InvalidAuditRecordException(QuarantineKind.DUPLICATE_KEY, "key '"
                                + Text.printable(name) + "' appears twice in the record; a record must not repeat"
                                + " a key");
                    }
                } catch (InvalidAuditRecordException e) {
                    violation = e;
                    p.skipChildren();
                    continue;
                }
                TreeReader.Result result = TreeReader.read(p, 1, "$." + name, start);
                if (result.ok()) {
                    fields.set(name, result.node());
                } else {
                    violation = result.violation();
                }
            }
            if (envelope) {
                return;
            }
            ByteTap.Raw raw = tap.endCapture(offset(p.currentLocation()));
            long line = endRecord();
            if (violation != null) {
                CloudProvider cloud = RecordRouter.cloudOf(fields);
                quarantine(line, cloud, violation.kind(), violation.getMessage(), redacted(raw));
            } else {
                dispatch(fields, line, null);
            }
        }

        private void elements(JsonParser p, Envelope envelope, CloudProvider hint) throws IOException {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (envelope == Envelope.TABLES) {
                    table(p);
                } else {
                    element(p, hint);
                }
            }
        }

        /** One element of an array of records. */
        private void element(JsonParser p, CloudProvider hint) throws IOException {
            JsonToken token = p.currentToken();
            long start = offset(p.currentTokenLocation());
            beginRecord(line(p.currentTokenLocation()), hint, start);
            if (token != JsonToken.START_OBJECT) {
                if (token == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    p.finishToken();
                }
                ByteTap.Raw raw = tap.endCapture(offset(p.currentLocation()));
                quarantine(endRecord(), hint, QuarantineKind.WRONG_TYPE,
                        "a record must be a JSON object, got " + Jsons.typeName(token), redacted(raw));
                return;
            }
            TreeReader.Result result = TreeReader.read(p, 0, "$", start);
            if (!result.ok()) {
                ByteTap.Raw raw = tap.endCapture(offset(p.currentLocation()));
                quarantine(endRecord(), hint, result.violation().kind(), result.violation().getMessage(),
                        redacted(raw));
                return;
            }
            tap.cancelCapture();
            dispatch(result.node(), endRecord(), hint);
        }

        /** One table of a Logs Query response: its rows are AzureActivity records. */
        private void table(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                element(p, CloudProvider.AZURE);
                return;
            }
            List<String> columns = null;
            InvalidAuditRecordException columnsError = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equalsIgnoreCase("columns")) {
                    TreeReader.Result result =
                            TreeReader.read(p, 2, "$.tables[].columns", offset(p.currentTokenLocation()));
                    try {
                        if (!result.ok()) {
                            throw result.violation();
                        }
                        if (!result.node().isArray()) {
                            throw Node.wrongType("$.tables[].columns", "an array", result.node());
                        }
                        columns = AzureActivityNormalizer.columnNames(result.node(), "$.tables[].columns");
                    } catch (InvalidAuditRecordException e) {
                        columnsError = e;
                    }
                } else if (name.equalsIgnoreCase("rows") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        row(p, columns, columnsError);
                    }
                } else {
                    p.skipChildren();
                }
            }
        }

        private void row(JsonParser p, List<String> columns, InvalidAuditRecordException columnsError)
                throws IOException {
            long start = offset(p.currentTokenLocation());
            beginRecord(line(p.currentTokenLocation()), CloudProvider.AZURE, start);
            TreeReader.Result result = TreeReader.read(p, 0, "$", start);
            ByteTap.Raw raw = tap.endCapture(offset(p.currentLocation()));
            long line = endRecord();
            InvalidAuditRecordException problem = !result.ok() ? result.violation()
                    : columnsError != null ? columnsError
                    : columns == null ? new InvalidAuditRecordException(QuarantineKind.MISSING_FIELD,
                            "row comes before the table's columns; a Logs Query table lists columns first")
                    : null;
            if (problem == null) {
                try {
                    ObjectNode row = AzureActivityNormalizer.rowObject(columns, result.node(), "$");
                    dispatch(row, line, CloudProvider.AZURE);
                    return;
                } catch (InvalidAuditRecordException e) {
                    problem = e;
                }
            }
            quarantine(line, CloudProvider.AZURE, problem.kind(), problem.getMessage(), redacted(raw));
        }

        // ---- records ------------------------------------------------------------------------------

        private void dispatch(JsonNode record, long line, CloudProvider hint) {
            CloudProvider cloud = RecordRouter.cloudOf(record);
            if (cloud == null) {
                cloud = hint;
            }
            if (cloud == null) {
                quarantine(line, null, QuarantineKind.UNKNOWN_SHAPE, RecordRouter.unknownShape(record), rawOf(record));
                return;
            }
            AuditEvent event;
            try {
                event = normalizers.get(cloud).normalize(record);
            } catch (InvalidAuditRecordException e) {
                quarantine(line, cloud, e.kind(), e.getMessage(), rawOf(record));
                return;
            } catch (RuntimeException e) {
                quarantine(line, cloud, QuarantineKind.NORMALIZER_ERROR, "the " + cloud.id()
                        + " normalizer failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), rawOf(record));
                return;
            }
            counts[cloud.ordinal()][0]++;
            sink.event(event);
        }

        private void beginRecord(long line, CloudProvider hint, long start) {
            recordLine = line;
            recordHint = hint;
            tap.startCapture(start);
        }

        private long endRecord() {
            long line = recordLine;
            recordLine = -1;
            recordHint = null;
            return line;
        }

        // The document broke off: what was read stays read; the rest is one quarantined record.
        private void brokenJson(JsonProcessingException e, long errorLine) {
            boolean eof = isEndOfInput(e);
            long line = recordLine > 0 ? recordLine : errorLine;
            String reason = (eof ? "input ends inside a JSON value (truncated document)" : "malformed JSON")
                    + " at line " + errorLine + ", column " + column(e) + ": " + Text.printable(e.getOriginalMessage())
                    + "; records before line " + line + " were read, the rest of the input was not";
            long errorOffset = e.getLocation() == null ? tap.position() : offset(e.getLocation());
            QuarantineKind kind = eof ? QuarantineKind.TRUNCATED_INPUT : QuarantineKind.MALFORMED_JSON;
            restUnreadable(kind, reason, line, errorOffset);
        }

        private void restUnreadable(QuarantineKind kind, String reason, long line) {
            restUnreadable(kind, reason, line, tap == null ? 0 : tap.position());
        }

        // The raw text starts at the broken record, or where the error is when it is between records.
        private void restUnreadable(QuarantineKind kind, String reason, long line, long errorOffset) {
            if (tap == null) {
                quarantine(line, recordHint, kind, reason, "", false);
                return;
            }
            if (!tap.capturing()) {
                tap.startCapture(Math.min(errorOffset, tap.position()));
            }
            byte[] skip = new byte[8192];
            long read = 0;
            try {
                // read on only as far as the raw text can show, then stop
                int n;
                while (read <= QuarantinedRecord.MAX_RAW_BYTES && (n = tap.read(skip, 0, skip.length)) >= 0) {
                    read += n;
                }
            } catch (IOException ignored) {
                // the input is already broken; what was captured is what there is
            }
            ByteTap.Raw raw = tap.endCapture(tap.position());
            CloudProvider hint = recordHint;
            endRecord();
            quarantine(line, hint, kind, reason, redacted(raw));
        }

        private void quarantine(long line, CloudProvider cloud, QuarantineKind kind, String reason, ByteTap.Raw raw) {
            quarantine(line, cloud, kind, reason, raw.text(), raw.truncated());
        }

        private void quarantine(long line, CloudProvider cloud, QuarantineKind kind, String reason, String raw,
                boolean truncated) {
            counts[cloud == null ? 3 : cloud.ordinal()][1]++;
            String capped = Text.capUtf8(raw, QuarantinedRecord.MAX_RAW_BYTES);
            sink.quarantined(new QuarantinedRecord(source, Math.max(1, line), cloud, kind, reason, capped,
                    truncated || capped.length() < raw.length()));
        }

        // A parsed record is shown re-serialized from its redacted tree, so no secret reaches quarantine.
        private ByteTap.Raw rawOf(JsonNode record) {
            String text = Redactor.redactText(Jsons.compact(Redactor.redact(record)));
            String capped = Text.capUtf8(text, QuarantinedRecord.MAX_RAW_BYTES);
            return new ByteTap.Raw(capped, capped.length() < text.length());
        }

        private ByteTap.Raw redacted(ByteTap.Raw raw) {
            String text = Redactor.redactText(raw.text());
            String capped = Text.capUtf8(text, QuarantinedRecord.MAX_RAW_BYTES);
            return new ByteTap.Raw(capped, raw.truncated() || capped.length() < text.length());
        }

        private long offset(JsonLocation location) {
            long offset = location.getByteOffset();
            return (lines != null ? lines.lineStart() : 0) + Math.max(0, offset);
        }

        private long line(JsonLocation location) {
            return lines != null ? lines.lineNumber() : Math.max(1, location.getLineNr());
        }

        private long column(JsonProcessingException e) {
            return e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
        }
    }

    // Jackson reports a value cut off by the end of input either as JsonEOFException or, between object
    // entries, as a plain parse error; both name the end of input.
    private static boolean isEndOfInput(JsonProcessingException e) {
        return e instanceof JsonEOFException
                || (e.getOriginalMessage() != null && e.getOriginalMessage().contains("end-of-input"));
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b;
    }

    /**
     * True when the input is one JSON document spread over lines (a pretty-printed {@code {"Records": [}}
     * or array), false for JSON Lines. Decided from the first 64 KiB: an array is a document; an object
     * whose first line is a complete JSON value (or longer than the peek, like a one-line CloudTrail
     * object) starts JSON Lines; an object that continues past its first line starts a document.
     */
    private static boolean startsDocument(byte[] peek, int n) throws IOException {
        int i = 0;
        if (n >= 3 && (peek[0] & 0xff) == 0xEF && (peek[1] & 0xff) == 0xBB && (peek[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < n && (peek[i] == ' ' || peek[i] == '\t' || peek[i] == '\r' || peek[i] == '\n')) {
            i++;
        }
        if (i >= n) {
            return false;
        }
        if (peek[i] == '[') {
            return true;
        }
        if (peek[i] != '{') {
            return false;
        }
        int newline = i;
        while (newline < n && peek[newline] != '\n') {
            newline++;
        }
        if (newline >= n) {
            return false;
        }
        try (JsonParser p = Jsons.FACTORY.createParser(peek, i, newline - i)) {
            p.nextToken();
            p.skipChildren();
            return false;
        } catch (JsonProcessingException e) {
            return isEndOfInput(e);
        }
    }

    /**
     * Holds the first bytes of the input to decide its shape, then serves them and the rest. A data error
     * met while peeking (a cut-off .gz) is raised only after the peeked bytes were served, so the records
     * before the break are still read. Every read is at most one read of the source, so bytes already
     * decoded are never lost to an error that follows them.
     */
    private static final class PeekStream extends InputStream {
        private final InputStream in;
        private final byte[] head;
        private int headLength;
        private int served;
        private IOException pending;

        PeekStream(InputStream in, int size) throws IOException {
            this.in = in;
            this.head = new byte[size];
            try {
                int n;
                while (headLength < size && (n = in.read(head, headLength, size - headLength)) >= 0) {
                    headLength += n;
                }
            } catch (ZipException | EOFException e) {
                pending = e;
            }
        }

        byte[] head() {
            return head;
        }

        int headLength() {
            return headLength;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (served < headLength) {
                int n = Math.min(length, headLength - served);
                System.arraycopy(head, served, buffer, offset, n);
                served += n;
                return n;
            }
            if (pending != null) {
                throw pending;
            }
            return in.read(buffer, offset, length);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static Envelope envelopeOf(String key) {
        return switch (key.toLowerCase(java.util.Locale.ROOT)) {
            case "records", "events", "value", "entries" -> Envelope.RECORDS;
            case "tables" -> Envelope.TABLES;
            default -> null;
        };
    }

    // The envelope says which cloud its records are from; used when a record's own shape does not.
    private static CloudProvider hintOf(String key) {
        return switch (key) {
            case "Records", "Events" -> CloudProvider.AWS;
            case "records", "tables", "value" -> CloudProvider.AZURE;
            case "entries" -> CloudProvider.GCP;
            default -> null;
        };
    }
}
