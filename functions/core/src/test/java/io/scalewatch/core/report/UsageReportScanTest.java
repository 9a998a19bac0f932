package io.scalewatch.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.aivss.AivssVersion;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.baseline.BaselineJson;
import io.scalewatch.core.baseline.IdentityBaseline;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.WasmPolicyEngine;
import io.scalewatch.core.posture.PostureLoadResult;
import io.scalewatch.core.posture.PostureLoader;
import io.scalewatch.core.report.html.HtmlReport;
import io.scalewatch.core.scan.LocalFileSource;
import io.scalewatch.core.scan.ScanRequest;
import io.scalewatch.core.scan.Scanner;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usage report (docs/usage.md) end to end through the real Wasm engine: a Karpenter controller's window of
 * CloudTrail (a launch passing the node role's instance profile, a launch refused, a denied iam:ListRoles), its
 * IAM posture and an identity history longer than the lookback, scanned by {@link Scanner} and written by
 * {@link LocalReportWriter}.
 */
class UsageReportScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyBundle BUNDLE = PolicyBundle.fromClasspath();
    private static final String CONTROLLER = "arn:aws:iam::123456789012:role/KarpenterControllerRole-demo";
    private static final Instant END = Instant.parse("2026-11-25T12:00:00Z");

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(UsageReportScanTest.class.getResource("/" + name).toURI());
    }

    private static ScanReport scan(boolean withPosture) throws IOException, URISyntaxException {
        IdentityMatcher identity = IdentityMatcher.parse(CONTROLLER);
        PostureLoadResult posture = PostureLoader.create(Clock.fixed(END, ZoneOffset.UTC))
                .load(List.of(resource("posture-passable/aws")), identity);
        IdentityBaseline history;
        try (InputStream in = UsageReportScanTest.class.getResourceAsStream("/usage/karpenter-history.json")) {
            history = BaselineJson.read(in.readAllBytes());
        }
        ScanRequest request = new ScanRequest("run-usage", identity, AgentProfiles.builtIn("karpenter"),
                AivssVersion.V0_5, MitigationFactor.NONE_OR_WEAK, null,
                LocalFileSource.of(List.of(resource("usage/karpenter-window.json")), AuditLogReader.create()),
                withPosture ? posture.postures() : List.of(), List.of(), END.minusSeconds(3600).toEpochMilli(),
                END.toEpochMilli(), history);
        Scanner scanner = new Scanner(io.scalewatch.core.scan.ScanPipeline.builder()
                .engine(WasmPolicyEngine.create(BUNDLE, 1)).threads(1).build(), RuleCatalog.fromBundle(BUNDLE),
                Clock.fixed(END, ZoneOffset.UTC));
        return scanner.scan(request, record -> { throw new AssertionError("nothing is quarantined: " + record); });
    }

    @Test
    void scan_postureHistoryAndWindow_usageListsUsedNeverUsedDeniedAndPassedRoles() throws Exception {
        JsonNode usage = scan(true).evaluation().usage();

        assertThat(usage).hasSize(1);
        JsonNode entry = usage.get(0);
        assertThat(entry.path("cloud").asText()).isEqualTo("aws");
        assertThat(entry.path("account").asText()).isEqualTo("123456789012");
        assertThat(entry.path("identity").asText()).isEqualTo(CONTROLLER);
        assertThat(entry.path("history").path("covers_lookback").asBoolean()).isTrue();
        assertThat(entry.path("history").path("runs").asLong()).isEqualTo(3840);
        // used: this window's launch (and the PassRole it implies) plus CreateFleet from the history's lookback;
        // the refused launch and the denied ListRoles are not uses
        assertThat(texts(entry.path("used"))).containsExactlyInAnyOrder("ec2:createfleet", "ec2:runinstances",
                "iam:passrole");
        // the one named grant neither this window nor the last 30 days of history used
        assertThat(texts(entry.path("granted_never_used"))).containsExactly("ec2:CreateLaunchTemplate");
        assertThat(entry.path("denied")).hasSize(2);
        assertThat(entry.path("denied").get(0).path("action").asText()).isEqualTo("ec2:runinstances");
        assertThat(entry.path("denied").get(0).path("granted").asBoolean()).as("granted but refused").isTrue();
        assertThat(entry.path("denied").get(1).path("action").asText()).isEqualTo("iam:listroles");
        assertThat(entry.path("denied").get(1).path("granted").asBoolean()).as("used but not granted").isFalse();
        JsonNode passRole = entry.path("pass_role");
        // passed keys are compared case-insensitively, so the report lists them lowercased
        assertThat(texts(passRole.path("passed")))
                .containsExactly("arn:aws:iam::123456789012:instance-profile/karpenternoderole-demo");
        List<String> passed = new ArrayList<>();
        List<String> neverPassed = new ArrayList<>();
        passRole.path("passable").forEach(r -> (r.path("passed").asBoolean() ? passed : neverPassed)
                .add(r.path("role").asText()));
        assertThat(passed).containsExactly("arn:aws:iam::123456789012:role/KarpenterNodeRole-demo");
        assertThat(neverPassed).contains("arn:aws:iam::123456789012:role/KarpenterNodeRole-legacy-admin");
        assertThat(texts(passRole.path("unresolved_profiles"))).isEmpty();
    }

    @Test
    void write_scanWithPosture_usageJsonBesideSummaryAndUsageSectionInHtml(@TempDir Path dir) throws Exception {
        ScanReport report = scan(true);

        LocalReportWriter.write(dir, report);

        JsonNode written = JSON.readTree(dir.resolve(LocalReportWriter.USAGE).toFile());
        assertThat(written.path("run_id").asText()).isEqualTo("run-usage");
        assertThat(written.path("identity").asText()).isEqualTo(CONTROLLER);
        assertThat(written.path("window").path("start").asText()).isEqualTo("2026-11-25T11:00:00Z");
        assertThat(written.path("window").path("end").asText()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(written.path("usage")).isEqualTo(report.evaluation().usage());
        assertThat(dir.resolve(LocalReportWriter.SUMMARY)).exists();
        String html = Files.readString(dir.resolve(LocalReportWriter.HTML));
        assertThat(html).contains("<section id=\"usage\"><h2>Usage: used versus granted</h2>")
                .contains("<code>ec2:CreateLaunchTemplate</code>")
                .contains("<code>iam:listroles</code> not granted")
                .contains("<code>ec2:runinstances</code> granted but refused")
                .contains("<tr><td><code>arn:aws:iam::123456789012:role/KarpenterNodeRole-legacy-admin</code></td>"
                        + "<td>no</td></tr>")
                .doesNotContain("<script");
        assertThat(html).contains(HtmlReport.contentSecurityPolicy().replace("'", "&#39;"));
    }

    @Test
    void write_scanWithoutPosture_usageJsonHoldsAnEmptyReport(@TempDir Path dir) throws Exception {
        ScanReport report = scan(false);

        LocalReportWriter.write(dir, report);

        assertThat(JSON.readTree(dir.resolve(LocalReportWriter.USAGE).toFile()).path("usage").isArray()).isTrue();
        assertThat(JSON.readTree(dir.resolve(LocalReportWriter.USAGE).toFile()).path("usage")).isEmpty();
        assertThat(Files.readString(dir.resolve(LocalReportWriter.HTML)))
                .contains("No posture was read, so there is no grant to compare use with");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
