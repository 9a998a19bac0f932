package io.scalewatch.core.normalize;

import io.scalewatch.core.event.AuditEvent;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives what {@link AuditLogReader} makes of each record, in input order: a normalized event or a
 * quarantined record. Exceptions thrown by a sink propagate to the caller of {@code read}.
 *
 * <pre>{@code
 * List<AuditEvent> events = new ArrayList<>();
 * List<QuarantinedRecord> bad = new ArrayList<>();
 * ReadCounts counts = AuditLogReader.create().read(path, RecordSink.of(events::add, bad::add));
 * }</pre>
 */
public interface RecordSink {
    /** A record that normalized. */
    void event(AuditEvent event);

    /** A record that could not be normalized, with the reason. */
    void quarantined(QuarantinedRecord record);

    /** A sink from two consumers. */
    static RecordSink of(Consumer<AuditEvent> events, Consumer<QuarantinedRecord> quarantined) {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(quarantined, "quarantined");
        return new RecordSink() {
            @Override
            public void event(AuditEvent event) {
                events.accept(event);
            }

            @Override
            public void quarantined(QuarantinedRecord record) {
                quarantined.accept(record);
            }
        };
    }
}
