package io.scalewatch.cli.demo;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthetic CloudTrail activity for benchmarks: N records as JSON Lines, drawn from the demo day's AWS records
 * (the agent's benign mix with other principals around it) plus about 1% incident records, so rules do real work.
 * Records are streamed, never held in memory together.
 *
 * <pre>{@code
 * long bytes = SyntheticActivity.writeCloudTrailJsonLines(Path.of("/tmp/ct.jsonl"), 1_000_000, 7);
 * }</pre>
 */
public final class SyntheticActivity {
    /** Share of records drawn from the incident templates. */
    static final double INCIDENT_SHARE = 0.01;
    /** Records are spread one second apart (with jitter) from the demo day's start. */
    static final long SPACING_MS = 1_000L;

    private SyntheticActivity() {
    }

    /**
     * Writes {@code n} CloudTrail records, one JSON object per line, to {@code file} (replacing it).
     *
     * @return the number of bytes written
     * @throws IllegalArgumentException when {@code n} is negative
     * @throws UncheckedIOException when the file cannot be written
     */
    public static long writeCloudTrailJsonLines(Path file, long n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0 records, got " + n);
        }
        List<ObjectNode> benign = new ArrayList<>();
        // Incidents by kind (event name), drawn kind first so the 200-record bucket drain does not crowd out the rest.
        Map<String, List<ObjectNode>> incidents = new TreeMap<>();
        for (DemoFile demoFile : new AwsDemo(seed).files()) {
            for (Entry entry : demoFile.entries()) {
                if (demoFile.incidents()) {
                    incidents.computeIfAbsent(entry.node().get("eventName").asText(), k -> new ArrayList<>())
                            .add(entry.node());
                } else {
                    benign.add(entry.node());
                }
            }
        }
        List<List<ObjectNode>> kinds = new ArrayList<>(incidents.values());
        DemoRandom random = new DemoRandom(seed ^ 0x5DEECE66DL);
        try (CountingStream counter =
                        new CountingStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
                JsonGenerator json = Json.MAPPER.getFactory().createGenerator(counter, JsonEncoding.UTF8)) {
            json.setRootValueSeparator(new SerializedString("\n"));
            for (long i = 0; i < n; i++) {
                List<ObjectNode> pool = random.chance(INCIDENT_SHARE)
                        ? kinds.get((int) random.below(kinds.size())) : benign;
                ObjectNode record = pool.get((int) random.below(pool.size()));
                // Templates are shared: restamp the per-event fields and serialize before the next draw.
                long time = DemoTime.DAY_START_MS + i * SPACING_MS + random.below(SPACING_MS);
                record.put("eventTime", DemoTime.iso(time));
                record.put("eventID", random.uuid());
                record.put("requestID", random.uuid());
                json.writeTree(record);
            }
            if (n > 0) {
                json.writeRaw('\n');
            }
            json.flush();
            return counter.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic CloudTrail to " + file, e);
        }
    }

    /** Counts the bytes that pass through. */
    private static final class CountingStream extends FilterOutputStream {
        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }
    }
}
