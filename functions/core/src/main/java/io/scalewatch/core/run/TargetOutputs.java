package io.scalewatch.core.run;

import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.sink.ReportSink;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where one target's run puts its report and its quarantined records: opened before the target is scanned,
 * closed after it (a sink may spool the run's quarantine to a temp file, as the S3 report sink does).
 */
public interface TargetOutputs extends AutoCloseable {
    /** The sinks, in publishing order; the checkpoint moves only after every one succeeded. */
    List<ReportSink> sinks();

    /** Receives the run's quarantined records as the scan finds them. */
    Consumer<QuarantinedRecord> quarantine();

    /** Releases what the run held (temp files); never throws for a run that already published. */
    @Override
    void close();

    /** Opens the outputs of one target's run. */
    @FunctionalInterface
    interface Factory {
        /** The outputs of {@code target} in run {@code runId}. */
        TargetOutputs open(ScanTarget target, String runId);
    }
}
