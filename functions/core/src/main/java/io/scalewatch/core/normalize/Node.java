package io.scalewatch.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;

/**
 * A read-only view of one JSON object of a record, with its path for messages. Field lookup is exact
 * first, then case-insensitive, because exports lowercase keys (Athena / Panther tables write
 * {@code eventtime}, {@code insertid}, {@code protopayload}) and some writers vary the case of nested keys
 * ({@code callerIP} / {@code callerIp}). JSON {@code null} reads as absent. Typed getters throw
 * {@link InvalidAuditRecordException} ({@code WRONG_TYPE}) naming the field and the type found.
 */
final class Node {
    private final JsonNode node;
    private final String path;
    private final int depth;

    private Node(JsonNode node, String path, int depth) {
        this.node = node;
        this.path = path;
        this.depth = depth;
    }

    /** The record itself, which must be an object. */
    static Node root(JsonNode record) {
        if (record == null || !record.isObject()) {
            throw new InvalidAuditRecordException(QuarantineKind.WRONG_TYPE,
                    "a record must be a JSON object, got " + Jsons.typeName(record));
        }
        return new Node(record, "$", 1);
    }

    /** A view of {@code value} at {@code path}, nested {@code depth} levels deep; it must be an object. */
    static Node of(JsonNode value, String path, int depth) {
        if (!value.isObject()) {
            throw wrongType(path, "an object", value);
        }
        return new Node(value, path, depth);
    }

    /** The underlying JSON ({@code MissingNode} for an absent object). */
    JsonNode json() {
        return node;
    }

    String path() {
        return path;
    }

    /** Levels of objects/arrays from the record down to this object (the record is 1). */
    int depth() {
        return depth;
    }

    /** True when the object exists. */
    boolean present() {
        return node.isObject();
    }

    String pathOf(String name) {
        return path + "." + name;
    }

