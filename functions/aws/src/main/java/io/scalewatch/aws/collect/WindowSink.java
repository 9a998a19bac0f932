package io.scalewatch.aws.collect;

import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import java.time.Instant;
import java.util.Objects;

/**
 * Stands between a collector and the run's sink: drops events dated outside the window, keeps events of
 * other principals back, passes the watched identity's events and every quarantined record on, and counts
 * all of it. Synchronized, so parallel readers may share it; the downstream sink sees one call at a time.
 */
final class WindowSink {
    private final RecordSink downstream;
    private final ScanWindow window;
    private final IdentityMatcher identity;
    private final long[][] counts = new long[4][2];
    private long outsideWindow;
    private long otherPrincipals;
    private long handed;

    WindowSink(RecordSink downstream, ScanWindow window, IdentityMatcher identity) {
        this.downstream = Objects.requireNonNull(downstream, "sink");
        this.window = Objects.requireNonNull(window, "window");
        this.identity = Objects.requireNonNull(identity, "identity");
    }

    /**
     * An event placed at {@code placedAt} (the API's event time where it states one, else the event's own).
     * An undated event cannot be placed; it came with the window's data, so it is passed on.
     */
    synchronized void event(AuditEvent event, Instant placedAt) {
        if (!AuditEvent.UNDATED.equals(placedAt) && !window.contains(placedAt)) {
            outsideWindow++;
            return;
        }
        counts[slot(event.cloud().provider())][0]++;
        if (identity.matches(event)) {
            handed++;
            downstream.event(event);
        } else {
            otherPrincipals++;
        }
    }

    synchronized void quarantined(QuarantinedRecord record) {
        counts[slot(record.provider())][1]++;
        downstream.quarantined(record);
    }

    /** A sink for {@code AuditLogReader}: events are placed at their own time. */
    RecordSink asRecordSink() {
        return RecordSink.of(event -> event(event, event.time()), this::quarantined);
    }

    synchronized ReadCounts counts() {
        return new ReadCounts(counts(0), counts(1), counts(2), counts(3));
    }

    synchronized long outsideWindow() {
        return outsideWindow;
    }

    synchronized long otherPrincipals() {
        return otherPrincipals;
    }

    synchronized long handed() {
        return handed;
    }

    private ReadCounts.Counts counts(int slot) {
        return new ReadCounts.Counts(counts[slot][0] + counts[slot][1], counts[slot][0], counts[slot][1]);
    }

    private static int slot(CloudProvider provider) {
        return provider == null ? 3 : provider.ordinal();
    }
}
