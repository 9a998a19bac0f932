package io.scalewatch.core.normalize;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.policy.PolicyInputWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: fixture paths, reading through the reader, and the policy-input form of events. */
final class Fixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {}

    /** Path of a fixture under src/test/resources/normalize. */
    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/normalize/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture normalize/" + name, e);
        }
    }

    /** What one read produced. */
    record Read(ReadCounts counts, List<AuditEvent> events, List<QuarantinedRecord> quarantined) {
        AuditEvent event(String uid) {
            return events.stream().filter(e -> e.metadata().uid().equals(uid)).findFirst()
                    .orElseThrow(() -> new AssertionError("no event " + uid + " among " + events.size()));
        }

        QuarantinedRecord onlyQuarantined() {
            if (quarantined.size() != 1) {
                throw new AssertionError("expected one quarantined record, got " + quarantined);
            }
            return quarantined.get(0);
        }
    }

    static Read read(String fixture) {
        return read(path(fixture));
    }

    static Read read(Path file) {
        List<AuditEvent> events = new ArrayList<>();
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        ReadCounts counts = AuditLogReader.create().read(file, RecordSink.of(events::add, quarantined::add));
        return new Read(counts, events, quarantined);
    }

    /** Reads text given inline (tiny hostile cases). */
    static Read readText(String text) {
        return readBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static Read readBytes(byte[] bytes) {
        List<AuditEvent> events = new ArrayList<>();
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        ReadCounts counts = AuditLogReader.create()
                .read("inline.json", new ByteArrayInputStream(bytes), RecordSink.of(events::add, quarantined::add));
        return new Read(counts, events, quarantined);
    }

    /** The event as the policy sees it, written by {@link PolicyInputWriter#writeEvent}. */
    static String policyJson(AuditEvent event) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            PolicyInputWriter.writeEvent(g, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static JsonNode policyTree(AuditEvent event) {
        try {
            return MAPPER.readTree(policyJson(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