    /** A field's value; {@code null} when absent or JSON null. */
    JsonNode get(String name) {
        if (!node.isObject()) {
            return null;
        }
        JsonNode value = node.get(name);
        if (value == null) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String candidate = names.next();
                if (candidate.equalsIgnoreCase(name)) {
                    value = node.get(candidate);
                    break;
                }
            }
        }
        return value == null || value.isNull() ? null : value;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    /** A nested object; an absent view when the field is absent, {@code WRONG_TYPE} when it is not an object. */
    Node object(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return new Node(MissingNode.getInstance(), pathOf(name), depth + 1);
        }
        return of(value, pathOf(name), depth + 1);
    }

    /** A nested object that may also be given as a JSON string (Azure table columns, Logs Query). */
    Node objectOrJsonString(String name) {
        JsonNode value = get(name);
        if (value != null && value.isTextual()) {
            if (value.textValue().isBlank()) {
                return new Node(MissingNode.getInstance(), pathOf(name), depth + 1);
            }
            return of(Jsons.parseEmbedded(value.textValue(), depth, pathOf(name)), pathOf(name), depth + 1);
        }
        return object(name);
    }

    /**
     * An optional nested object that only adds context: when the field holds anything else, the record is
     * still used, the field is dropped, and {@code issue} says so.
     */
    Node objectOrDrop(String name, IssueList issues, String issue) {
        JsonNode value = objectValueOrDrop(name, issues, issue);
        return new Node(value == null ? MissingNode.getInstance() : value, pathOf(name), depth + 1);
    }

    /**
     * Like {@link #objectOrJsonString}, for an optional context object: text that is not JSON, or JSON that
     * is not an object, is dropped with {@code issue}. Embedded JSON that breaks a record limit still
     * rejects the record.
     */
    Node objectOrJsonStringOrDrop(String name, IssueList issues, String issue) {
        JsonNode value = get(name);
        if (value == null || !value.isTextual()) {
            return objectOrDrop(name, issues, issue);
        }
        Node absent = new Node(MissingNode.getInstance(), pathOf(name), depth + 1);
        if (value.textValue().isBlank()) {
            return absent;
        }
        JsonNode parsed;
        try {
            parsed = Jsons.parseEmbedded(value.textValue(), depth, pathOf(name));
        } catch (InvalidAuditRecordException e) {
            if (e.kind() != QuarantineKind.MALFORMED_JSON) {
                throw e;
            }
            issues.add(issue);
            return absent;
        }
        if (!parsed.isObject()) {
            issues.add(issue);
            return absent;
        }
        return new Node(parsed, pathOf(name), depth + 1);
    }

    /** An optional context value that must be an object; {@code null} when absent or dropped with {@code issue}. */
    JsonNode objectValueOrDrop(String name, IssueList issues, String issue) {
        JsonNode value = get(name);
        if (value != null && !value.isObject()) {
            issues.add(issue);
            return null;
        }
        return value;
    }

    /** An optional context string; {@code ""} when absent, or dropped with {@code issue} when not a string. */
    String textOrDrop(String name, IssueList issues, String issue) {
        JsonNode value = get(name);
        if (value == null) {
            return "";
        }
        if (!value.isTextual()) {
            issues.add(issue);
            return "";
        }
        return value.textValue();
    }

    /** A nested array, or {@code null} when absent. */
    JsonNode array(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(pathOf(name), "an array", value);
        }
        return value;
    }

    /** A string field, {@code ""} when absent. */
    String text(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return "";
        }
        if (!value.isTextual()) {
            throw wrongType(pathOf(name), "a string", value);
        }
        return value.textValue();
    }

    /** A string, number or boolean field as text, {@code ""} when absent. */
    String scalar(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return "";
        }
        if (!value.isValueNode()) {
            throw wrongType(pathOf(name), "a string or number", value);
        }
        return value.asText();
    }

    /** A string, or an object whose {@code value} is a string (Azure REST {@code {value, localizedValue}}). */
    String value(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return "";
        }
        if (value.isObject()) {
            return object(name).text("value");
        }
        if (!value.isTextual()) {
            throw wrongType(pathOf(name), "a string or {\"value\": string}", value);
        }
        return value.textValue();
    }

    /** A required string field. */
    String requireText(String name) {
        String value = text(name);
        if (value.isEmpty()) {
            throw missing(pathOf(name));
        }
        return value;
    }

    /** A boolean, also given as the string {@code true}/{@code false} (Athena exports). */
    Optional<Boolean> bool(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        String text = value.isTextual() ? value.textValue() : "";
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.parseBoolean(text));
        }
        throw wrongType(pathOf(name), "a boolean", value);
    }

    /**
     * The first of {@code names} that is present, parsed as a timestamp.
     *
     * @throws InvalidAuditRecordException {@code WRONG_TYPE} for a non-string, {@code INVALID_VALUE} for an
     *     unparseable one
     */
    Optional<Instant> time(String... names) {
        for (String name : names) {
            JsonNode value = get(name);
            if (value == null) {
                continue;
            }
            if (!value.isTextual()) {
                throw wrongType(pathOf(name), "a timestamp string", value);
            }
            if (value.textValue().isBlank()) {
                continue;
            }
            return Optional.of(Timestamps.parse(value.textValue(), pathOf(name)));
        }
        return Optional.empty();
    }

    /**
     * The timestamp in {@code name}, recording {@code issue} when it is used: for fallbacks to a field that
     * is not the log's own event time.
     */
    Optional<Instant> time(String name, IssueList issues, String issue) {
        Optional<Instant> time = time(name);
        time.ifPresent(t -> issues.add(issue));
        return time;
    }

    static InvalidAuditRecordException wrongType(String path, String expected, JsonNode found) {
        String shown = found != null && found.isValueNode() ? " " + Text.printable(found.asText()) : "";
        return new InvalidAuditRecordException(QuarantineKind.WRONG_TYPE,
                Text.path(path) + " must be " + expected + ", got " + Jsons.typeName(found) + shown);
    }

    static InvalidAuditRecordException missing(String path) {
        return new InvalidAuditRecordException(QuarantineKind.MISSING_FIELD, Text.path(path) + " is missing");
    }
}
