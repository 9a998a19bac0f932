package io.scalewatch.aws.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.aws.SinkFixtures;
import io.scalewatch.core.aivss.AivssScore;
import io.scalewatch.core.aivss.AivssVersion;
import io.scalewatch.core.aivss.Band;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.aivss.ThreatMultiplier;
import io.scalewatch.core.finding.Evidence;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.suppress.Suppression;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.Note;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;
import software.amazon.awssdk.services.securityhub.model.Workflow;
import software.amazon.awssdk.services.securityhub.model.WorkflowStatus;

class AsffMapperTest {
    private static final Instant T1 = Instant.parse("2026-11-24T16:00:00Z");
    private static final AsffMapper MAPPER = new AsffMapper(
            "arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default", "111122223333", "us-east-1",
            "scalewatch");

    private static ScanReport report(String file) {
        return SinkFixtures.report("run-1", T1, SinkFixtures.ruleFindings(file));
    }

    private static AwsSecurityFinding map(ScanReport report, Finding finding, Optional<AwsSecurityFinding> stored,
            Instant now) {
        return MAPPER.map(finding, report.request().identity(), report.startedAt(), stored, now);
    }

    @ParameterizedTest
    @CsvSource({"0.0, INFORMATIONAL", "0.1, LOW", "3.9, LOW", "4.0, MEDIUM", "6.9, MEDIUM", "7.0, HIGH", "8.9, HIGH",
        "9.0, CRITICAL", "10.0, CRITICAL"})
    void severity_aivssBand_givesTheLabelAndTheScoreAsOriginal(String score, SeverityLabel label) {
        BigDecimal value = new BigDecimal(score);
        AivssScore aivss = new AivssScore(AivssVersion.V0_5, value, BigDecimal.ZERO, ThreatMultiplier.ATTACKED,
                MitigationFactor.NONE_OR_WEAK, value, Band.of(value), "custom", BigDecimal.ZERO, AivssVersion.V0_5,
                false);

        assertThat(AsffMapper.severity(aivss).label()).isEqualTo(label);
        assertThat(AsffMapper.severity(aivss).original()).isEqualTo(score);
    }

    @Test
    void map_activityFinding_takesItsTimesFromTheEvidence() {
        ScanReport report = report("aws-run1.jsonl");
        Finding window = report.findings().stream().filter(f -> f.rule().ruleId().equals("SW-L2-005")).findFirst()
                .orElseThrow();

        AwsSecurityFinding asff = map(report, window, Optional.empty(), T1);

        assertThat(asff.createdAt()).isEqualTo(Instant.ofEpochMilli(window.rule().evidence().firstSeenMs()).toString());
        assertThat(asff.lastObservedAt())
                .isEqualTo(Instant.ofEpochMilli(window.rule().evidence().lastSeenMs()).toString());
        assertThat(asff.productFields().get("scalewatch/event_ids")).hasSizeLessThanOrEqualTo(2048)
                .endsWith(" more)");
        assertThat(asff.productFields()).containsEntry("scalewatch/event_count", "200");
    }

