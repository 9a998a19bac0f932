package io.scalewatch.core.report.ocsf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.FindingJson;
import io.scalewatch.core.report.LocalReportWriter;
import io.scalewatch.core.report.ScanReport;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OcsfDetectionFindingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Finding finding(ScanReport report, String ruleId) {
        return report.findings().stream().filter(f -> f.rule().ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    @Test
    void of_eventFinding_isDetectionFindingCreateWithFindingInfoFromTheRule() {
        ScanReport report = OcsfFixtures.report("aws-rule-findings.jsonl");
        Finding finding = finding(report, "SW-L6-002");

        JsonNode ocsf = OcsfDetectionFinding.of(finding, report);

        assertThat(ocsf.path("class_uid").asInt()).isEqualTo(2004);
        assertThat(ocsf.path("category_uid").asInt()).isEqualTo(2);
        assertThat(ocsf.path("activity_id").asInt()).isEqualTo(1);
        assertThat(ocsf.path("type_uid").asLong()).isEqualTo(200401L);
        assertThat(ocsf.path("time").asLong()).isEqualTo(OcsfFixtures.FINISHED.toEpochMilli());
        assertThat(ocsf.path("is_alert").asBoolean()).isTrue();
        JsonNode info = ocsf.path("finding_info");
        assertThat(info.path("uid").asText()).isEqualTo(finding.id()).startsWith("sw-");
        assertThat(info.path("title").asText()).isEqualTo("Agent changed IAM policies, roles or bindings");
        assertThat(info.path("desc").asText()).startsWith("iam:AttachRolePolicy on arn:aws:iam::111122223333:role/");
        assertThat(info.path("first_seen_time").asLong()).isEqualTo(1795532733000L);
        assertThat(info.path("last_seen_time").asLong()).isEqualTo(1795532733000L);
        assertThat(info.at("/analytic/uid").asText()).isEqualTo("SW-L6-002");
        assertThat(info.at("/analytic/type_id").asInt()).isEqualTo(1);
        assertThat(info.at("/analytic/type").asText()).isEqualTo("Rule");
        assertThat(info.at("/related_events/0/uid").asText()).isEqualTo("4814a462-eeee-4bdb-b165-4bb864158266");
        assertThat(info.path("related_events_count").asInt()).isEqualTo(1);
        assertThat(info.path("types").toString()).contains("MAESTRO L6 Security and Compliance", "Unusual Behaviors");
        assertThat(ocsf.at("/remediation/desc").asText()).startsWith("Treat as a possible compromise of the agent");
        assertThat(ocsf.at("/metadata/version").asText()).isEqualTo(OcsfDetectionFinding.OCSF_VERSION);
        assertThat(ocsf.at("/metadata/product/name").asText()).isEqualTo("scalewatch");
        assertThat(ocsf.at("/metadata/correlation_uid").asText()).isEqualTo("run-1");
        assertThat(ocsf.at("/metadata/labels").toString()).contains("maestro:L6", "kind:event");
    }

    @Test
    void of_attackIds_areTechniquesAndSubTechniquesOfTheirTechnique() {
        ScanReport report = OcsfFixtures.report("aws-rule-findings.jsonl");

        JsonNode attacks = OcsfDetectionFinding.of(finding(report, "SW-L6-002"), report).at("/finding_info/attacks");

        // rule metadata attack: [T1098, T1098.003, T1484]
        assertThat(attacks).hasSize(3);
        assertThat(attacks.get(0).toString()).isEqualTo("{\"technique\":{\"uid\":\"T1098\"}}");
        assertThat(attacks.get(1).toString())
                .isEqualTo("{\"technique\":{\"uid\":\"T1098\"},\"sub_technique\":{\"uid\":\"T1098.003\"}}");
        assertThat(attacks.get(2).at("/technique/uid").asText()).isEqualTo("T1484");
    }

    @Test
    void of_score_mapsBandToSeverityAndRiskLevelAndScoreTimesTenToRiskScore() {
        ScanReport report = OcsfFixtures.report("aws-rule-findings.jsonl");
        Finding finding = finding(report, "SW-L6-002");

        JsonNode ocsf = OcsfDetectionFinding.of(finding, report);

        // castai profile (AIVSS v0.5, factor sum 4.9), CVSS 8.8, threat "attacked": (8.8 + 4.9) / 2 = 6.85 -> 6.9
        assertThat(finding.aivss().score()).isEqualByComparingTo("6.9");
        assertThat(ocsf.path("severity_id").asInt()).isEqualTo(3);
        assertThat(ocsf.path("severity").asText()).isEqualTo("Medium");
        assertThat(ocsf.path("risk_level_id").asInt()).isEqualTo(2);
        assertThat(ocsf.path("risk_level").asText()).isEqualTo("Medium");
        assertThat(ocsf.path("risk_score").asInt()).isEqualTo(69);
        assertThat(ocsf.path("risk_details").asText()).isEqualTo("AIVSS 0.5 score 6.9 (Medium), "
                + finding.aivss().vector());
        assertThat(ocsf.at("/unmapped/scalewatch/aivss")).isEqualTo(FindingJson.aivss(finding.aivss()));
        assertThat(ocsf.at("/unmapped/scalewatch/layer").asText()).isEqualTo("L6");
        assertThat(ocsf.at("/unmapped/scalewatch/cvss_base").decimalValue()).isEqualByComparingTo("8.8");
    }

    @ParameterizedTest
    @CsvSource({"0.0, 0", "0.1, 1", "3.9, 39", "8.7, 87", "10.0, 100", "10, 100"})
    void riskScore_aivssScore_isTheScoreTimesTen(BigDecimal aivss, int want) {
        assertThat(OcsfDetectionFinding.riskScore(aivss)).isEqualTo(want);
    }

    @Test
    void riskScore_moreThanOneDecimal_failsInsteadOfRounding() {
        assertThatThrownBy(() -> OcsfDetectionFinding.riskScore(new BigDecimal("8.75")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void of_postureFinding_isSeenAtReportTimeWithItsPolicySourcesAsEvidence() {
        ScanReport report = OcsfFixtures.report("aws-rule-findings.jsonl");

        JsonNode ocsf = OcsfDetectionFinding.of(finding(report, "SW-L4-009"), report);

        long reported = OcsfFixtures.FINISHED.toEpochMilli();
        assertThat(ocsf.at("/finding_info/first_seen_time").asLong()).isEqualTo(reported);
        assertThat(ocsf.at("/finding_info/last_seen_time").asLong()).isEqualTo(reported);
        assertThat(ocsf.at("/finding_info/related_events").isMissingNode()).isTrue();
        assertThat(ocsf.at("/finding_info/types").toString()).contains("Software and Configuration Checks");
        assertThat(ocsf.at("/evidences/0/data/sources/0").asText())
                .isEqualTo("arn:aws:iam::111122223333:policy/CastEKSPolicy-demo#PassRoleEC2");
        assertThat(ocsf.at("/evidences/0/actor").isMissingNode()).isTrue();
    }

    @Test
    void of_windowFinding_namesTheWatchedPrincipalAsActorOfItsEvents() {
        ScanReport report = OcsfFixtures.report("aws-rule-findings.jsonl");

        JsonNode ocsf = OcsfDetectionFinding.of(finding(report, "SW-L2-005"), report);

        assertThat(ocsf.at("/evidences/0/actor/user/uid").asText()).isEqualTo(OcsfFixtures.ROLE);
        assertThat(ocsf.at("/evidences/0/data/event_uids")).hasSize(200);
        assertThat(ocsf.at("/finding_info/related_events")).hasSize(200);
        assertThat(ocsf.at("/finding_info/related_events_count").asInt()).isEqualTo(200);
    }

    @Test
    void of_threeClouds_namesProviderAccountTypeAndThePrincipalOfEachCloud() {
        ScanReport report = OcsfFixtures.report("multi-cloud-rule-findings.jsonl");

        List<String> seen = new ArrayList<>();
        for (Finding finding : report.findings()) {
            JsonNode ocsf = OcsfDetectionFinding.of(finding, report);
            seen.add(ocsf.at("/cloud/provider").asText() + " " + ocsf.at("/cloud/account/type").asText() + " "
                    + ocsf.at("/resources/0/uid").asText() + " " + ocsf.at("/resources/0/type").asText());
        }

        assertThat(seen).contains(
                "AWS AWS Account " + OcsfFixtures.ROLE + " AWS IAM Role",
                "GCP GCP Project " + OcsfFixtures.SERVICE_ACCOUNT + " GCP Service Account",
                "Azure Azure Subscription " + OcsfFixtures.AZURE_APP + " Azure Service Principal");
    }

    @Test
    void of_resourceOtherThanThePrincipal_isTheSecondResource() {
        ScanReport report = OcsfFixtures.report("aws-rule-findings.jsonl");

        JsonNode event = OcsfDetectionFinding.of(finding(report, "SW-L7-001"), report);
        JsonNode posture = OcsfDetectionFinding.of(finding(report, "SW-L6-009"), report);

        assertThat(event.path("resources")).hasSize(2);
        assertThat(event.at("/resources/1/uid").asText()).isEqualTo("user_agent:python-requests/2.31.0");
        assertThat(event.at("/resources/1/tags/0/value").asText()).isEqualTo("finding_subject");
        // the finding is about the watched role itself: one resource
        assertThat(posture.path("resources")).hasSize(1);
        // no region in the finding: none in cloud or resources
        assertThat(event.at("/cloud/region").isMissingNode()).isTrue();
        assertThat(event.at("/resources/0/region").isMissingNode()).isTrue();
    }

    @Test
    void of_dryRunRule_isRecordedButNotAnAlert() {
        ScanReport report = OcsfFixtures.report(List.of(OcsfFixtures.dryRun(
                OcsfFixtures.ruleFindings("aws-rule-findings.jsonl").get(0))), OcsfFixtures.AGENT);

        JsonNode ocsf = OcsfDetectionFinding.of(report.findings().get(0), report);

        assertThat(ocsf.path("is_alert").asBoolean(true)).isFalse();
        assertThat(ocsf.at("/metadata/labels").toString()).contains("dry_run");
        assertThat(ocsf.at("/unmapped/scalewatch/dry_run").asBoolean()).isTrue();
    }

    @Test
    void of_allPrincipalsWatched_namesNoActor() {
        ScanReport report = OcsfFixtures.report(OcsfFixtures.ruleFindings("aws-rule-findings.jsonl"),
                IdentityMatcher.all());

        JsonNode ocsf = OcsfDetectionFinding.of(finding(report, "SW-L6-002"), report);

        assertThat(ocsf.at("/evidences/0/actor").isMissingNode()).isTrue();
        assertThat(ocsf.at("/resources/0/type").asText()).isEqualTo("Principal");
    }

    @Test
    void provider_everyCloud_hasAnOcsfName() {
        assertThat(List.of(CloudProvider.values()).stream().map(OcsfDetectionFinding::provider))
                .containsExactly("AWS", "GCP", "Azure");
    }

    @Test
    void write_report_writesOcsfFindingsBesideTheNativeOnesInTheSameOrder(@TempDir Path dir) throws IOException {
        ScanReport report = OcsfFixtures.report("multi-cloud-rule-findings.jsonl");

        LocalReportWriter.write(dir, report);

        List<String> lines = Files.readAllLines(dir.resolve(LocalReportWriter.OCSF_FINDINGS));
        List<String> native_ = Files.readAllLines(dir.resolve(LocalReportWriter.FINDINGS));
        assertThat(lines).hasSize(report.findings().size()).hasSameSizeAs(native_);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(JSON.readTree(lines.get(i)).at("/finding_info/uid").asText())
                    .isEqualTo(JSON.readTree(native_.get(i)).path("id").asText());
        }
    }

    @Test
    void of_sameReportTwice_isByteForByteTheSame() {
        ScanReport report = OcsfFixtures.report("aws-rule-findings.jsonl");

        // S3 objects are write-once and a retried run must find identical content
        for (Finding finding : report.findings()) {
            assertThat(OcsfDetectionFinding.of(finding, report).toString())
                    .isEqualTo(OcsfDetectionFinding.of(finding, report).toString());
        }
    }
}
