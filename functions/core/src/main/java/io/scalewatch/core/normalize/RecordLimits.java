package io.scalewatch.core.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Limits a record must keep to be normalized, and the check of an already parsed record against them.
 * The reader enforces the same limits while it parses (so a hostile record is never built in memory);
 * the normalizers check again because cloud collectors hand them trees parsed elsewhere.
 */
final class RecordLimits {
    /** Deepest nesting of objects / arrays in a record (the record object itself is level 1). */
    static final int MAX_DEPTH = 64;
    /** Longest string value or key, in characters: 1 MiB. */
    static final int MAX_FIELD_CHARS = 1024 * 1024;
    /** Largest record, in bytes of input: 16 MiB (real CloudTrail / Azure / GCP records are far smaller). */
    static final long MAX_RECORD_BYTES = 16L * 1024 * 1024;

    private RecordLimits() {}

    /**
     * Checks depth, field sizes and keys of a parsed record without recursion.
     *
     * @throws InvalidAuditRecordException naming the first violation and where it is
     */
    static void check(JsonNode record) {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(record, "$", 1));
        while (!stack.isEmpty()) {
            Frame frame = stack.pop();
            JsonNode node = frame.node;
            if (node.isTextual()) {
                checkString(node.textValue(), frame.path);
                continue;
            }
            if (!node.isContainerNode()) {
                continue;
            }
            if (frame.depth > MAX_DEPTH) {
                throw tooDeep(frame.path);
            }
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    checkKey(field.getKey(), frame.path);
                    stack.push(new Frame(field.getValue(), frame.path + "." + field.getKey(), frame.depth + 1));
                }
            } else {
                for (int i = 0; i < node.size(); i++) {
                    stack.push(new Frame(node.get(i), frame.path + "[" + i + "]", frame.depth + 1));
                }
            }
        }
    }

    static InvalidAuditRecordException tooDeep(String path) {
        return new InvalidAuditRecordException(QuarantineKind.TOO_DEEP,
                "record nests deeper than " + MAX_DEPTH + " levels of objects/arrays at " + Text.path(path));
    }

    static void checkString(String value, String path) {
        if (value.length() > MAX_FIELD_CHARS) {
            throw tooLarge(value.length(), path);
        }
    }

    static InvalidAuditRecordException tooLarge(long chars, String path) {
        return new InvalidAuditRecordException(QuarantineKind.FIELD_TOO_LARGE, "field " + Text.path(path)
                + " is " + chars + " characters long; the limit is " + MAX_FIELD_CHARS + " (1 MiB)");
    }

    /** Rejects keys with control characters (C0, DEL, C1) or over the field limit. */
    static void checkKey(String key, String parentPath) {
        if (key.length() > MAX_FIELD_CHARS) {
            throw tooLarge(key.length(), parentPath + ".<key>");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (isControl(c)) {
                throw new InvalidAuditRecordException(QuarantineKind.CONTROL_CHARACTER_IN_KEY,
                        "key '" + Text.printable(key) + "' in " + Text.path(parentPath) + " contains control character "
                                + String.format("U+%04X", (int) c) + "; keys must be printable");
            }
        }
    }

    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    private record Frame(JsonNode node, String path, int depth) {}
}
