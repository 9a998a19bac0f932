package io.scalewatch.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogReaderTest {
    private static final String RECORD = "{\"eventTime\":\"2026-11-20T10:15:31Z\","
            + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"RunInstances\",\"eventID\":\"%s\"}";

    @TempDir
    Path dir;

    @Test
    void read_quarantinedRecordInDocument_reportsLineOfItsOpeningBrace() {
        String text = "{\"Records\": [\n"
                + RECORD.formatted("a") + ",\n"
                + "  {\n"
                + "    \"eventSource\": \"ec2.amazonaws.com\",\n"
                + "    \"awsRegion\": \"us-east-1\"\n"
                + "  },\n"
                + RECORD.formatted("c") + "\n"
                + "]}\n";

        Fixtures.Read read = Fixtures.readText(text);

        assertThat(read.events()).extracting(e -> e.metadata().uid()).containsExactly("a", "c");
        QuarantinedRecord bad = read.onlyQuarantined();
        assertThat(bad.line()).isEqualTo(3);
        assertThat(bad.cloud()).contains(CloudProvider.AWS);
        assertThat(bad.kind()).isEqualTo(QuarantineKind.MISSING_FIELD);
        assertThat(bad.source()).isEqualTo("inline.json");
    }

    @Test
    void read_jsonLinesWithBlankLines_skipsBlanksAndKeepsLineNumbers() {
        String text = RECORD.formatted("a") + "\n\n   \n" + "{\"eventSource\":\"ec2.amazonaws.com\"}\n\r\n"
                + RECORD.formatted("c") + "\n\n";

        Fixtures.Read read = Fixtures.readText(text);

        assertThat(read.counts().total()).isEqualTo(new ReadCounts.Counts(3, 2, 1));
        assertThat(read.onlyQuarantined().line()).isEqualTo(4);
    }

    @Test
    void read_jsonLinesWithByteOrderMarkAndCrLf_readsEveryLine() {
        byte[] text = (RECORD.formatted("a") + "\r\n" + RECORD.formatted("b") + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);

        Fixtures.Read read = Fixtures.readBytes(withBom);

        assertThat(read.quarantined()).isEmpty();
        assertThat(read.events()).extracting(e -> e.metadata().uid()).containsExactly("a", "b");
    }

    @Test
    void read_topLevelArray_streamsElements() {
        Fixtures.Read read = Fixtures.readText("[\n" + RECORD.formatted("a") + ",\n" + RECORD.formatted("b") + "\n]");

        assertThat(read.events()).extracting(e -> e.metadata().uid()).containsExactly("a", "b");
    }

    @Test
    void read_mixedCloudsInOneFile_routesByShape() {
        String text = RECORD.formatted("aws-1") + "\n"
                + "{\"insertId\":\"gcp-1\",\"timestamp\":\"2026-11-20T10:00:00Z\","
                + "\"protoPayload\":{\"methodName\":\"v1.compute.instances.insert\"}}\n"
                + "{\"time\":\"2026-11-20T10:00:00Z\",\"operationName\":\"Microsoft.Compute/virtualMachines/write\","
                + "\"resultType\":\"Success\"}\n";

        Fixtures.Read read = Fixtures.readText(text);

        assertThat(read.events()).extracting(e -> e.cloud().provider())
                .containsExactly(CloudProvider.AWS, CloudProvider.GCP, CloudProvider.AZURE);
        assertThat(read.counts().aws().normalized()).isEqualTo(1);
        assertThat(read.counts().gcp().normalized()).isEqualTo(1);
        assertThat(read.counts().azure().normalized()).isEqualTo(1);
    }

    @Test
    void read_gzipDetectedByMagicBytesNotName_readsContent() throws IOException {
        Path file = dir.resolve("trail.json");
        Files.write(file, gzip(Files.readAllBytes(Fixtures.path("gcp/audit-export.jsonl"))));

        Fixtures.Read read = Fixtures.read(file);

        assertThat(read.counts().gcp()).isEqualTo(new ReadCounts.Counts(8, 8, 0));
    }

    @Test
    void read_largeDocument_deliversFirstEventBeforeInputIsRead() {
        // a pretty-printed document and a one-line CloudTrail object, both ~3 MB
        for (String separator : new String[] {",\n", ","}) {
            StringBuilder doc = new StringBuilder("{\"Records\":[");
            for (int i = 0; i < 20_000; i++) {
                doc.append(i == 0 ? "" : separator).append(RECORD.formatted("id-" + i));
            }
            byte[] bytes = doc.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            AtomicLong consumed = new AtomicLong();
            AtomicLong consumedAtFirstEvent = new AtomicLong(-1);
            InputStream counting = new CountingStream(bytes, consumed);

            ReadCounts counts = AuditLogReader.create().read("big.json", counting, RecordSink.of(
                    e -> consumedAtFirstEvent.compareAndSet(-1, consumed.get()), q -> { }));

            assertThat(counts.aws().normalized()).isEqualTo(20_000);
            assertThat(consumedAtFirstEvent.get()).isLessThan(bytes.length / 10);
        }
    }

    @Test
    void read_countsOfTwoFiles_addUp() {
        ReadCounts gcp = Fixtures.read("gcp/audit-export.json").counts();
        ReadCounts azure = Fixtures.read("azure/activity-records.json").counts();

        ReadCounts both = gcp.plus(azure);

        assertThat(both.read()).isEqualTo(13);
        assertThat(both.normalized()).isEqualTo(13);
        assertThat(both.of(CloudProvider.GCP).read()).isEqualTo(8);
        assertThat(both.of(CloudProvider.AZURE).read()).isEqualTo(5);
        assertThat(ReadCounts.none().plus(both)).isEqualTo(both);
    }

    @Test
    void read_emptyFile_readsNothing() throws IOException {
        Path file = Files.write(dir.resolve("empty.jsonl"), new byte[0]);

        assertThat(Fixtures.read(file).counts()).isEqualTo(ReadCounts.none());
    }

    @Test
    void read_missingFile_throwsNamingFile() {
        Path missing = dir.resolve("nope.json.gz");

        assertThatThrownBy(() -> Fixtures.read(missing))
                .isInstanceOf(AuditLogReadException.class)
                .hasMessage("cannot open audit log " + missing + ": no such file");
    }

    @Test
    void read_directory_throwsNamingDirectory() {
        assertThatThrownBy(() -> Fixtures.read(dir))
                .isInstanceOf(AuditLogReadException.class)
                .hasMessage("cannot read audit log " + dir + ": it is a directory");
    }

    @Test
    void read_streamFailsMidway_throwsNamingSourceAfterDeliveringEarlierRecords() {
        byte[] bytes = (RECORD.formatted("a") + "\n" + RECORD.formatted("b") + "\n").getBytes(StandardCharsets.UTF_8);
        List<AuditEvent> events = new ArrayList<>();
        InputStream failing = new InputStream() {
            private int i;

            @Override
            public int read() throws IOException {
                if (i == bytes.length - 5) {
                    throw new IOException("connection reset");
                }
                return bytes[i++] & 0xff;
            }
        };

        assertThatThrownBy(() -> AuditLogReader.create().read("s3://bucket/trail.json", failing,
                RecordSink.of(events::add, q -> { })))
                .isInstanceOf(AuditLogReadException.class)
                .hasMessageStartingWith("cannot read audit log s3://bucket/trail.json")
                .hasMessageEndingWith("connection reset");
    }

    @Test
    void read_sinkThrows_exceptionPropagatesUnchanged() {
        IllegalStateException boom = new IllegalStateException("sink full");

        assertThatThrownBy(() -> AuditLogReader.create().read(Fixtures.path("gcp/audit-export.json"),
                RecordSink.of(e -> {
                    throw boom;
                }, q -> { })))
                .isSameAs(boom);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static final class CountingStream extends InputStream {
        private final byte[] bytes;
        private final AtomicLong consumed;
        private int pos;

        CountingStream(byte[] bytes, AtomicLong consumed) {
            this.bytes = bytes;
            this.consumed = consumed;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            consumed.addAndGet(n);
            return n;
        }
    }
}
