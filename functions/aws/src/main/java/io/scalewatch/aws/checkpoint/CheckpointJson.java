package io.scalewatch.aws.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.checkpoint.Checkpoint;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.event.CloudProvider;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The JSON form of a checkpoint object: {@code format}, {@code cloud}, {@code account}, {@code region},
 * {@code identity}, {@code covered_until}, {@code run_id}, {@code written_at}. Mapped field by field.
 */
final class CheckpointJson {
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointJson() {}

    static byte[] write(Checkpoint checkpoint) {
        ObjectNode node = JSON.createObjectNode();
        node.put("format", FORMAT);
        node.put("cloud", checkpoint.key().cloud().id());
        node.put("account", checkpoint.key().account());
        node.put("region", checkpoint.key().region());
        node.put("identity", checkpoint.key().identity());
        node.put("covered_until", checkpoint.coveredUntil().toString());
        node.put("run_id", checkpoint.runId());
        node.put("written_at", checkpoint.writtenAt().toString());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a checkpoint always serializes", e);
        }
    }

    /**
     * Reads a stored checkpoint.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    static Checkpoint read(byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("checkpoint is not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("checkpoint must be a JSON object");
        }
        int format = node.path("format").asInt(-1);
        if (format != FORMAT) {
            throw new IllegalArgumentException("checkpoint format must be " + FORMAT + ", got " + node.path("format"));
        }
        CheckpointKey key = new CheckpointKey(CloudProvider.fromId(text(node, "cloud")), text(node, "account"),
                text(node, "region"), text(node, "identity"));
        return new Checkpoint(key, instant(node, "covered_until"), text(node, "run_id"), instant(node, "written_at"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("checkpoint field '" + field + "' must be a non-empty string, got "
                    + (value.isMissingNode() ? "nothing" : value.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("checkpoint field '" + field + "' must be an ISO-8601 instant such as "
                    + "2026-11-25T12:00:00Z, got '" + text + "'", e);
        }
    }
}
