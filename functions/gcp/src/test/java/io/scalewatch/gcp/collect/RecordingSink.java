package io.scalewatch.gcp.collect;

import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.RecordSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Keeps what a collector hands over, in order; optionally runs a hook per event (to move a clock). */
final class RecordingSink implements RecordSink {
    final List<AuditEvent> events = new ArrayList<>();
    final List<QuarantinedRecord> quarantined = new ArrayList<>();
    private final Consumer<AuditEvent> hook;

    RecordingSink() {
        this(e -> { });
    }

    RecordingSink(Consumer<AuditEvent> hook) {
        this.hook = hook;
    }

    @Override
    public void event(AuditEvent event) {
        events.add(event);
        hook.accept(event);
    }

    @Override
    public void quarantined(QuarantinedRecord record) {
        quarantined.add(record);
    }

    List<String> ids() {
        return events.stream().map(e -> e.metadata().uid()).toList();
    }
}
