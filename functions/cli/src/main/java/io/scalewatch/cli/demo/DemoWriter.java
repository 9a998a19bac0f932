package io.scalewatch.cli.demo;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes demo files in their delivery shape, gzip-compressed, streaming so no file is built in memory as text. */
final class DemoWriter {
    private DemoWriter() {
    }

    static void write(Path root, DemoFile file) {
        Path target = root.resolve(file.path());
        try {
            Files.createDirectories(target.getParent());
            // GZIPOutputStream writes a zero mtime, so equal content gives equal bytes.
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), 1 << 16);
                    JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                switch (file.format()) {
                    case CLOUDTRAIL_RECORDS -> wrapped(json, "Records", file);
                    case AZURE_RECORDS -> wrapped(json, "records", file);
                    case GCP_LOG_ENTRIES -> lines(out, file);
                    case AZURE_LOG_ANALYTICS -> table(json, file);
                    default -> throw new IllegalStateException("unknown format " + file.format());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write demo file " + target, e);
        }
    }

    private static void wrapped(JsonGenerator json, String field, DemoFile file) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart(field);
        for (Entry entry : file.entries()) {
            json.writeTree(entry.node());
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void lines(OutputStream out, DemoFile file) throws IOException {
        for (Entry entry : file.entries()) {
            out.write(Json.MAPPER.writeValueAsBytes(entry.node()));
            out.write('\n');
        }
    }

    private static void table(JsonGenerator json, DemoFile file) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("tables");
        json.writeStartObject();
        json.writeStringField("name", "PrimaryResult");
        json.writeArrayFieldStart("columns");
        for (String[] column : AzureLogAnalytics.COLUMNS) {
            json.writeStartObject();
            json.writeStringField("name", column[0]);
            json.writeStringField("type", column[1]);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("rows");
        for (Entry entry : file.entries()) {
            json.writeStartArray();
            for (String[] column : AzureLogAnalytics.COLUMNS) {
                JsonNode value = entry.node().get(column[0]);
                if (value == null) {
                    throw new IllegalStateException("row of " + file.path() + " has no column " + column[0]);
                }
                json.writeTree(value);
            }
            json.writeEndArray();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }
}
