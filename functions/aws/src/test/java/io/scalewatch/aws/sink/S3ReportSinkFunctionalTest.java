package io.scalewatch.aws.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.aws.FaultInjectingProxy;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.S3Objects;
import io.scalewatch.aws.SinkFixtures;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentitySlug;
import io.scalewatch.core.normalize.QuarantineKind;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.FindingJson;
import io.scalewatch.core.report.QuarantineJson;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.report.SummaryJson;
import io.scalewatch.core.report.UsageJson;
import io.scalewatch.core.report.ocsf.OcsfDetectionFinding;
import io.scalewatch.core.report.html.HtmlReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** The S3 sink against the emulator: layout, content, encryption, write-once and latest.json. */
class S3ReportSinkFunctionalTest {
    private static final Instant STARTED = Instant.parse("2026-11-24T23:50:00Z");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T00:01:00Z"), ZoneOffset.UTC);
    private static final String SLUG = IdentitySlug.of(SinkFixtures.ROLE);
    private static final String HOME = "cloud=aws/account=111122223333/identity=" + SLUG;

    private S3Client s3;
    private String bucket;

    @BeforeEach
    void setUp() {
        s3 = Moto.s3();
        bucket = S3Objects.newBucket(s3);
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    private S3ReportSink.Builder sink() {
        return S3ReportSink.builder().s3(s3).bucket(bucket).prefix("scalewatch").clock(CLOCK);
    }

    @Test
    void publish_findingsOfThreeClouds_writesOneGzipJsonLinesObjectPerCloudAccount() {
        ScanReport report = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("multi-cloud.jsonl"));

        try (S3ReportSink sink = sink().build()) {
            sink.publish(report);
        }

        String date = "/date=2026-11-24/run-1";
        assertThat(S3Objects.keys(s3, bucket)).containsExactly(
                "scalewatch/findings/cloud=aws/account=111122223333/identity=" + SLUG + date + ".jsonl.gz",
                "scalewatch/findings/cloud=azure/account=3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e/identity=" + SLUG + date
                        + ".jsonl.gz",
                "scalewatch/findings/cloud=gcp/account=demo-project/identity=" + SLUG + date + ".jsonl.gz",
                "scalewatch/ocsf/cloud=aws/account=111122223333/identity=" + SLUG + date + ".jsonl.gz",
                "scalewatch/ocsf/cloud=azure/account=3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e/identity=" + SLUG + date
                        + ".jsonl.gz",
                "scalewatch/ocsf/cloud=gcp/account=demo-project/identity=" + SLUG + date + ".jsonl.gz",
                "scalewatch/reports/" + HOME + date + ".html",
                "scalewatch/summaries/" + HOME + date + ".json",
                "scalewatch/summaries/" + HOME + "/latest.json",
                "scalewatch/usage/" + HOME + date + ".json");
        List<String> gcp = S3Objects.lines(s3, bucket,
                "scalewatch/findings/cloud=gcp/account=demo-project/identity=" + SLUG + date + ".jsonl.gz");
        List<String> expected = report.findings().stream()
                .filter(f -> f.rule().cloud().provider() == CloudProvider.GCP)
                .map(f -> FindingJson.of(f).toString()).toList();
        assertThat(gcp).hasSize(2).containsExactlyElementsOf(expected);
    }

    @Test
    void publish_findings_writesTheSameFindingsAsOcsfDetectionFindingsBesideThem() {
        ScanReport report = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("multi-cloud.jsonl"));

        try (S3ReportSink sink = sink().build()) {
            sink.publish(report);
        }

