package io.scalewatch.core.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.aivss.AivssVersion;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.event.CloudLocation;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.finding.Evidence;
import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.finding.RuleKind;
import io.scalewatch.core.finding.Severity;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.FindingScorer;
import io.scalewatch.core.report.QuarantineTally;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.scan.ActivityHistogram;
import io.scalewatch.core.scan.Evaluation;
import io.scalewatch.core.scan.EvidenceEvents;
import io.scalewatch.core.scan.ScanRequest;
import io.scalewatch.core.scan.SourceReport;
import java.math.BigDecimal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final long FIVE_MB = 5L * 1024 * 1024;
    private static ScanReport hostile;

    @BeforeAll
    static void scan(@TempDir Path dir) {
        hostile = HostileScan.scan(dir);
    }

    @Test
    void render_hostileScan_holdsEverySection() {
        String html = HtmlReport.render(hostile);

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("id=\"identity\"", "id=\"profile\"", "id=\"heatmap\"", "id=\"distribution\"",
                        "id=\"timeline\"", "id=\"top\"", "id=\"findings\"", "id=\"scanned\"", "id=\"not-scanned\"")
                .contains("Autonomy of Action", "L4 Deployment and Infrastructure", "SW-L4-001", "Remediation.")
                .contains("1 records could not be normalized");
        assertThat(hostile.raised()).isNotEmpty();
        hostile.raised().forEach(f -> assertThat(html).contains(f.id()));
    }

    @Test
    void render_hostileScan_noMarkupOfTheInputSurvives() {
        String html = HtmlReport.render(hostile);

        // the page has no script at all, and every tag is one the renderer wrote
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img")
                .doesNotContainIgnoringCase("<iframe").doesNotContainIgnoringCase("<svg onload")
                .doesNotContainIgnoringCase("<body onload")
                .doesNotContainPattern("(?i)<[a-z][^>]*\\son[a-z]+\\s*=");
        assertThat(html).contains("&lt;script&gt;document.title=&#39;sw&#39;+&#39;pwn&#39;+&#39;1&#39;&lt;/script&gt;")
                .contains("&amp;lt;script&amp;gt;document.title");
        // javascript: text is harmless as text; it must never become a link target
        Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (hrefs.find()) {
            assertThat(hrefs.group(1)).startsWith("#");
        }
    }

    @Test
    void render_anyReport_declaresStrictCspWhoseHashMatchesTheStyle() throws Exception {
        String html = HtmlReport.render(hostile);
        String css = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8)));

        assertThat(HtmlReport.contentSecurityPolicy()).startsWith("default-src 'none'; style-src 'sha256-" + hash + "'")
                .doesNotContain("script-src").doesNotContain("unsafe");
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;;");
        assertThat(html.indexOf("Content-Security-Policy")).isLessThan(html.indexOf("<title>"));
    }

    @Test
    void render_sameReportTwice_sameBytes() {
        assertThat(HtmlReport.render(hostile)).isEqualTo(HtmlReport.render(hostile));
    }

    @Test
    void render_hostileScan_printsTheEvidenceEventOfTheTopFinding() {
        String html = HtmlReport.render(hostile);
        Finding top = hostile.raised().get(0);
        String id = top.rule().evidence().eventIds().get(0);

        assertThat(hostile.evaluation().evidenceEvents().json(id)).isPresent();
        assertThat(html).contains("<summary>event " + Html.text(id) + "</summary><pre>");
    }

    @Test
    void render_worstCaseScan_staysUnderFiveMegabytesAndListsEveryFinding() throws IOException {
        ScanReport report = worstCase(5_000);

        byte[] html = HtmlReport.renderUtf8(report);
        // kept for a look and for timing it in a browser (docs/report.md)
        Files.createDirectories(Path.of("target", "html-report"));
        Files.write(Path.of("target", "html-report", "worst-case.html"), html);

        assertThat((long) html.length).isLessThan(FIVE_MB);
        String page = new String(html, StandardCharsets.UTF_8);
        assertThat(Pattern.compile("<tr><td class=\"n\">").matcher(page).results().count())
                .isGreaterThanOrEqualTo(5_000);
        assertThat(Pattern.compile("instance/i-(\\d{17})</td>").matcher(page).results().map(m -> m.group(1))
                .distinct().count()).isEqualTo(5_000);
    }

    @Test
    void displayWidth_aDayOfMinutes_fiveMinuteBars() {
        assertThat(HtmlReport.displayWidth(60_000L, 86_400_000L)).isEqualTo(900_000L);
        assertThat(HtmlReport.displayWidth(60_000L, 3_600_000L)).isEqualTo(60_000L);
        assertThat(HtmlReport.displayWidth(604_800_000L, 100L * 365 * 86_400_000L) % 604_800_000L).isZero();
    }

    /**
     * The largest report the bounds allow: a full timeline, {@code n} findings each with the capped 500 evidence
     * ids, and the largest evidence events for the detailed ones.
     */
    private static ScanReport worstCase(int n) {
        var profile = AgentProfiles.builtIn("castai");
        long t0 = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
        List<ActivityHistogram.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            buckets.add(new ActivityHistogram.Bucket(t0 + i * 60_000L, 100, 3, 40));
        }
        List<RuleFinding> rules = new ArrayList<>();
        Map<String, String> events = new HashMap<>();
        String bigEvent = "{\n  \"api\" : \"" + "x".repeat(16_000) + "\"\n}";
        for (int i = 0; i < n; i++) {
            List<String> ids = new ArrayList<>();
            for (int j = 0; j < 500; j++) {
                ids.add(String.format("%08d-aaaa-bbbb-cccc-%012d", i, j));
            }
            ids.subList(0, 3).forEach(id -> events.put(id, bigEvent));
            rules.add(new RuleFinding("SW-L4-" + String.format("%03d", i % 1000), MaestroLayer.values()[i % 7],
                    RuleKind.EVENT, Severity.HIGH, new BigDecimal("7.5"), "A finding title of ordinary length here",
                    "Remediation text. ".repeat(20), List.of("T1496"), List.of(), "arn:aws:ec2:us-east-1:111122223333:"
                    + "instance/i-" + String.format("%017d", i), "detail ".repeat(20), false,
                    new CloudLocation(CloudProvider.AWS, "111122223333", "us-east-1"),
                    new Evidence(ids, Map.of("events", 500L), t0 + i * 1000L, t0 + i * 1000L + 5000, List.of())));
        }
        List<SourceReport> sources = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sources.add(new SourceReport("s3://org-trail/AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/24/file-"
                    + i + ".json.gz", ReadCounts.none(), 100));
        }
        ScanRequest request = new ScanRequest("run-big", IdentityMatcher.parse(
                "arn:aws:iam::111122223333:role/castai-eks-demo"), profile, AivssVersion.V0_5,
                MitigationFactor.NONE_OR_WEAK, null, List.of(), List.of(), List.of(), t0, t0 + 86_400_000L);
        Evaluation evaluation = new Evaluation(rules, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode(), sources, 409_600, t0, t0 + 86_000_000L, 410, 0, 0,
                new ActivityHistogram(60_000L, buckets, 0), new EvidenceEvents(events));
        FindingScorer scorer = new FindingScorer(profile, AivssVersion.V0_5, MitigationFactor.NONE_OR_WEAK,
                request.identity().value(), "run-big");
        return new ScanReport(request, Instant.ofEpochMilli(t0), Instant.ofEpochMilli(t0 + 1000), evaluation,
                rules.stream().map(scorer::score).toList(), new QuarantineTally(r -> { }), 60);
    }
}
