package io.scalewatch.azure.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.azure.monitor.query.models.LogsColumnType;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.LogsTableRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Turns a Logs Query row into the JSON object {@code AzureActivityNormalizer} reads for AzureActivity rows: column
 * name to value, typed by the column's type. {@code dynamic} columns, which the service sends as JSON text, are
 * parsed into JSON when they hold an object or array (within the depth and size limits below); text that does not
 * parse is kept as text, and the normalizer then quarantines or drops it with its own reason.
 */
final class LogsRows {
    /** Column of the row's time in AzureActivity. */
    static final String TIME_COLUMN = "TimeGenerated";
    /** Column of the Activity Log's event id. */
    static final String ID_COLUMN = "EventDataId";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper DYNAMIC = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(8 * 1024 * 1024).build())
            // a repeated key fails the parse, so the normalizer sees the text and quarantines it as duplicate_key
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private LogsRows() {}

    /** The row as an object keyed by column name. */
    static ObjectNode toObject(LogsTableRow row) {
        ObjectNode object = NODES.objectNode();
        for (LogsTableCell cell : row.getRow()) {
            object.set(cell.getColumnName(), value(cell));
        }
        return object;
    }

    private static JsonNode value(LogsTableCell cell) {
        String text = cell.getValueAsString();
        if (text == null) {
            return NODES.nullNode();
        }
        LogsColumnType type = cell.getColumnType();
        if (LogsColumnType.DYNAMIC.equals(type)) {
            return dynamic(text);
        }
        if (LogsColumnType.BOOL.equals(type)) {
            return switch (text) {
                case "true", "True", "1" -> NODES.booleanNode(true);
                case "false", "False", "0" -> NODES.booleanNode(false);
                default -> NODES.textNode(text);
            };
        }
        if (LogsColumnType.INT.equals(type) || LogsColumnType.LONG.equals(type)) {
            return text.matches("-?\\d{1,18}") ? NODES.numberNode(Long.parseLong(text)) : NODES.textNode(text);
        }
        if (LogsColumnType.REAL.equals(type) || LogsColumnType.DECIMAL.equals(type)) {
            try {
                return NODES.numberNode(new BigDecimal(text));
            } catch (NumberFormatException e) {
                return NODES.textNode(text);
            }
        }
        return NODES.textNode(text);
    }

    private static JsonNode dynamic(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return NODES.textNode(text);
        }
        try {
            JsonNode parsed = DYNAMIC.readTree(trimmed);
            return parsed != null && parsed.isContainerNode() ? parsed : NODES.textNode(text);
        } catch (IOException e) {
            return NODES.textNode(text);
        }
    }

    /** The row's TimeGenerated, or null when absent or not a timestamp. */
    static Instant time(ObjectNode row) {
        JsonNode value = row.get(TIME_COLUMN);
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The row's EventDataId, empty when absent. */
    static String id(ObjectNode row) {
        JsonNode value = row.get(ID_COLUMN);
        return value != null && value.isTextual() ? value.textValue() : "";
    }
}
