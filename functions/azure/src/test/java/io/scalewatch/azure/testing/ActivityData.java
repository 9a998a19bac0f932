package io.scalewatch.azure.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * AzureActivity rows built from the demo's Log Analytics exports
 * ({@code functions/cli/src/main/resources/demo/azure/*azureactivity-loganalytics*}, found through the system
 * property {@code scalewatch.root}), replicated with shifted times and fresh EventDataIds into thousands of rows.
 * The real table has {@code Claims} (string) beside {@code Claims_d} (dynamic); the exports carry only the latter,
 * so {@code Claims} is added with the same text.
 */
public final class ActivityData {
    /** The demo's CAST AI service principal: object id. */
    public static final String OBJECT_ID = "0b5c2f6e-1111-4111-8111-111111111111";
    /** The demo's CAST AI service principal: application id. */
    public static final String APP_ID = "6f1e1d2c-0000-4000-8000-000000000001";
    /** The demo's workspace id (any GUID: the exports do not name one). */
    public static final String WORKSPACE = "5d7c1a9e-2b3f-4c6d-8e0a-1b2c3d4e5f60";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TICKS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ArrayNode columns;
    private final List<JsonNode> rows;

    private ActivityData(ArrayNode columns, List<JsonNode> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /** The demo exports' rows, with a {@code Claims} column. */
    public static ActivityData demo() {
        Path dir = Path.of(System.getProperty("scalewatch.root", "../.."), "functions/cli/src/main/resources/demo/azure");
        ArrayNode columns = null;
        List<JsonNode> rows = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*azureactivity-loganalytics*")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path file : sorted) {
                JsonNode table = read(file).path("tables").get(0);
                if (columns == null) {
                    columns = ((ArrayNode) table.get("columns")).deepCopy();
                }
                table.get("rows").forEach(rows::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("demo AzureActivity exports not readable under " + dir, e);
        }
        if (columns == null || rows.isEmpty()) {
            throw new IllegalStateException("no demo AzureActivity rows under " + dir);
        }
        return withClaims(columns, rows);
    }

    /** A Logs Query answer file (test resources) as rows, with a {@code Claims} column. */
    public static ActivityData resource(String name) {
        try (InputStream in = ActivityData.class.getResourceAsStream(name)) {
            JsonNode table = JSON.readTree(in).path("tables").get(0);
            List<JsonNode> rows = new ArrayList<>();
            table.get("rows").forEach(rows::add);
            return withClaims(((ArrayNode) table.get("columns")).deepCopy(), rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static ActivityData withClaims(ArrayNode columns, List<JsonNode> rows) {
        int claims = index(columns, "Claims_d");
        ArrayNode out = columns.deepCopy();
        out.addObject().put("name", "Claims").put("type", "string");
        List<JsonNode> extended = new ArrayList<>();
        for (JsonNode row : rows) {
            ArrayNode copy = ((ArrayNode) row).deepCopy();
            copy.add(row.get(claims).asText(""));
            extended.add(copy);
        }
        return new ActivityData(out, extended);
    }

    /** {@code copies} copies of every row, copy k shifted by {@code k * shift}, each with its own EventDataId. */
    public ActivityData replicate(int copies, Duration shift) {
        int time = index(columns, "TimeGenerated");
        int submitted = index(columns, "EventSubmissionTimestamp");
        int id = index(columns, "EventDataId");
        List<JsonNode> out = new ArrayList<>();
        for (int k = 0; k < copies; k++) {
            for (JsonNode row : rows) {
                ArrayNode copy = ((ArrayNode) row).deepCopy();
                Duration by = shift.multipliedBy(k);
                copy.set(time, JSON.getNodeFactory().textNode(TICKS.format(Instant.parse(row.get(time).asText()).plus(by))));
                copy.set(submitted, JSON.getNodeFactory().textNode(
                        TICKS.format(Instant.parse(row.get(submitted).asText()).plus(by))));
                if (k > 0) {
                    copy.set(id, JSON.getNodeFactory().textNode(UUID.nameUUIDFromBytes(
                            (row.get(id).asText() + "/" + k).getBytes(StandardCharsets.UTF_8)).toString()));
                }
                out.add(copy);
            }
        }
        return new ActivityData(columns, out);
    }

    /** These rows and {@code other}'s (same columns). */
    public ActivityData plus(ActivityData other) {
        List<JsonNode> all = new ArrayList<>(rows);
        all.addAll(other.rows);
        return new ActivityData(columns, all);
    }

    /** The columns. */
    public ArrayNode columns() {
        return columns;
    }

    /** The rows. */
    public List<JsonNode> rows() {
        return rows;
    }

    /** EventDataIds of the watched principal's rows (by Caller) with {@code start <= TimeGenerated < end}. */
    public List<String> watchedIds(Instant start, Instant end) {
        int time = index(columns, "TimeGenerated");
        int caller = index(columns, "Caller");
        int id = index(columns, "EventDataId");
        List<String> ids = new ArrayList<>();
        for (JsonNode row : rows) {
            Instant t = Instant.parse(row.get(time).asText());
            if (row.get(caller).asText().equalsIgnoreCase(OBJECT_ID) && !t.isBefore(start) && t.isBefore(end)) {
                ids.add(row.get(id).asText());
            }
        }
        return ids;
    }

    /** A row by position as an object keyed by column (for assertions). */
    public ObjectNode object(int index) {
        ObjectNode object = JSON.createObjectNode();
        for (int i = 0; i < columns.size(); i++) {
            object.set(columns.get(i).path("name").asText(), rows.get(index).get(i));
        }
        return object;
    }

    private static int index(ArrayNode columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).path("name").asText().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }
}
