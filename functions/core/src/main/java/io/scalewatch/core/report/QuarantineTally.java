package io.scalewatch.core.report;

import io.scalewatch.core.normalize.QuarantinedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Counts quarantined records by source and reason while passing each on to where it is kept, so the
 * summary can say what was not scanned and why.
 */
public final class QuarantineTally implements Consumer<QuarantinedRecord> {
    private static final int MAX_SAMPLES = 5;
    private final Consumer<QuarantinedRecord> downstream;
    private final Map<String, Long> bySource = new TreeMap<>();
    private final Map<String, Long> byReason = new TreeMap<>();
    private final List<String> samples = new ArrayList<>();
    private long total;

    /** @param downstream receives every record after it is counted (e.g. the quarantine file writer) */
    public QuarantineTally(Consumer<QuarantinedRecord> downstream) {
        this.downstream = downstream;
    }

    @Override
    public synchronized void accept(QuarantinedRecord record) {
        total++;
        bySource.merge(record.source(), 1L, Long::sum);
        byReason.merge(reasonClass(record.reason()), 1L, Long::sum);
        if (samples.size() < MAX_SAMPLES) {
            samples.add(record.source() + ":" + record.line() + ": " + record.reason());
        }
        downstream.accept(record);
    }

    /** Records quarantined in all. */
    public synchronized long total() {
        return total;
    }

    /** The first few quarantined records as {@code file:line: reason}, for a terminal warning. */
    public synchronized List<String> samples() {
        return List.copyOf(samples);
    }

    /** Records quarantined per source. */
    public synchronized Map<String, Long> bySource() {
        return Map.copyOf(bySource);
    }

    /** Records quarantined per reason (the reason up to its first colon, so line-specific text groups). */
    public synchronized Map<String, Long> byReason() {
        return Map.copyOf(byReason);
    }

    private static String reasonClass(String reason) {
        int colon = reason.indexOf(':');
        return colon > 0 ? reason.substring(0, colon) : reason;
    }
}
