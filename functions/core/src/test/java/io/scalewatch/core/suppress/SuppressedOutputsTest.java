package io.scalewatch.core.suppress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.report.html.HtmlReport;
import io.scalewatch.core.report.ocsf.OcsfDetectionFinding;
import io.scalewatch.core.report.ocsf.PinnedOcsfSchema;
import org.junit.jupiter.api.Test;

/**
 * Suppressed findings in the report outputs: OCSF status Suppressed, not an alert, the entry under unmapped, still
 * schema-valid; the HTML report lists them apart with owner, reason and expiry.
 */
class SuppressedOutputsTest {

    @Test
    void of_suppressedFinding_isStatusSuppressedNotAlertAndValid() {
        ScanReport report = SuppressFixtures.report(SuppressFixtures.valid());
        PinnedOcsfSchema schema = PinnedOcsfSchema.load();
        assertThat(report.suppressed()).isNotEmpty();

        for (Finding finding : report.suppressed()) {
            JsonNode ocsf = OcsfDetectionFinding.of(finding, report);
            Suppression entry = report.suppression(finding).orElseThrow();

            assertThat(schema.problems(ocsf)).as(finding.rule().ruleId()).isEmpty();
            assertThat(ocsf.path("status_id").asInt()).isEqualTo(3);
            assertThat(ocsf.path("status").asText()).isEqualTo("Suppressed");
            assertThat(ocsf.path("is_alert").asBoolean()).isFalse();
            assertThat(ocsf.path("comment").asText()).contains(entry.owner()).contains(entry.reason());
            JsonNode ours = ocsf.path("unmapped").path(OcsfDetectionFinding.UNMAPPED_KEY);
            assertThat(ours.path("suppressed").asBoolean()).isTrue();
            assertThat(ours.path("suppression").path("owner").asText()).isEqualTo(entry.owner());
            assertThat(ours.path("suppression").path("expires").asText()).isEqualTo(entry.expires().toString());
        }
    }

    @Test
    void of_raisedFinding_staysNew() {
        ScanReport report = SuppressFixtures.report(SuppressFixtures.valid());
        Finding raised = report.findings().stream().filter(f -> report.suppression(f).isEmpty()).findFirst()
                .orElseThrow();

        JsonNode ocsf = OcsfDetectionFinding.of(raised, report);

        assertThat(ocsf.path("status_id").asInt()).isEqualTo(1);
        assertThat(ocsf.has("comment")).isFalse();
        assertThat(ocsf.path("unmapped").path(OcsfDetectionFinding.UNMAPPED_KEY).has("suppressed")).isFalse();
    }

    @Test
    void render_suppressedFindings_listedApartWithOwnerReasonAndExpiry() {
        ScanReport report = SuppressFixtures.report(SuppressFixtures.valid());

        String html = HtmlReport.render(report);

        String section = html.substring(html.indexOf("<h3>Suppressed (" + report.suppressed().size() + ", not counted)"));
        for (Finding finding : report.suppressed()) {
            Suppression entry = report.suppression(finding).orElseThrow();
            assertThat(section).contains(finding.id()).contains(entry.owner()).contains(entry.reason())
                    .contains(entry.expires().toString());
        }
    }

    @Test
    void render_noSuppressions_noSuppressedSection() {
        String html = HtmlReport.render(SuppressFixtures.report(Suppressions.none()));

        assertThat(html).doesNotContain("<h3>Suppressed (");
    }
}
