package io.scalewatch.aws.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.scalewatch.core.identity.IdentitySlug;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.FindingJson;
import io.scalewatch.core.report.QuarantineJson;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.report.SummaryJson;
import io.scalewatch.core.report.UsageJson;
import io.scalewatch.core.report.ocsf.OcsfDetectionFinding;
import io.scalewatch.core.report.html.HtmlReport;
import io.scalewatch.core.sink.ReportSink;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Publishes a scan report to S3 in the layout of {@link S3Layout}: the findings as gzip JSON Lines
 * ({@link FindingJson}) per cloud account and the same findings as OCSF Detection Findings
 * ({@link OcsfDetectionFinding}), the run's quarantined records as gzip JSON Lines
 * ({@link QuarantineJson}), the summary ({@link SummaryJson}), the used-versus-granted report ({@link UsageJson}),
 * the HTML report ({@link HtmlReport}, served as
 * {@code text/html}) and {@code latest.json}.
 *
 * <p>Every object but {@code latest.json} is written once ({@code If-None-Match: *}); publishing the same report
 * again finds its objects in place (same SHA-256 in their metadata) and succeeds without writing, while other
 * content under a finished key fails. {@code latest.json} is replaced with {@code If-Match} on the ETag read,
 * and only by a run that finished later than the one it holds. Objects are encrypted with SSE-KMS when a key
 * is configured, else SSE-S3 (AES256).
 *
 * <p>One sink serves one run: it is also the run's quarantine consumer, spooling records to a gzip temp file
 * (memory stays flat) that {@link #publish} uploads; {@link #close()} deletes it.
 *
 * <pre>{@code
 * try (S3ReportSink s3 = S3ReportSink.builder().s3(client).bucket("audit").prefix("scalewatch").build()) {
 *     ScanReport report = scanner.scan(request, s3);   // quarantined records go to the spool
 *     s3.publish(report);
 * }
 * }</pre>
 */
public final class S3ReportSink implements ReportSink, Consumer<QuarantinedRecord>, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(S3ReportSink.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String GZIP = "application/gzip";
    private static final String APPLICATION_JSON = "application/json";
    private static final int LATEST_ATTEMPTS = 5;

    private final String bucket;
    private final S3Layout layout;
    private final S3ObjectWriter writer;
    private final Object spoolLock = new Object();
    private Path spoolFile;
    private Writer spool;
    private MessageDigest spoolDigest;
    private String spoolSha256 = "";
    private long spooled;
    private boolean spoolSealed;
    private boolean closed;

    private S3ReportSink(Builder builder, S3Layout layout, RetryStrategy retryStrategy) {
        this.bucket = builder.bucket;
        this.layout = layout;
        this.writer = new S3ObjectWriter(builder.s3, builder.bucket, builder.kmsKeyId, builder.clock, retryStrategy);
    }

    /** A builder; {@code s3} and {@code bucket} are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "s3://" + bucket + "/" + layout.root();
    }

    /** The key layout this sink writes. */
    public S3Layout layout() {
        return layout;
    }

    /**
     * Spools one quarantined record of the run (thread-safe).
     *
     * @throws IllegalStateException once the run's quarantine was published or the sink closed
     */
    @Override
    public void accept(QuarantinedRecord record) {
        Objects.requireNonNull(record, "record");
        synchronized (spoolLock) {
            if (spoolSealed || closed) {
                throw new IllegalStateException("the quarantine of this run was already published to " + name()
                        + "; a sink serves one run");
            }
            try {
                if (spool == null) {
                    openSpool();
                }
                spool.write(JSON.writeValueAsString(QuarantineJson.of(record)));
                spool.write('\n');
                spooled++;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot spool a quarantined record to " + spoolFile, e);
            }
        }
    }

    /** Records spooled so far. */
    public long quarantined() {
        synchronized (spoolLock) {
            return spooled;
        }
    }

    @Override
    public void publish(ScanReport report) {
        Objects.requireNonNull(report, "report");
        String runId = report.request().runId();
        String identity = report.request().identity().value();
        LocalDate date = LocalDate.ofInstant(report.startedAt(), ZoneOffset.UTC);
        ReportHome home = ReportHome.of(report);
        int written = 0;
        int present = 0;

        Map<String, List<Finding>> byAccount = new TreeMap<>();
        for (Finding finding : report.findings()) {
            var cloud = finding.rule().cloud();
            byAccount.computeIfAbsent(cloud.provider().id() + "\n" + cloud.account(), k -> new ArrayList<>())
                    .add(finding);
        }
        for (Map.Entry<String, List<Finding>> group : byAccount.entrySet()) {
            String[] location = group.getKey().split("\n", 2);
            String key = layout.findings(location[0], location[1], identity, date, runId);
            S3ObjectWriter.Outcome outcome = writer.createOnce(key, findingLines(group.getValue(), finding -> FindingJson.of(report, finding)),
                    runId);
            written += outcome == S3ObjectWriter.Outcome.WRITTEN ? 1 : 0;
            present += outcome == S3ObjectWriter.Outcome.ALREADY_PUBLISHED ? 1 : 0;
            // the same findings as OCSF Detection Findings (docs/ocsf.md), beside the native ones
            String ocsfKey = layout.ocsfFindings(location[0], location[1], identity, date, runId);
            outcome = writer.createOnce(ocsfKey,
                    findingLines(group.getValue(), finding -> OcsfDetectionFinding.of(finding, report)), runId);
            written += outcome == S3ObjectWriter.Outcome.WRITTEN ? 1 : 0;
            present += outcome == S3ObjectWriter.Outcome.ALREADY_PUBLISHED ? 1 : 0;
        }

        Optional<S3ObjectWriter.Content> quarantine = sealedSpool();
        if (quarantine.isPresent()) {
            String key = layout.quarantine(home.cloud(), home.account(), identity, date, runId);
            S3ObjectWriter.Outcome outcome = writer.createOnce(key, quarantine.get(), runId);
            written += outcome == S3ObjectWriter.Outcome.WRITTEN ? 1 : 0;
            present += outcome == S3ObjectWriter.Outcome.ALREADY_PUBLISHED ? 1 : 0;
        }

        S3ObjectWriter.Content summary = summary(report);
        String summaryKey = layout.summary(home.cloud(), home.account(), identity, date, runId);
        S3ObjectWriter.Outcome outcome = writer.createOnce(summaryKey, summary, runId);
        written += outcome == S3ObjectWriter.Outcome.WRITTEN ? 1 : 0;
        present += outcome == S3ObjectWriter.Outcome.ALREADY_PUBLISHED ? 1 : 0;

        String usageKey = layout.usage(home.cloud(), home.account(), identity, date, runId);
        outcome = writer.createOnce(usageKey, json(UsageJson.of(report), "usage report"), runId);
        written += outcome == S3ObjectWriter.Outcome.WRITTEN ? 1 : 0;
        present += outcome == S3ObjectWriter.Outcome.ALREADY_PUBLISHED ? 1 : 0;

        byte[] page = HtmlReport.renderUtf8(report);
        String htmlKey = layout.htmlReport(home.cloud(), home.account(), identity, date, runId);
        outcome = writer.createOnce(htmlKey, new S3ObjectWriter.Content(RequestBody.fromBytes(page),
                HexFormat.of().formatHex(sha256().digest(page)), HtmlReport.CONTENT_TYPE), runId);
        written += outcome == S3ObjectWriter.Outcome.WRITTEN ? 1 : 0;
        present += outcome == S3ObjectWriter.Outcome.ALREADY_PUBLISHED ? 1 : 0;

        String latest = replaceLatest(layout.latestSummary(home.cloud(), home.account(), identity), summary, report);
        LOG.log(System.Logger.Level.INFO, "sink=s3 run_id={0} cloud={1} account={2} identity={3} findings={4} "
                + "quarantined={5} objects_written={6} objects_already_published={7} latest={8}",
                runId, home.cloud(), home.account(), IdentitySlug.of(identity), report.findings().size(),
                quarantined(), written, present, latest);
    }

    /** Deletes the quarantine spool. */
    @Override
    public void close() {
        synchronized (spoolLock) {
            closed = true;
            try {
                if (spool != null && !spoolSealed) {
                    spool.close();
                }
                if (spoolFile != null) {
                    Files.deleteIfExists(spoolFile);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the quarantine spool " + spoolFile, e);
            }
        }
    }

    private void openSpool() throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        // the spool holds redacted raw log records: readable by this process's user only
        spoolFile = posix
                ? Files.createTempFile("scalewatch-quarantine-", ".jsonl.gz",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile("scalewatch-quarantine-", ".jsonl.gz");
        spoolDigest = sha256();
        OutputStream gzip = new GZIPOutputStream(Files.newOutputStream(spoolFile), 64 * 1024);
        spool = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(gzip, spoolDigest),
                StandardCharsets.UTF_8));
    }

    private Optional<S3ObjectWriter.Content> sealedSpool() {
        synchronized (spoolLock) {
            if (closed) {
                throw new IllegalStateException("sink " + name() + " is closed");
            }
            if (spool == null) {
                return Optional.empty();
            }
            if (!spoolSealed) {
                try {
                    spool.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot finish the quarantine spool " + spoolFile, e);
                }
                spoolSealed = true;
                spoolSha256 = HexFormat.of().formatHex(spoolDigest.digest());
            }
            return Optional.of(new S3ObjectWriter.Content(RequestBody.fromFile(spoolFile), spoolSha256, GZIP));
        }
    }

    private static S3ObjectWriter.Content findingLines(List<Finding> findings, Function<Finding, JsonNode> format) {
        MessageDigest digest = sha256();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(new DigestOutputStream(new GZIPOutputStream(bytes), digest),
                StandardCharsets.UTF_8)) {
            for (Finding finding : findings) {
                out.write(JSON.writeValueAsString(format.apply(finding)));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize findings", e);
        }
        return new S3ObjectWriter.Content(RequestBody.fromBytes(bytes.toByteArray()),
                HexFormat.of().formatHex(digest.digest()), GZIP);
    }

    private static S3ObjectWriter.Content summary(ScanReport report) {
        return json(SummaryJson.of(report), "summary");
    }

    private static S3ObjectWriter.Content json(JsonNode document, String what) {
        try {
            byte[] bytes = (PRETTY.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
            return new S3ObjectWriter.Content(RequestBody.fromBytes(bytes),
                    HexFormat.of().formatHex(sha256().digest(bytes)), APPLICATION_JSON);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the " + what, e);
        }
    }

    // latest.json moves forward only: a late publish of an older run leaves a newer run's summary in place.
    private String replaceLatest(String key, S3ObjectWriter.Content summary, ScanReport report) {
        String runId = report.request().runId();
        for (int attempt = 0; attempt < LATEST_ATTEMPTS; attempt++) {
            Optional<S3ObjectWriter.Stored> current = writer.read(key);
            if (current.isPresent()) {
                JsonNode stored = parse(current.get().bytes());
                Optional<Instant> storedFinish = finishedAt(stored);
                if (storedFinish.isPresent() && storedFinish.get().isAfter(report.finishedAt())) {
                    return "kept_newer";
                }
                if (stored.path("run_id").asText().equals(runId) && storedFinish.isPresent()
                        && storedFinish.get().equals(report.finishedAt())) {
                    return "already_published";
                }
            }
            if (writer.replaceIfUnchanged(key, summary, runId, current.map(S3ObjectWriter.Stored::etag))) {
                return "replaced";
            }
        }
        throw new SinkException(writer.location(key) + ": other runs kept replacing it; gave up after "
                + LATEST_ATTEMPTS + " conditional writes");
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            // an unreadable latest.json is replaced: it holds nothing a newer run must keep
            return JSON.createObjectNode();
        }
    }

    private static Optional<Instant> finishedAt(JsonNode summary) {
        try {
            return Optional.of(Instant.parse(summary.path("finished_at").asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Settings of an {@link S3ReportSink}. */
    public static final class Builder {
        private S3Client s3;
        private String bucket;
        private String prefix = "";
        private String kmsKeyId = "";
        private Clock clock = Clock.systemUTC();
        private RetryStrategy retryStrategy;

        private Builder() {}

        /** The S3 client (built once per container and shared). */
        public Builder s3(S3Client s3) {
            this.s3 = s3;
            return this;
        }

        /** The bucket to write to. */
        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** A key prefix (see {@link S3Layout#of(String)}); none by default. */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** A KMS key id, ARN or alias for SSE-KMS; empty (the default) for SSE-S3 (AES256). */
        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        /** The clock stamped into object metadata ({@code scalewatch-published-at}); UTC system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The retry strategy of every S3 call; {@link SinkRetry#standard(int)} with 5 attempts by default. */
        public Builder retryStrategy(RetryStrategy retryStrategy) {
            this.retryStrategy = retryStrategy;
            return this;
        }

        /**
         * The sink.
         *
         * @throws IllegalArgumentException naming the missing or invalid setting
         */
        public S3ReportSink build() {
            if (s3 == null) {
                throw new IllegalArgumentException("S3ReportSink needs an S3 client: s3(client)");
            }
            if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("S3ReportSink bucket must be an S3 bucket name (3-63 of a-z 0-9 . -,"
                        + " starting and ending with a letter or digit), got '" + bucket + "'");
            }
            Objects.requireNonNull(kmsKeyId, "kmsKeyId");
            Objects.requireNonNull(clock, "clock");
            return new S3ReportSink(this, S3Layout.of(prefix), retryStrategy != null ? retryStrategy
                    : SinkRetry.standard(SinkRetry.DEFAULT_MAX_ATTEMPTS));
        }
    }
}
