package io.scalewatch.core.normalize;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds one JSON value from a streaming parser under {@link RecordLimits}, without recursion. On the
 * first violation it stops building and skips the rest of the value (strings it skips are never decoded),
 * so the parser is left after the value and the next record can be read.
 */
final class TreeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The value, or the first limit it broke. */
    record Result(JsonNode node, InvalidAuditRecordException violation) {
        boolean ok() {
            return violation == null;
        }
    }

    private TreeReader() {}

    /**
     * Reads the value that starts at the parser's current token; on return the current token is the
     * value's last token.
     *
     * @param baseDepth objects/arrays already open around the value (0 for a record)
     * @param path the value's path, for messages
     * @param startOffset input offset where the record started, for the record size limit
     */
    static Result read(JsonParser p, int baseDepth, String path, long startOffset) throws IOException {
        JsonToken token = p.currentToken();
        if (token.isScalarValue()) {
            if (token == JsonToken.VALUE_STRING && p.getTextLength() > RecordLimits.MAX_FIELD_CHARS) {
                return new Result(null, RecordLimits.tooLarge(p.getTextLength(), path));
            }
            return new Result(scalar(p, token), null);
        }
        if (baseDepth + 1 > RecordLimits.MAX_DEPTH) {
            p.skipChildren();
            return new Result(null, RecordLimits.tooDeep(path));
        }
        ContainerNode<?> root = token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
        Deque<ContainerNode<?>> open = new ArrayDeque<>();
        Deque<String> paths = new ArrayDeque<>();
        open.push(root);
        paths.push(path);
        String name = null;
        InvalidAuditRecordException violation = null;
        while (!open.isEmpty()) {
            token = p.nextToken();
            if (violation == null && offset(p) - startOffset > RecordLimits.MAX_RECORD_BYTES) {
                violation = new InvalidAuditRecordException(QuarantineKind.RECORD_TOO_LARGE,
                        "record is larger than " + RecordLimits.MAX_RECORD_BYTES + " bytes (16 MiB)");
            }
            if (violation != null) {
                // draining: skip whole sub-values, close the containers still open
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    open.pop();
                    paths.pop();
                }
                continue;
            }
            ContainerNode<?> parent = open.peek();
            switch (token) {
                case FIELD_NAME -> {
                    name = p.currentName();
                    try {
                        RecordLimits.checkKey(name, paths.peek());
                    } catch (InvalidAuditRecordException e) {
                        violation = e;
                        break;
                    }
                    if (((ObjectNode) parent).has(name)) {
                        violation = new InvalidAuditRecordException(QuarantineKind.DUPLICATE_KEY, "key '"
                                + Text.printable(name) + "' appears twice in " + Text.path(paths.peek())
                                + "; a record must not repeat a key");
                    }
                }
                case START_OBJECT, START_ARRAY -> {
                    String childPath = childPath(parent, paths.peek(), name);
                    if (baseDepth + open.size() + 1 > RecordLimits.MAX_DEPTH) {
                        violation = RecordLimits.tooDeep(childPath);
                        p.skipChildren();
                        break;
                    }
                    ContainerNode<?> child = token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
                    attach(parent, name, child);
                    open.push(child);
                    paths.push(childPath);
                }
                case END_OBJECT, END_ARRAY -> {
                    open.pop();
                    paths.pop();
                }
                default -> {
                    if (token == JsonToken.VALUE_STRING && p.getTextLength() > RecordLimits.MAX_FIELD_CHARS) {
                        violation = RecordLimits.tooLarge(p.getTextLength(), childPath(parent, paths.peek(), name));
                        break;
                    }
                    attach(parent, name, scalar(p, token));
                }
            }
        }
        return violation == null ? new Result(root, null) : new Result(null, violation);
    }

    /** Input offset of the parser: bytes for byte input, characters for string input. */
    static long offset(JsonParser p) {
        JsonLocation location = p.currentLocation();
        long bytes = location.getByteOffset();
        return bytes >= 0 ? bytes : location.getCharOffset();
    }

    private static String childPath(ContainerNode<?> parent, String parentPath, String name) {
        return parent.isObject() ? parentPath + "." + name : parentPath + "[" + parent.size() + "]";
    }

    private static void attach(ContainerNode<?> parent, String name, JsonNode child) {
        if (parent.isObject()) {
            ((ObjectNode) parent).set(name, child);
        } else {
            ((ArrayNode) parent).add(child);
        }
    }

    private static JsonNode scalar(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> {
                double value = p.getDoubleValue();
                // 1e999 is valid JSON but not a finite double; keep it exact so it serializes as JSON again
                yield Double.isFinite(value) ? NODES.numberNode(value) : NODES.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IllegalStateException("not a scalar token: " + token);
        };
    }
}
