package io.scalewatch.gcp.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.logging.v2.LogEntry;
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

/**
 * The demo's Cloud Audit Logs export (functions/cli/src/main/resources/demo/gcp/*.jsonl.gz: 3,258 real-shaped
 * entries of one day in demo-project), as raw JSON and as {@code LogEntry} protos parsed with JsonFormat.
 */
public final class DemoEntries {
    public static final String SERVICE_ACCOUNT = "castai-gke@demo-project.iam.gserviceaccount.com";
    public static final String PROJECT = "projects/demo-project";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] FILES = {
        "demo-project_cloudaudit_20261124_background.jsonl.gz", "demo-project_cloudaudit_20261124_incidents.jsonl.gz"};

    private DemoEntries() {}

    /** Every demo entry's JSON line. */
    public static List<String> lines() {
        String root = System.getProperty("scalewatch.root", "");
        if (root.isEmpty()) {
            throw new AssertionError("system property scalewatch.root is not set (the Maven build sets it)");
        }
        List<String> lines = new ArrayList<>();
        for (String file : FILES) {
            Path path = Path.of(root, "functions/cli/src/main/resources/demo/gcp", file);
            try (InputStream in = new GZIPInputStream(Files.newInputStream(path));
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read demo entries " + path, e);
            }
        }
        return lines;
    }

    /** Every demo entry as a LogEntry proto. */
    public static List<LogEntry> entries() {
        return lines().stream().map(DemoEntries::entry).toList();
    }

    static LogEntry entry(String json) {
        try {
            return LogEntryJson.parse(json);
        } catch (IOException e) {
            throw new AssertionError("demo entry does not parse as a LogEntry: " + e.getMessage(), e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
