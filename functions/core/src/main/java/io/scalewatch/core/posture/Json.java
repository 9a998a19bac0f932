package io.scalewatch.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Small JsonNode accessors shared by the posture readers; every type error names the document. */
final class Json {
    private Json() {}

    /** The field as text, or "" when absent or null; numbers and booleans as their text. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    /** True when the field is a non-blank string. */
    static boolean hasText(JsonNode node, String field) {
        return node.path(field).isTextual() && !node.path(field).asText().isBlank();
    }

    /**
     * A string-or-array-of-strings field (IAM writes {@code "Action": "s3:Get*"} and
     * {@code "Action": ["s3:Get*"]} alike); empty when absent or null.
     */
    static List<String> strings(JsonNode node, String field, String source, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        if (value.isArray()) {
            List<String> out = new ArrayList<>(value.size());
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new PostureFileException(source, where + ": " + field
                            + " must hold strings, found " + item.getNodeType());
                }
                out.add(item.asText());
            }
            return out;
        }
        throw new PostureFileException(source, where + ": " + field + " must be a string or an array of strings, found "
                + value.getNodeType());
    }

    /** The field as an array's elements (empty when absent or null); anything else is an error. */
    static List<JsonNode> array(JsonNode node, String field, String source, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new PostureFileException(source, where + ": " + field + " must be an array, found "
                    + value.getNodeType());
        }
        List<JsonNode> out = new ArrayList<>(value.size());
        value.forEach(out::add);
        return out;
    }

    /** The field as an object, or a missing node; anything else is an error. */
    static JsonNode object(JsonNode node, String field, String source, String where) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || value.isObject()) {
            return value;
        }
        throw new PostureFileException(source, where + ": " + field + " must be an object, found "
                + value.getNodeType());
    }

    /**
     * The entries of a list document: a top-level array, or the {@code value} array of an ARM / Microsoft
     * Graph list response; a single object is a list of one.
     */
    static List<JsonNode> items(JsonNode root) {
        JsonNode list = root.isObject() && root.path("value").isArray() ? root.get("value") : root;
        List<JsonNode> out = new ArrayList<>();
        if (list.isArray()) {
            list.forEach(out::add);
        } else {
            out.add(list);
        }
        return out;
    }

    /** An ISO-8601 date-time field with offset ({@code 2024-05-01T09:30:00Z}); null when absent or empty. */
    static Instant instant(JsonNode node, String field, String source) {
        String text = text(node, field);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new PostureFileException(source, field + " '" + text + "' is not an ISO-8601 date-time with offset",
                    e);
        }
    }
}
