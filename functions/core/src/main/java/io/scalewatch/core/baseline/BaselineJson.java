package io.scalewatch.core.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON forms of a baseline, mapped field by field. Stored (S3 object, CLI file):
 * {@code {"format": 1, "started_ms", "updated_ms", "runs", "seen": {dimension: {value: {first_ms, last_ms,
 * count}}}}}; policy input ({@code input.baseline}): the same without {@code format}. Reading is strict: an
 * unknown or ill-typed field fails with a {@link BaselineFormatException} that names it, because a baseline read
 * wrongly would make every value look new (or none).
 */
public final class BaselineJson {
    /** The stored format this code reads and writes. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<String> TOP = Set.of("format", "started_ms", "updated_ms", "runs", "seen");
    private static final Set<String> OBSERVATION = Set.of("first_ms", "last_ms", "count");

    private BaselineJson() {}

    /** The stored form, UTF-8, indented, keys sorted (same baseline, same bytes). */
    public static byte[] write(IdentityBaseline baseline) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.setAll(toPolicyInput(baseline));
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a baseline always serializes", e);
        }
    }

    /** The policy-input form ({@code input.baseline}). */
    public static ObjectNode toPolicyInput(IdentityBaseline baseline) {
        ObjectNode node = JSON.createObjectNode();
        node.put("started_ms", baseline.startedMs());
        node.put("updated_ms", baseline.updatedMs());
        node.put("runs", baseline.runs());
        ObjectNode seen = node.putObject("seen");
        baseline.seen().forEach((dimension, values) -> {
            ObjectNode byValue = seen.putObject(dimension);
            values.forEach((value, o) -> byValue.putObject(value).put("first_ms", o.firstMs())
                    .put("last_ms", o.lastMs()).put("count", o.count()));
        });
        return node;
    }

    /**
     * Reads a stored baseline.
     *
     * @throws BaselineFormatException naming the field that is missing, unknown or of the wrong type
     */
    public static IdentityBaseline read(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new BaselineFormatException("baseline is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new BaselineFormatException("baseline must be a JSON object, got "
                    + (node == null ? "nothing" : type(node)));
        }
        unknown(node, TOP, "");
        JsonNode format = node.get("format");
        if (format == null || !format.isIntegralNumber() || format.asLong() != FORMAT) {
            throw new BaselineFormatException("baseline field 'format' must be " + FORMAT + ", got "
                    + (format == null ? "nothing" : format.toString()));
        }
        long runs = number(node, "runs", "runs");
        long started = number(node, "started_ms", "started_ms");
        long updated = number(node, "updated_ms", "updated_ms");
        JsonNode seen = node.get("seen");
        if (seen == null || !seen.isObject()) {
            throw new BaselineFormatException("baseline field 'seen' must be an object, got "
                    + (seen == null ? "nothing" : type(seen)));
        }
        Map<String, Map<String, Observation>> dimensions = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = seen.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> dimension = it.next();
            String path = "seen." + dimension.getKey();
            if (!dimension.getValue().isObject()) {
                throw new BaselineFormatException("baseline field '" + path + "' must be an object, got "
                        + type(dimension.getValue()));
            }
            Map<String, Observation> values = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> v = dimension.getValue().fields(); v.hasNext(); ) {
                Map.Entry<String, JsonNode> value = v.next();
                values.put(value.getKey(), observation(value.getValue(), path + "." + value.getKey()));
            }
            dimensions.put(dimension.getKey(), values);
        }
        try {
            return new IdentityBaseline(started, updated, runs, dimensions);
        } catch (IllegalArgumentException e) {
            throw new BaselineFormatException("baseline is inconsistent: " + e.getMessage(), e);
        }
    }

    /** Reads a stored baseline from text. */
    public static IdentityBaseline read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Observation observation(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new BaselineFormatException("baseline field '" + path + "' must be an object {first_ms, last_ms,"
                    + " count}, got " + type(node));
        }
        unknown(node, OBSERVATION, path + ".");
        try {
            return new Observation(number(node, "first_ms", path + ".first_ms"),
                    number(node, "last_ms", path + ".last_ms"), number(node, "count", path + ".count"));
        } catch (IllegalArgumentException e) {
            throw new BaselineFormatException("baseline field '" + path + "' is inconsistent: " + e.getMessage(), e);
        }
    }

    private static long number(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new BaselineFormatException("baseline field '" + path + "' must be a whole number >= 0, got "
                    + (value == null ? "nothing" : value.toString()));
        }
        return value.asLong();
    }

    private static void unknown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new BaselineFormatException("baseline field '" + prefix + name + "' is unknown; known here: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static String type(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
