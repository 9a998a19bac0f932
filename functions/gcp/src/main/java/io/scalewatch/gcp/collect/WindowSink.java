package io.scalewatch.gcp.collect;

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
 * Stands between the collector and the run's sink: drops entries dated outside the window (a server that
 * ignores part of the filter), keeps back entries of other principals (the filter also returns calls where
 * the account is a later delegate of an impersonation chain, which core does not count as the account's),
 * passes the watched account's events and every quarantined record on, and counts all of it.
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

    /** An event placed at {@code placedAt}: the entry's timestamp, or the event's own time when it has none. */
    void event(AuditEvent event, Instant placedAt) {
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

    /** An entry dated outside the window that did not even normalize: dropped like any entry outside it. */
    void outsideWindow() {
        outsideWindow++;
    }

    void quarantined(QuarantinedRecord record) {
        counts[slot(record.provider())][1]++;
        downstream.quarantined(record);
    }

    ReadCounts counts() {
        return new ReadCounts(counts(0), counts(1), counts(2), counts(3));
    }

    long outsideWindowCount() {
        return outsideWindow;
    }

    long otherPrincipals() {
        return otherPrincipals;
    }

    long handed() {
        return handed;
    }

    private ReadCounts.Counts counts(int slot) {
        return new ReadCounts.Counts(counts[slot][0] + counts[slot][1], counts[slot][0], counts[slot][1]);
    }

    private static int slot(CloudProvider provider) {
        return provider == null ? 3 : provider.ordinal();
    }
}
