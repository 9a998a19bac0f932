package io.scalewatch.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads a written demo dataset back, file by file, in each file's delivery shape (the test's own parser). */
final class DemoData {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A data file and its records (Log Analytics rows as objects keyed by column name). */
    record LoadedFile(String path, DemoFormat format, List<JsonNode> records) {
        boolean incidents() {
            return path.contains("_incidents");
        }
    }

    private DemoData() {
    }

    /** The data files a dataset root lists in its manifest. */
    static List<LoadedFile> load(Path root) {
        List<LoadedFile> files = new ArrayList<>();
        for (String resource : manifest(root)) {
            String path = resource.substring("demo/".length());
            try (InputStream in = Files.newInputStream(root.resolve(path))) {
                files.add(new LoadedFile(path, formatOf(path), parse(in, formatOf(path))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    static List<String> manifest(Path root) {
        try {
            return Files.readAllLines(root.resolve(DemoActivity.MANIFEST_FILE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shape a file declares by its place and name. */
    static DemoFormat formatOf(String path) {
        if (path.startsWith("aws/") && path.endsWith(".json.gz")) {
            return DemoFormat.CLOUDTRAIL_RECORDS;
        }
        if (path.startsWith("gcp/") && path.endsWith(".jsonl.gz")) {
            return DemoFormat.GCP_LOG_ENTRIES;
        }
        if (path.startsWith("azure/") && path.contains("loganalytics")) {
            return DemoFormat.AZURE_LOG_ANALYTICS;
        }
        if (path.startsWith("azure/") && path.endsWith(".json.gz")) {
            return DemoFormat.AZURE_RECORDS;
        }
        throw new IllegalArgumentException("no declared shape for " + path);
    }

    /** Decompresses and parses one file; throws when it is not the declared shape. */
    static List<JsonNode> parse(InputStream raw, DemoFormat format) throws IOException {
        GZIPInputStream in = new GZIPInputStream(raw);
        List<JsonNode> records = new ArrayList<>();
        switch (format) {
            case CLOUDTRAIL_RECORDS -> MAPPER.readTree(in).get("Records").forEach(records::add);
            case AZURE_RECORDS -> MAPPER.readTree(in).get("records").forEach(records::add);
            case GCP_LOG_ENTRIES -> {
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                    records.add(MAPPER.readTree(line));
                }
            }
            case AZURE_LOG_ANALYTICS -> {
                JsonNode table = MAPPER.readTree(in).get("tables").get(0);
                JsonNode columns = table.get("columns");
                for (JsonNode row : table.get("rows")) {
                    if (row.size() != columns.size()) {
                        throw new IOException("row has " + row.size() + " values for " + columns.size() + " columns");
                    }
                    ObjectNode object = MAPPER.createObjectNode();
                    for (int i = 0; i < columns.size(); i++) {
                        object.set(columns.get(i).get("name").asText(), row.get(i));
                    }
                    records.add(object);
                }
            }
            default -> throw new IllegalArgumentException("unknown format " + format);
        }
        return records;
    }

    /** The uncompressed bytes of a gzip file. */
    static byte[] gunzip(InputStream raw) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(raw)) {
            return in.readAllBytes();
        }
    }
}
