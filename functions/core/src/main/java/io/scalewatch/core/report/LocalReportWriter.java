package io.scalewatch.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.scalewatch.core.report.ocsf.OcsfDetectionFinding;
import io.scalewatch.core.report.html.HtmlReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a scan report to a local directory: {@code findings.jsonl} (one finding per line, highest AIVSS
 * first), the same findings as OCSF Detection Findings in {@code findings.ocsf.jsonl}, {@code summary.json},
 * the used-versus-granted report in {@code usage.json} ({@link UsageJson}) and {@code report.html}
 * ({@link HtmlReport}). The quarantine file is streamed during the scan by
 * {@link QuarantineFileWriter}.
 */
public final class LocalReportWriter {
    /** Name of the findings file. */
    public static final String FINDINGS = "findings.jsonl";
    /** Name of the file of the same findings as OCSF Detection Findings (docs/ocsf.md). */
    public static final String OCSF_FINDINGS = "findings.ocsf.jsonl";
    /** Name of the summary file. */
    public static final String SUMMARY = "summary.json";
    /** Name of the usage report (used versus granted, docs/usage.md). */
    public static final String USAGE = "usage.json";
    /** Name of the HTML report. */
    public static final String HTML = HtmlReport.FILE_NAME;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LocalReportWriter() {}

    /** Writes findings, summary, usage and the HTML report into {@code directory}, creating it if needed. */
    public static void write(Path directory, ScanReport report) {
        try {
            Files.createDirectories(directory);
            try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(FINDINGS), StandardCharsets.UTF_8)) {
                for (Finding finding : report.findings()) {
                    out.write(JSON.writeValueAsString(FindingJson.of(report, finding)));
                    out.write('\n');
                }
            }
            try (BufferedWriter out = Files.newBufferedWriter(directory.resolve(OCSF_FINDINGS),
                    StandardCharsets.UTF_8)) {
                for (Finding finding : report.findings()) {
                    out.write(JSON.writeValueAsString(OcsfDetectionFinding.of(finding, report)));
                    out.write('\n');
                }
            }
            Files.writeString(directory.resolve(SUMMARY),
                    PRETTY.writeValueAsString(SummaryJson.of(report)) + "\n", StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(USAGE),
                    PRETTY.writeValueAsString(UsageJson.of(report)) + "\n", StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(HTML), HtmlReport.render(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scan report to " + directory, e);
        }
    }
}
