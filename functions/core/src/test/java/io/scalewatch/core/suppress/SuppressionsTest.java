package io.scalewatch.core.suppress;

import static io.scalewatch.core.suppress.SuppressFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.FindingJson;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.report.SummaryJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuppressionsTest {
    private final List<Finding> findings = SuppressFixtures.findings();

    @Test
    void apply_validFile_suppressesCoveredFindingsWithTheFirstActiveEntry() {
        SuppressionResult result = SuppressFixtures.valid().apply(findings, NOW);

        assertThat(result.of(findings.get(0).id())).get().extracting(Suppression::index).isEqualTo(0);
        assertThat(result.of(findings.get(2).id())).get().extracting(Suppression::index).isEqualTo(1);
        assertThat(result.of(findings.get(3).id())).get().extracting(Suppression::index).isEqualTo(4);
        assertThat(result.of(findings.get(1).id())).isEmpty();
    }

    @Test
    void apply_expiredEntry_suppressesNothingAndCountsWhatItWouldCover() {
        SuppressionResult result = SuppressFixtures.valid().apply(findings, NOW);

        assertThat(result.expired()).singleElement().satisfies(e -> {
            assertThat(e.suppression().index()).isEqualTo(2);
            assertThat(e.wouldMatch()).isEqualTo(1);
        });
    }

    @Test
    void apply_entryCoveringNothing_isStale() {
        SuppressionResult result = SuppressFixtures.valid().apply(findings, NOW);

        assertThat(result.stale()).extracting(Suppression::index).containsExactly(3);
    }

    @Test
    void apply_atTheExpiryInstant_noLongerSuppresses() {
        Suppressions suppressions = SuppressFixtures.valid();
        Instant expiry = suppressions.entries().get(0).expires();

        assertThat(suppressions.apply(findings, expiry.minusMillis(1)).of(findings.get(0).id())).isPresent();
        assertThat(suppressions.apply(findings, expiry).of(findings.get(0).id())).isEmpty();
        assertThat(suppressions.apply(findings, expiry).expired()).extracting(e -> e.suppression().index())
                .contains(0);
    }

    @Test
    void apply_findingIdEntry_coversOnlyThatFinding() {
        Suppression byId = new Suppression(0, "SW-L4-*", "", "", "", "", findings.get(1).id(), "o", "r",
                NOW.plusSeconds(60), null);

        SuppressionResult result = new Suppressions("inline", List.of(byId)).apply(findings, NOW);

        assertThat(result.byFindingId()).containsOnlyKeys(findings.get(1).id());
    }

    @ParameterizedTest
    @CsvSource({
        "SW-L4-001, SW-L4-001, true",
        "sw-l4-*, SW-L4-001, true",
        "SW-L4-00?, SW-L4-001, true",
        "SW-L4-00?, SW-L4-0010, false",
        "SW-L4, SW-L4-001, false",
        "*-001, SW-L4-001, true",
        "SW-*-*-*, SW-L4-001, false",
    })
    void covers_ruleGlob_matchesIgnoringCase(String rule, String ruleId, boolean expected) {
        assertThat(Glob.matches(rule, ruleId, true)).isEqualTo(expected);
    }

    @Test
    void covers_resourceGlob_isCaseSensitiveAndRegionGlobNeedsARegion() {
        Suppression upper = new Suppression(0, "SW-L4-001", "", "", "", "ARN:AWS:*", "", "o", "r",
                NOW.plusSeconds(60), null);
        Suppression region = new Suppression(1, "SW-L6-008", "", "", "us-*", "", "", "o", "r", NOW.plusSeconds(60),
                null);

        assertThat(upper.covers(findings.get(0))).isFalse();
        assertThat(region.covers(findings.get(2))).isFalse();
    }

    @Test
    void report_validFile_partitionsRaisedDryRunAndSuppressed() {
        ScanReport report = SuppressFixtures.report(SuppressFixtures.valid());

        assertThat(report.raised()).containsExactly(findings.get(1));
        assertThat(report.dryRun()).containsExactly(findings.get(3));
        assertThat(report.suppressed()).containsExactlyInAnyOrder(findings.get(0), findings.get(2));
        assertThat(report.top(10)).containsExactly(findings.get(1));
    }

    @Test
    void report_noSuppressions_raisesEverythingButDryRun() {
        ScanReport report = SuppressFixtures.report(Suppressions.none());

        assertThat(report.raised()).hasSize(3).doesNotContain(findings.get(3));
        assertThat(report.suppressed()).isEmpty();
        assertThat(SummaryJson.of(report).at("/suppressions/entries").asInt()).isZero();
    }

    @Test
    void findingJson_suppressedFinding_carriesOwnerReasonExpiryAndEntry() {
        ScanReport report = SuppressFixtures.report(SuppressFixtures.valid());

        ObjectNode suppressed = FindingJson.of(report, findings.get(0));
        ObjectNode raised = FindingJson.of(report, findings.get(1));

        assertThat(suppressed.path("suppressed").asBoolean()).isTrue();
        assertThat(suppressed.at("/suppression/owner").asText()).isEqualTo("ml-platform@example.com");
        assertThat(suppressed.at("/suppression/reason").asText()).isEqualTo("GPU pool for the ML team; accepted in"
                + " OPS-412");
        assertThat(suppressed.at("/suppression/expires").asText()).isEqualTo("2027-03-01T00:00:00Z");
        assertThat(suppressed.at("/suppression/created").asText()).isEqualTo("2026-11-20T00:00:00Z");
        assertThat(suppressed.at("/suppression/entry").asInt()).isZero();
        assertThat(suppressed.at("/suppression/source").asText()).endsWith("valid.json");
        assertThat(raised.path("suppressed").asBoolean()).isFalse();
        assertThat(raised.has("suppression")).isFalse();
    }

    @Test
    void summaryJson_validFile_countsRaisedDryRunSuppressedAndListsExpiredAndStale() {
        ObjectNode summary = SummaryJson.of(SuppressFixtures.report(SuppressFixtures.valid()));

        assertThat(summary.at("/findings/total").asInt()).isEqualTo(1);
        assertThat(summary.at("/findings/raised").asInt()).isEqualTo(1);
        assertThat(summary.at("/findings/dry_run").asInt()).isEqualTo(1);
        assertThat(summary.at("/findings/suppressed").asInt()).isEqualTo(2);
        assertThat(summary.at("/suppressions/entries").asInt()).isEqualTo(5);
        assertThat(summary.at("/suppressions/suppressed_findings").asInt()).isEqualTo(2);
        assertThat(summary.at("/suppressions/evaluated_at").asText()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(summary.at("/suppressions/expired/0/entry").asInt()).isEqualTo(2);
        assertThat(summary.at("/suppressions/expired/0/owner").asText()).isEqualTo("finops");
        assertThat(summary.at("/suppressions/expired/0/expires").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(summary.at("/suppressions/expired/0/would_match").asInt()).isEqualTo(1);
        assertThat(summary.at("/suppressions/stale/0/entry").asInt()).isEqualTo(3);
        assertThat(summary.at("/suppressions/stale/0/rule").asText()).isEqualTo("SW-L5-003");
        assertThat(summary.at("/suppressions/warnings")).hasSize(2);
        assertThat(summary.at("/suppressions/warnings/0").asText()).contains("suppression 2", "expired",
                "raised again");
        assertThat(summary.at("/suppressions/warnings/1").asText()).contains("suppression 3", "matched no finding");
    }
}
