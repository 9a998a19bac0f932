package io.scalewatch.core.sink;

import io.scalewatch.core.report.LocalReportWriter;
import io.scalewatch.core.report.ScanReport;
import java.nio.file.Path;
import java.util.Objects;

/** Writes findings.jsonl, findings.ocsf.jsonl, summary.json and report.html into a local directory. */
public record LocalDirectorySink(Path directory) implements ReportSink {
    public LocalDirectorySink {
        Objects.requireNonNull(directory, "directory");
    }

    @Override
    public String name() {
        return directory.toString();
    }

    @Override
    public void publish(ScanReport report) {
        LocalReportWriter.write(directory, report);
    }
}
