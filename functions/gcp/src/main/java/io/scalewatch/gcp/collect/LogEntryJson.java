package io.scalewatch.gcp.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.audit.AuditLog;
import com.google.iam.v1.logging.AuditData;
import com.google.logging.v2.LogEntry;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.JsonFormat;
import io.scalewatch.core.normalize.QuarantineKind;
import java.io.IOException;
import java.time.Instant;

/**
 * Turns a {@code LogEntry} as the Logging API returns it into the JSON that {@code gcloud logging read} and
 * the console show (proto3 JSON: lowerCamelCase names, {@code protoPayload} with its {@code @type}), which
 * is what core's {@code GcpAuditLogNormalizer} reads.
 *
 * <p>The {@code protoPayload} of an audit entry is an {@code Any} holding a {@code google.cloud.audit.AuditLog};
 * inside it, {@code serviceData} is another {@code Any} (IAM's {@code google.iam.v1.logging.AuditData} carries
 * policy deltas). Both are known here. An audit entry whose {@code serviceData} is of a type unknown here
 * (BigQuery's, for one) keeps the rest of its payload: {@code serviceData} becomes
 * {@code {"@type": <type>, "scalewatch_unparsed": true}}, so rules still see that it was there. A payload of
 * another type is passed on as {@code {"@type": <type>}} for the normalizer to reject by name; a payload whose
 * bytes do not decode cannot become JSON at all.
 */
final class LogEntryJson {
    /** Types this module can print inside a LogEntry. */
    static final TypeRegistry TYPES = TypeRegistry.newBuilder()
            .add(AuditLog.getDescriptor())
            .add(AuditData.getDescriptor())
            .build();
    private static final JsonFormat.Printer PRINTER =
            JsonFormat.printer().usingTypeRegistry(TYPES).omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().usingTypeRegistry(TYPES);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String AUDIT_LOG_URL = "type.googleapis.com/" + AuditLog.getDescriptor().getFullName();

    /** An entry that cannot become JSON: why, and the rest of the entry as JSON for the quarantine. */
    static final class UnconvertibleEntryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final QuarantineKind kind;
        private final transient String rest;

        UnconvertibleEntryException(QuarantineKind kind, String message, String rest) {
            super(message, null, false, false);
            this.kind = kind;
            this.rest = rest;
        }

        QuarantineKind kind() {
            return kind;
        }

        /** The entry without its payload, as JSON ("" when even that failed). */
        String rest() {
            return rest;
        }
    }

    private LogEntryJson() {}

    /**
     * The entry as a JSON tree.
     *
     * @throws UnconvertibleEntryException when its payload does not decode
     */
    static JsonNode toJson(LogEntry entry) {
        try {
            return tree(PRINTER.print(entry));
        } catch (InvalidProtocolBufferException e) {
            return fallback(entry, e);
        }
    }

    /** Parses proto3 JSON of a LogEntry (tests and fixtures build entries from exported JSON with it). */
    static LogEntry parse(String json) throws InvalidProtocolBufferException {
        LogEntry.Builder builder = LogEntry.newBuilder();
        PARSER.merge(json, builder);
        return builder.build();
    }

    /** The entry's timestamp, or null when it has none. */
    static Instant timestamp(LogEntry entry) {
        if (!entry.hasTimestamp()) {
            return null;
        }
        return Instant.ofEpochSecond(entry.getTimestamp().getSeconds(), entry.getTimestamp().getNanos());
    }

    // serviceData is deprecated in the AuditLog proto, but services (IAM, BigQuery) still write it.
    @SuppressWarnings("deprecation")
    private static JsonNode fallback(LogEntry entry, InvalidProtocolBufferException cause) {
        String rest = restOf(entry);
        if (!entry.hasProtoPayload()) {
            // Nothing but the payload holds an Any; anything else failing is not expected from the API.
            throw new UnconvertibleEntryException(QuarantineKind.UNREADABLE_INPUT,
                    "the LogEntry cannot be printed as JSON: " + LogFilter.shown(cause.getMessage()), rest);
        }
        Any payload = entry.getProtoPayload();
        String type = payload.getTypeUrl();
        if (!type.equals(AUDIT_LOG_URL)) {
            ObjectNode tree = rest.isEmpty() ? MAPPER.createObjectNode() : (ObjectNode) tree(rest);
            tree.putObject("protoPayload").put("@type", type);
            return tree;
        }
        AuditLog audit;
        try {
            audit = payload.unpack(AuditLog.class);
        } catch (InvalidProtocolBufferException e) {
            throw new UnconvertibleEntryException(QuarantineKind.UNREADABLE_INPUT, "protoPayload (" + AUDIT_LOG_URL
                    + ", " + payload.getValue().size() + " bytes) does not decode as an AuditLog", rest);
        }
        if (!audit.hasServiceData()) {
            throw new UnconvertibleEntryException(QuarantineKind.UNREADABLE_INPUT,
                    "the AuditLog cannot be printed as JSON: " + LogFilter.shown(cause.getMessage()), rest);
        }
        String serviceDataType = audit.getServiceData().getTypeUrl();
        LogEntry trimmed = entry.toBuilder()
                .setProtoPayload(Any.pack(audit.toBuilder().clearServiceData().build()))
                .build();
        JsonNode tree;
        try {
            tree = tree(PRINTER.print(trimmed));
        } catch (InvalidProtocolBufferException e) {
            throw new UnconvertibleEntryException(QuarantineKind.UNREADABLE_INPUT,
                    "the AuditLog cannot be printed as JSON: " + LogFilter.shown(e.getMessage()), rest);
        }
        ((ObjectNode) tree.get("protoPayload")).putObject("serviceData")
                .put("@type", serviceDataType)
                .put("scalewatch_unparsed", true);
        return tree;
    }

    private static String restOf(LogEntry entry) {
        try {
            return PRINTER.print(entry.toBuilder().clearProtoPayload().build());
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            // The printer writes valid JSON; failing here is a bug, reported as such by the caller.
            throw new IllegalStateException("printed LogEntry JSON does not parse: " + e.getClass().getSimpleName(), e);
        }
    }
}
