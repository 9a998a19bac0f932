package io.scalewatch.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/** Terse construction of JSON trees in the key order the real logs use (insertion order is kept). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** An object from key/value pairs; a null value is written as JSON null. */
    static ObjectNode obj(Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("obj needs key/value pairs, got " + pairs.length + " arguments");
        }
        ObjectNode node = NODES.objectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], value(pairs[i + 1]));
        }
        return node;
    }

    static ArrayNode arr(Object... values) {
        ArrayNode node = NODES.arrayNode();
        for (Object value : values) {
            node.add(value(value));
        }
        return node;
    }

    static ArrayNode arrOf(Collection<?> values) {
        return arr(values.toArray());
    }

    /** CloudTrail's list wrapper: {@code {"items": [...]}}. */
    static ObjectNode items(Object... values) {
        return obj("items", arr(values));
    }

    static ObjectNode itemsOf(Collection<?> values) {
        return obj("items", arrOf(values));
    }

    /** The compact JSON text of a node (Azure request bodies and kube-audit logs are JSON strings). */
    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a generated JSON tree", e);
        }
    }

    static JsonNode value(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Collection<?> list) {
            return arrOf(list);
        }
        throw new IllegalArgumentException("unsupported JSON value type " + value.getClass().getName());
    }
}