    @Test
    void map_storedFinding_keepsItsCreationAndFirstObservation() {
        ScanReport report = report("aws-run1.jsonl");
        Finding finding = report.findings().get(0);
        AwsSecurityFinding stored = map(report, finding, Optional.empty(), T1).toBuilder()
                .createdAt("2026-11-01T00:00:00Z").firstObservedAt("2026-11-01T00:00:00Z").build();

        AwsSecurityFinding again = map(report, finding, Optional.of(stored), T1.plusSeconds(60));

        assertThat(again.createdAt()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(again.firstObservedAt()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(again.updatedAt()).isEqualTo("2026-11-24T16:01:00Z");
    }

    @Test
    void map_manyEvidenceCounts_keepsProductFieldsWithinOurShareOfFifty() {
        RuleFinding base = SinkFixtures.ruleFindings("aws-run1.jsonl").get(0);
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < 80; i++) {
            counts.put("count_" + i, (long) i);
        }
        RuleFinding busy = new RuleFinding(base.ruleId(), base.layer(), base.kind(), base.severity(), base.cvssBase(),
                base.title(), base.remediation(), base.attack(), base.stratus(), base.resource(), base.detail(), false,
                base.cloud(), new Evidence(base.evidence().eventIds(), counts, 1, 2, List.of()));
        ScanReport report = SinkFixtures.report("run-1", T1, List.of(busy));

        AwsSecurityFinding asff = map(report, report.findings().get(0), Optional.empty(), T1);

        assertThat(asff.productFields()).hasSize(AsffMapper.MAX_PRODUCT_FIELDS)
                .containsKeys("scalewatch/identity", "scalewatch/rule_id", "scalewatch/count/count_0");
    }

    @Test
    void archived_storedFinding_isArchivedLaterWithoutCustomerManagedFields() {
        ScanReport report = report("aws-run1.jsonl");
        AwsSecurityFinding stored = map(report, report.findings().get(0), Optional.empty(), T1).toBuilder()
                .workflow(Workflow.builder().status(WorkflowStatus.NOTIFIED).build())
                .note(Note.builder().text("ticket 42").updatedBy("analyst").updatedAt("2026-11-24T16:05:00Z").build())
                .userDefinedFields(Map.of("ticket", "42")).processedAt("2026-11-24T16:00:01Z").build();

        AwsSecurityFinding archived = MAPPER.archived(stored, T1);

        assertThat(archived.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(archived.updatedAt()).isEqualTo("2026-11-24T16:00:00.001Z");
        assertThat(archived.workflow()).isNull();
        assertThat(archived.note()).isNull();
        assertThat(archived.hasUserDefinedFields()).isFalse();
        assertThat(archived.processedAt()).isNull();
        assertThat(archived.id()).isEqualTo(stored.id());
        assertThat(archived.title()).isEqualTo(stored.title());
    }

    @Test
    void suppressed_storedFinding_isArchivedWithCleanedOwnerReasonAndExpiryAndNoWorkflow() {
        ScanReport report = report("aws-run1.jsonl");
        AwsSecurityFinding stored = map(report, report.findings().get(0), Optional.empty(), T1).toBuilder()
                .workflow(Workflow.builder().status(WorkflowStatus.NOTIFIED).build()).build();
        // a hostile owner: an ANSI escape, a bidi override and a line break must not survive into ASFF
        Suppression entry = new Suppression(0, "SW-L6-*", "", "", "", "", "", "ops\u001b[31m\u202eteam",
                "accepted\nrisk", Instant.parse("2027-01-31T00:00:00Z"), null);

        AwsSecurityFinding suppressed = MAPPER.suppressed(stored, entry, T1);

        assertThat(suppressed.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(suppressed.workflow()).isNull();
        assertThat(suppressed.updatedAt()).isEqualTo("2026-11-24T16:00:00.001Z");
        assertThat(suppressed.productFields())
                .containsEntry("scalewatch/suppressed", "true")
                .containsEntry("scalewatch/suppression_owner", "ops[31mteam")
                .containsEntry("scalewatch/suppression_reason", "accepted risk")
                .containsEntry("scalewatch/suppression_expires", "2027-01-31T00:00:00Z")
                .containsEntry("scalewatch/rule_id", stored.productFields().get("scalewatch/rule_id"));
    }

    @Test
    void withoutEvidenceLists_findingWithEventIds_dropsThemAndSaysSo() {
        ScanReport report = report("aws-run1.jsonl");
        AwsSecurityFinding asff = map(report, report.findings().get(0), Optional.empty(), T1);

        AwsSecurityFinding trimmed = AsffMapper.withoutEvidenceLists(asff);

        assertThat(trimmed.productFields()).doesNotContainKeys("scalewatch/event_ids", "scalewatch/sources")
                .containsEntry("scalewatch/evidence_trimmed", "true");
        assertThat(AsffSize.bytes(trimmed)).isLessThan(AsffSize.bytes(asff));
    }

    @Test
    void joinCapped_valuesOverTheFieldLimit_listWholeValuesAndTheRestAsACount() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(String.format("%036d", i));
        }

        String joined = AsffMapper.joinCapped(ids);

        assertThat(joined.length()).isLessThanOrEqualTo(2048);
        int listed = joined.substring(0, joined.indexOf(" (+")).split(",").length;
        assertThat(joined).endsWith(" (+" + (100 - listed) + " more)");
        assertThat(listed).isGreaterThan(50);
    }
}