        String gcpHome = "cloud=gcp/account=demo-project/identity=" + SLUG + "/date=2026-11-24/run-1.jsonl.gz";
        List<String> ocsf = S3Objects.lines(s3, bucket, "scalewatch/ocsf/" + gcpHome);
        List<Finding> gcp = report.findings().stream()
                .filter(f -> f.rule().cloud().provider() == CloudProvider.GCP).toList();
        assertThat(ocsf).hasSize(2).containsExactlyElementsOf(
                gcp.stream().map(f -> OcsfDetectionFinding.of(f, report).toString()).toList());
        List<String> nativeIds = S3Objects.jsonLines(s3, bucket, "scalewatch/findings/" + gcpHome).stream()
                .map(n -> n.path("id").asText()).toList();
        assertThat(S3Objects.jsonLines(s3, bucket, "scalewatch/ocsf/" + gcpHome).stream()
                .map(n -> n.at("/finding_info/uid").asText()).toList()).isEqualTo(nativeIds);
    }

    @Test
    void publish_report_writesSummaryAndLatestAsSummaryJson() {
        ScanReport report = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl"));

        try (S3ReportSink sink = sink().build()) {
            sink.publish(report);
        }

        String expected = SummaryJson.of(report).toPrettyString();
        assertThat(S3Objects.text(s3, bucket, "scalewatch/summaries/" + HOME + "/date=2026-11-24/run-1.json").strip())
                .isEqualTo(expected);
        assertThat(S3Objects.text(s3, bucket, "scalewatch/summaries/" + HOME + "/latest.json").strip())
                .isEqualTo(expected);
    }

    @Test
    void publish_report_writesTheUsageReportBesideTheSummaryAsUsageJson() {
        ScanReport report = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl"));

        try (S3ReportSink sink = sink().build()) {
            sink.publish(report);
        }

        String key = "scalewatch/usage/" + HOME + "/date=2026-11-24/run-1.json";
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).contentType()).isEqualTo("application/json");
        assertThat(S3Objects.text(s3, bucket, key).strip()).isEqualTo(UsageJson.of(report).toPrettyString());
        JsonNode usage = S3Objects.json(s3, bucket, key);
        assertThat(usage.path("run_id").asText()).isEqualTo("run-1");
        assertThat(usage.path("usage")).isEqualTo(SinkFixtures.usageReport());
        assertThat(usage.at("/usage/0/granted_never_used/1").asText()).isEqualTo("ssm:SendCommand");
    }

    @Test
    void publish_report_writesTheHtmlReportBesideTheSummaryAsTextHtml() {
        ScanReport report = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl"));

        try (S3ReportSink sink = sink().build()) {
            sink.publish(report);
        }

        String key = "scalewatch/reports/" + HOME + "/date=2026-11-24/run-1.html";
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).contentType()).isEqualTo(HtmlReport.CONTENT_TYPE);
        String page = S3Objects.text(s3, bucket, key);
        assertThat(page).isEqualTo(HtmlReport.render(report)).contains("Content-Security-Policy");
        report.findings().forEach(f -> assertThat(page).contains(f.id()));
    }

    @Test
    void publish_noKmsKey_encryptsEveryObjectWithSseS3() {
        try (S3ReportSink sink = sink().build()) {
            sink.publish(SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl")));
        }

        for (String key : S3Objects.keys(s3, bucket)) {
            assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).serverSideEncryption()).as(key)
                    .isEqualTo(ServerSideEncryption.AES256);
        }
    }

    @Test
    void publish_kmsKeyConfigured_encryptsEveryObjectWithThatKey() {
        String key = "arn:aws:kms:us-east-1:111122223333:key/0b7c3c8e-1111-4111-8111-111111111111";

        try (S3ReportSink sink = sink().kmsKeyId(key).build()) {
            sink.publish(SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl")));
        }

        for (String object : S3Objects.keys(s3, bucket)) {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(object));
            assertThat(head.serverSideEncryption()).as(object).isEqualTo(ServerSideEncryption.AWS_KMS);
            assertThat(head.ssekmsKeyId()).as(object).isEqualTo(key);
        }
    }

    @Test
    void publish_everyFinishedObject_isWrittenWithIfNoneMatchStar() {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint());
                S3Client viaProxy = Moto.s3(proxy.endpoint());
                S3ReportSink sink = S3ReportSink.builder().s3(viaProxy).bucket(bucket).clock(CLOCK).build()) {
            sink.accept(record(1));
            sink.publish(SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl")));

            List<FaultInjectingProxy.Request> puts = proxy.requests("PUT", "/" + bucket + "/.+");
            // findings, OCSF findings, quarantine, summary, usage, report.html, latest
            assertThat(puts).extracting(FaultInjectingProxy.Request::path).hasSize(7);
            assertThat(puts).filteredOn(p -> !p.path().endsWith("/latest.json"))
                    .allSatisfy(p -> assertThat(p.header("If-None-Match")).as(p.path()).isEqualTo("*"));
        }
    }

    @Test
    void publish_sameReportTwice_secondFindsEveryObjectInPlaceAndRewritesNothing() {
        ScanReport report = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl"));
        try (S3ReportSink first = sink().build()) {
            first.publish(report);
        }
        List<String> etags = S3Objects.keys(s3, bucket).stream()
                .map(k -> s3.headObject(b -> b.bucket(bucket).key(k)).eTag() + k).toList();

        try (S3ReportSink second = sink().clock(Clock.offset(CLOCK, Duration.ofMinutes(5))).build()) {
            second.publish(report);
        }

        assertThat(S3Objects.keys(s3, bucket).stream()
                .map(k -> s3.headObject(b -> b.bucket(bucket).key(k)).eTag() + k).toList()).isEqualTo(etags);
        String findingsKey = "scalewatch/findings/" + HOME + "/date=2026-11-24/run-1.jsonl.gz";
        assertThat(s3.headObject(b -> b.bucket(bucket).key(findingsKey)).metadata())
                .containsEntry(S3ObjectWriter.PUBLISHED_AT, "2026-11-25T00:01:00Z");
    }

    @Test
    void publish_otherFindingsUnderAFinishedRunId_failsAndKeepsTheFinishedObject() {
        String findingsKey = "scalewatch/findings/" + HOME + "/date=2026-11-24/run-1.jsonl.gz";
        try (S3ReportSink first = sink().build()) {
            first.publish(SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run1.jsonl")));
        }
        String before = S3Objects.text(s3, bucket, findingsKey);

        try (S3ReportSink second = sink().build()) {
            ScanReport other = SinkFixtures.report("run-1", STARTED, SinkFixtures.ruleFindings("aws-run2.jsonl"));
            assertThatThrownBy(() -> second.publish(other)).isInstanceOf(SinkException.class)
                    .hasMessageContaining("s3://" + bucket + "/" + findingsKey)
                    .hasMessageContaining("already exists with other content");
        }
        assertThat(S3Objects.text(s3, bucket, findingsKey)).isEqualTo(before);
    }

    @Test
    void publish_quarantinedRecords_uploadsTheSpoolAsGzipJsonLinesOfQuarantineJson() {
        List<QuarantinedRecord> records = List.of(record(1), record(2), record(3));

        try (S3ReportSink sink = sink().build()) {
            records.forEach(sink);
            sink.publish(SinkFixtures.report("run-1", STARTED, List.of()));
            assertThat(sink.quarantined()).isEqualTo(3);
        }

        assertThat(S3Objects.lines(s3, bucket, "scalewatch/quarantine/" + HOME + "/date=2026-11-24/run-1.jsonl.gz"))
                .containsExactlyElementsOf(records.stream().map(r -> QuarantineJson.of(r).toString()).toList());
    }

    @Test
    void publish_nothingQuarantinedAndNoFindings_writesOnlyTheSummariesUsageAndTheHtmlReport() {
        try (S3ReportSink sink = sink().build()) {
            sink.publish(SinkFixtures.report("run-1", STARTED, List.of()));
        }

        assertThat(S3Objects.keys(s3, bucket)).containsExactly(
                "scalewatch/reports/" + HOME + "/date=2026-11-24/run-1.html",
                "scalewatch/summaries/" + HOME + "/date=2026-11-24/run-1.json",
                "scalewatch/summaries/" + HOME + "/latest.json",
                "scalewatch/usage/" + HOME + "/date=2026-11-24/run-1.json");
    }

    @Test
    void publish_olderRunAfterNewerOne_keepsTheNewerLatest() {
        ScanReport newer = SinkFixtures.report("run-2", STARTED.plusSeconds(900), List.of());
        ScanReport older = SinkFixtures.report("run-1", STARTED, List.of());
        try (S3ReportSink sink = sink().build()) {
            sink.publish(newer);
        }

        try (S3ReportSink sink = sink().build()) {
            sink.publish(older);
        }

        assertThat(S3Objects.json(s3, bucket, "scalewatch/summaries/" + HOME + "/latest.json").path("run_id").asText())
                .isEqualTo("run-2");
        assertThat(S3Objects.keys(s3, bucket)).contains("scalewatch/summaries/" + HOME + "/date=2026-11-24/run-1.json");
    }

    @Test
    void publish_newerRunAfterOlderOne_replacesLatest() {
        try (S3ReportSink sink = sink().build()) {
            sink.publish(SinkFixtures.report("run-1", STARTED, List.of()));
        }

        try (S3ReportSink sink = sink().build()) {
            sink.publish(SinkFixtures.report("run-2", STARTED.plusSeconds(900), List.of()));
        }

        assertThat(S3Objects.json(s3, bucket, "scalewatch/summaries/" + HOME + "/latest.json").path("run_id").asText())
                .isEqualTo("run-2");
    }

    @Test
    void accept_afterPublish_failsBecauseASinkServesOneRun() {
        try (S3ReportSink sink = sink().build()) {
            sink.accept(record(1));
            sink.publish(SinkFixtures.report("run-1", STARTED, List.of()));

            assertThatThrownBy(() -> sink.accept(record(2))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already published");
        }
    }

    @Test
    void close_afterSpooling_deletesTheSpoolFile() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before;
        try (Stream<Path> files = Files.list(tmp)) {
            before = files.filter(p -> p.getFileName().toString().startsWith("scalewatch-quarantine-")).toList();
        }
        S3ReportSink sink = sink().build();
        sink.accept(record(1));
        List<Path> spooled;
        try (Stream<Path> files = Files.list(tmp)) {
            spooled = files.filter(p -> p.getFileName().toString().startsWith("scalewatch-quarantine-"))
                    .filter(p -> !before.contains(p)).toList();
        }
        assertThat(spooled).hasSize(1);

        sink.close();

        assertThat(spooled.get(0)).doesNotExist();
    }

    static QuarantinedRecord record(int line) {
        return new QuarantinedRecord("s3://trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/24/x.json.gz", line,
                CloudProvider.AWS, QuarantineKind.WRONG_TYPE, "eventTime must be a string, got a number",
                "{\"eventTime\":" + line + "}", false);
    }
}
