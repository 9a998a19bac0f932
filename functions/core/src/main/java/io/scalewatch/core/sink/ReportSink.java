package io.scalewatch.core.sink;

import io.scalewatch.core.report.ScanReport;

/**
 * Where a finished scan goes: a local directory, S3 (findings, summary), Security Hub. A sink either
 * publishes the whole report or throws; the checkpoint moves only after every sink succeeded, so a
 * sink must tolerate the same report being published again (stable finding ids, idempotent writes).
 */
public interface ReportSink {
    /** A short name for logs and errors, e.g. {@code s3://bucket/prefix} or {@code securityhub:us-east-1}. */
    String name();

    /** Publishes the report. */
    void publish(ScanReport report);
}
