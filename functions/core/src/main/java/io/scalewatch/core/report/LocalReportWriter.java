package io.scalewatch.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a scan report to a local directory: {@code findings.jsonl} (one finding per line, highest AIVSS
 * first) and {@code summary.json}. The quarantine file is streamed during the scan by
 * {@link QuarantineFileWriter}.
 */
public final class LocalReportWriter {
    /** Name of the findings file. */
    public static final String FINDINGS = "findings.jsonl";
    /** Name of the summary file. */
    public static final String SUMMARY = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LocalReportWriter() {}

    /** Writes findings and summary into {@code directory}, creating it if needed. */
    public static void write(Path directory, ScanReport report) {
        try {
            Files.createDirectories(directory);
            try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(FINDINGS), StandardCharsets.UTF_8)) {
                for (Finding finding : report.findings()) {
                    out.write(JSON.writeValueAsString(FindingJson.of(report, finding)));
                    out.write('\n');
                }
            }
            Files.writeString(directory.resolve(SUMMARY),
                    PRETTY.writeValueAsString(SummaryJson.of(report)) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scan report to " + directory, e);
        }
    }
}
