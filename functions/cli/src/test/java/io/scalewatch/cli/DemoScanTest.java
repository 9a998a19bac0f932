package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.normalize.RecordSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `scalewatch demo` end to end: the bundled day fires every MAESTRO layer, the background alone fires nothing. */
class DemoScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static CliRun full;
    private static CliRun background;

    @BeforeAll
    static void runDemo() {
        full = CliRun.of("demo", "--out", dir.resolve("full").toString());
        background = CliRun.of("demo", "--out", dir.resolve("background").toString(), "--background-only");
    }

    private static List<JsonNode> findings(String run) throws IOException {
        return Files.readAllLines(dir.resolve(run).resolve("findings.jsonl")).stream().map(DemoScanTest::parse).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("findings.jsonl line is not JSON: " + line, e);
        }
    }

    private static boolean activity(JsonNode finding) {
        String kind = finding.path("kind").asText();
        return kind.equals("event") || kind.equals("window");
    }

    @Test
    void demo_fullDay_exitsOkAndPrintsTheLayerTable() {
        assertThat(full.exitCode()).as(full.err()).isEqualTo(ExitCode.OK);
        for (MaestroLayer layer : MaestroLayer.values()) {
            assertThat(full.out()).contains(layer.name() + " " + layer.title());
        }
        assertThat(full.out()).contains("findings (highest AIVSS first)").contains("castai");
    }

    @Test
    void demo_fullDay_opensWithThePathAndFileUrlOfItsHtmlReport() throws IOException {
        Path html = dir.resolve("full").resolve("report.html").toAbsolutePath().normalize();
        List<String> lines = full.out().lines().toList();

        assertThat(lines.get(0)).isEqualTo("report    " + html);
        assertThat(lines.get(1).strip()).isEqualTo(html.toUri().toString()).startsWith("file:///");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("default-src 'none'".replace("'", "&#39;"))
                .contains("castai-eks-demo").doesNotContain("<script");
        for (MaestroLayer layer : MaestroLayer.values()) {
            assertThat(page).contains(layer.name() + " " + layer.title());
        }
        for (JsonNode finding : findings("full")) {
            assertThat(page).contains(finding.path("id").asText());
        }
    }

    @Test
    void demo_fullDay_everyLayerHasAnActivityFinding() throws IOException {
        List<JsonNode> findings = findings("full");
        for (MaestroLayer layer : MaestroLayer.values()) {
            assertThat(findings).as("activity findings in " + layer)
                    .anyMatch(f -> f.path("layer").asText().equals(layer.name()) && activity(f));
        }
    }

    @Test
    void demo_backgroundOnly_raisesNoActivityFinding() throws IOException {
        assertThat(background.exitCode()).as(background.err()).isEqualTo(ExitCode.OK);
        assertThat(findings("background")).filteredOn(DemoScanTest::activity)
                .extracting(f -> f.path("rule_id").asText() + ": " + f.path("detail").asText())
                .isEmpty();
    }

    @Test
    void demo_fullDay_explainsNoveltyAgainstTheBundledFourWeekHistory() throws IOException {
        List<JsonNode> novelty = findings("full").stream()
                .filter(f -> f.path("rule_id").asText().equals("SW-L5-007")).toList();

        assertThat(novelty).isNotEmpty().allSatisfy(f -> assertThat(f.path("detail").asText())
                .contains("baseline learned from 2026-10-27 to 2026-11-24 over 2688 runs"));
        assertThat(novelty).extracting(f -> f.path("detail").asText())
                .anyMatch(d -> d.startsWith("first GPU instance family ever launched by this identity: "))
                .anyMatch(d -> d.startsWith("first call from network "));
        assertThat(Files.readString(dir.resolve("full").resolve("input").resolve("baseline.json")))
                .contains("\"runs\" : 2689");
    }

    @Test
    void demo_backgroundIsAtLeastTenTimesTheIncidents() throws IOException {
        long all = summary("full").path("events").path("in_scope").asLong();
        long benign = summary("background").path("events").path("in_scope").asLong();
        assertThat(benign).isPositive();
        assertThat(benign).isGreaterThanOrEqualTo(10 * (all - benign));
        assertThat(all - benign).isPositive();
    }

    @Test
    void demo_evidenceEventIds_areEventsOfTheWatchedIdentity() throws IOException {
        Set<String> uids = new HashSet<>();
        IdentityMatcher identity = DemoData.identity();
        AuditLogReader reader = AuditLogReader.create();
        for (Path file : DemoData.activity(dir.resolve("full").resolve("input"), true)) {
            reader.read(file, RecordSink.of(e -> {
                if (identity.matches(e)) {
                    uids.add(e.metadata().uid());
                }
            }, q -> { }));
        }
        List<JsonNode> withEvents = findings("full").stream().filter(DemoScanTest::activity).toList();
        assertThat(withEvents).isNotEmpty().allSatisfy(f -> {
            assertThat(f.path("evidence").path("event_ids")).as(f.path("rule_id").asText()).isNotEmpty();
            f.path("evidence").path("event_ids").forEach(id -> assertThat(uids).contains(id.asText()));
        });
    }

    @Test
    void demo_summary_holdsProfileCountsAndSources() throws IOException {
        JsonNode summary = summary("full");
        assertThat(summary.path("profile").path("id").asText()).isEqualTo("castai");
        assertThat(summary.path("profile").path("non_conformant_estimate").asBoolean()).isTrue();
        assertThat(summary.path("profile").path("factors")).hasSize(10);
        assertThat(summary.path("profile").path("aars").decimalValue()).isEqualByComparingTo("4.9");
        assertThat(summary.path("findings").path("by_layer_and_band").size()).isEqualTo(7);
        assertThat(summary.path("highest_aivss_by_layer").size()).isEqualTo(7);
        assertThat(summary.path("top_findings")).isNotEmpty();
        assertThat(summary.path("sources")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(summary.path("posture").path("identities")).hasSize(3);
        assertThat(summary.path("quarantine").path("total").isNumber()).isTrue();
    }

    @Test
    void demo_fullDay_writesTheUsageReportPerPostureBesideTheSummary() throws IOException {
        JsonNode usage = JSON.readTree(dir.resolve("full").resolve("usage.json").toFile());

        assertThat(usage.path("run_id").asText()).isEqualTo(summary("full").path("run_id").asText());
        assertThat(usage.path("usage")).extracting(e -> e.path("cloud").asText())
                .containsExactlyInAnyOrder("aws", "gcp", "azure");
        assertThat(usage.path("usage")).allSatisfy(entry -> {
            assertThat(entry.path("used")).as(entry.path("cloud").asText()).isNotEmpty();
            // the bundled four-week history (whether it covers the lookback depends on the scan's end: now)
            assertThat(entry.path("history").path("runs").asLong()).isEqualTo(2688);
        });
        // AWS: the incident's enumeration is denied, mostly for permissions the role does not hold
        JsonNode aws = usage.path("usage").findParents("cloud").stream()
                .filter(e -> e.path("cloud").asText().equals("aws")).findFirst().orElseThrow();
        assertThat(aws.path("denied")).anySatisfy(d -> {
            assertThat(d.path("action").asText()).isEqualTo("s3:listbuckets");
            assertThat(d.path("granted").asBoolean()).isFalse();
        });
        assertThat(aws.path("pass_role").path("passed")).extracting(JsonNode::asText)
                .contains("arn:aws:iam::111122223333:instance-profile/castai-demo-node-profile");
        assertThat(full.out()).containsPattern("usage     [0-9,]+ permissions used, [0-9,]+ granted never used, "
                + "[0-9,]+ denied \\(usage.json\\)");
        assertThat(Files.readString(dir.resolve("full").resolve("report.html"))).contains("<section id=\"usage\">");
    }

    @Test
    void demo_findingIds_areStableAcrossRuns() throws IOException {
        Set<String> first = new HashSet<>();
        findings("full").forEach(f -> first.add(f.path("id").asText()));
        CliRun again = CliRun.of("demo", "--out", dir.resolve("again").toString());
        assertThat(again.exitCode()).isEqualTo(ExitCode.OK);
        Set<String> second = new HashSet<>();
        findings("again").forEach(f -> second.add(f.path("id").asText()));
        assertThat(second).isEqualTo(first);
    }

    private static JsonNode summary(String run) throws IOException {
        return JSON.readTree(dir.resolve(run).resolve("summary.json").toFile());
    }
}
