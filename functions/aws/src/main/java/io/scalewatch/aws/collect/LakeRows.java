package io.scalewatch.aws.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.normalize.InvalidAuditRecordException;
import io.scalewatch.core.normalize.QuarantineKind;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a CloudTrail Lake result row (the columns of {@link LakeQuery}) back into a CloudTrail record that
 * {@code CloudTrailNormalizer} reads.
 *
 * <p>Lake stores {@code requestParameters} and {@code responseElements} as {@code map<string,string>}: a
 * nested object or list becomes the JSON text of its value. Values that are JSON objects or arrays are parsed
 * back, so rules see the same {@code api.request} shape as from LookupEvents or S3; numbers and booleans stay
 * strings, as Lake holds them.
 */
final class LakeRows {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter LAKE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendLiteral('Z').optionalEnd()
            .toFormatter();

    private LakeRows() {}

    /** One row's cells as column name to value; a column given twice keeps its first value. */
    static Map<String, String> cells(List<Map<String, String>> row) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (Map<String, String> cell : row) {
            if (cell != null) {
                cell.forEach(cells::putIfAbsent);
            }
        }
        return cells;
    }

    /** Lake's timestamp text ({@code 2026-11-24 00:00:01.000}, or ISO-8601) as an instant, UTC. */
    static Optional<Instant> time(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text.trim(), LAKE_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The CloudTrail record of a row.
     *
     * @throws InvalidAuditRecordException when a JSON column does not hold JSON of the expected type
     */
    static ObjectNode record(Map<String, String> cells) {
        ObjectNode record = NODES.objectNode();
        text(record, "eventID", cells.get("eventID"));
        String eventTime = cells.get("eventTime");
        // an unreadable time is kept as it came, so the normalizer names it in the quarantine reason
        text(record, "eventTime", time(eventTime).map(Instant::toString).orElse(eventTime));
        for (String name : List.of("eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent",
                "errorCode", "errorMessage", "recipientAccountId")) {
            text(record, name, cells.get(name));
        }
        String readOnly = cells.get("readOnly");
        if ("true".equalsIgnoreCase(readOnly) || "false".equalsIgnoreCase(readOnly)) {
            record.put("readOnly", Boolean.parseBoolean(readOnly.toLowerCase(Locale.ROOT)));
        }
        ObjectNode identity = NODES.objectNode();
        text(identity, "type", cells.get("userIdentityType"));
        text(identity, "principalId", cells.get("userIdentityPrincipalId"));
        text(identity, "arn", cells.get("userIdentityArn"));
        text(identity, "accountId", cells.get("userIdentityAccountId"));
        text(identity, "accessKeyId", cells.get("userIdentityAccessKeyId"));
        text(identity, "invokedBy", cells.get("userIdentityInvokedBy"));
        ObjectNode sessionContext = NODES.objectNode();
        String issuer = cells.get("sessionIssuerArn");
        if (present(issuer)) {
            sessionContext.set("sessionIssuer", NODES.objectNode().put("arn", issuer));
        }
        text(sessionContext, "sourceIdentity", cells.get("sourceIdentity"));
        if (!sessionContext.isEmpty()) {
            identity.set("sessionContext", sessionContext);
        }
        if (!identity.isEmpty()) {
            record.set("userIdentity", identity);
        }
        map(record, "requestParameters", cells.get("requestParametersJson"));
        map(record, "responseElements", cells.get("responseElementsJson"));
        resources(record, cells.get("resourceArnsJson"), cells.get("resourceTypesJson"));
        return record;
    }

    private static void map(ObjectNode record, String name, String json) {
        JsonNode value = parse(json, name);
        if (value == null) {
            return;
        }
        if (!value.isObject()) {
            throw new InvalidAuditRecordException(QuarantineKind.WRONG_TYPE, "Lake column " + name
                    + " must be a JSON object (a map), got " + value.getNodeType());
        }
        ObjectNode expanded = NODES.objectNode();
        value.properties().forEach(field -> expanded.set(field.getKey(), expand(field.getValue())));
        record.set(name, expanded);
    }

    // A map value that is the JSON text of an object or array becomes that object or array again.
    private static JsonNode expand(JsonNode value) {
        if (!value.isTextual()) {
            return value;
        }
        String text = value.textValue().trim();
        if (!(text.startsWith("{") && text.endsWith("}") || text.startsWith("[") && text.endsWith("]"))) {
            return value;
        }
        try {
            JsonNode parsed = MAPPER.readTree(text);
            return parsed == null ? value : parsed;
        } catch (JsonProcessingException e) {
            return value;
        }
    }

    private static void resources(ObjectNode record, String arnsJson, String typesJson) {
        JsonNode arns = parse(arnsJson, "resources (ARNs)");
        if (arns == null) {
            return;
        }
        JsonNode types = parse(typesJson, "resources (types)");
        if (!arns.isArray() || types != null && !types.isArray()) {
            throw new InvalidAuditRecordException(QuarantineKind.WRONG_TYPE,
                    "Lake columns of resources must be JSON arrays of strings");
        }
        ArrayNode resources = NODES.arrayNode();
        for (int i = 0; i < arns.size(); i++) {
            ObjectNode resource = NODES.objectNode();
            resource.set("ARN", arns.get(i));
            JsonNode type = types == null ? null : types.get(i);
            if (type != null && !type.isNull()) {
                resource.set("type", type);
            }
            resources.add(resource);
        }
        record.set("resources", resources);
    }

    private static JsonNode parse(String json, String column) {
        if (!present(json) || json.trim().equals("null")) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidAuditRecordException(QuarantineKind.MALFORMED_JSON, "Lake column " + column
                    + " is not valid JSON at column " + (e.getLocation() == null ? 0 : e.getLocation().getColumnNr()));
        }
    }

    private static void text(ObjectNode node, String name, String value) {
        if (present(value)) {
            node.put(name, value);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    /** The row as JSON text, for the quarantine. */
    static String text(Map<String, String> cells) {
        ObjectNode row = NODES.objectNode();
        cells.forEach(row::put);
        return row.toString();
    }
}
