package io.scalewatch.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.normalize.QuarantinedRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Streams quarantined records to {@code quarantine.jsonl} as they are found ({@link QuarantineJson}: source,
 * line, cloud, reason and the raw record), so nothing that could not be scanned is lost and it can be replayed
 * once fixed.
 */
public final class QuarantineFileWriter implements Consumer<QuarantinedRecord>, AutoCloseable {
    /** Name of the quarantine file. */
    public static final String QUARANTINE = "quarantine.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    /** Opens {@code directory/quarantine.jsonl}, creating the directory. */
    public QuarantineFileWriter(Path directory) {
        try {
            Files.createDirectories(directory);
            this.out = Files.newBufferedWriter(directory.resolve(QUARANTINE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the quarantine file in " + directory, e);
        }
    }

    @Override
    public synchronized void accept(QuarantinedRecord record) {
        try {
            out.write(JSON.writeValueAsString(QuarantineJson.of(record)));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the quarantine file", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the quarantine file", e);
        }
    }
}
