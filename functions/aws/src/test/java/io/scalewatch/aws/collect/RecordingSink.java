package io.scalewatch.aws.collect;

import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.RecordSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps what a collector hands over; fails the test if two threads call it at once. */
public final class RecordingSink implements RecordSink {
    private final List<AuditEvent> events = new ArrayList<>();
    private final List<QuarantinedRecord> quarantined = new ArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();

    @Override
    public void event(AuditEvent event) {
        enter();
        try {
            synchronized (this) {
                events.add(event);
            }
        } finally {
            inside.decrementAndGet();
        }
    }

    @Override
    public void quarantined(QuarantinedRecord record) {
        enter();
        try {
            synchronized (this) {
                quarantined.add(record);
            }
        } finally {
            inside.decrementAndGet();
        }
    }

    private void enter() {
        if (inside.getAndIncrement() != 0) {
            throw new AssertionError("the sink was called by two threads at once");
        }
    }

    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<String> eventIds() {
        return events.stream().map(e -> e.metadata().uid()).toList();
    }

    public synchronized List<QuarantinedRecord> quarantined() {
        return List.copyOf(quarantined);
    }
}
