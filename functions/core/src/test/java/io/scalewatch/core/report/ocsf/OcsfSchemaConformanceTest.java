package io.scalewatch.core.report.ocsf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.ScanReport;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every OCSF record scalewatch writes is a valid Detection Finding of the pinned OCSF version: checked with a
 * JSON Schema validator against the schema generated from the official OCSF schema, plus the dictionary rules
 * of {@link PinnedOcsfSchema}. The broken records prove the check can fail.
 */
class OcsfSchemaConformanceTest {
    private static PinnedOcsfSchema schema;

    @BeforeAll
    static void load() {
        schema = PinnedOcsfSchema.load();
    }

    private static ObjectNode record() {
        ScanReport report = OcsfFixtures.report("aws-rule-findings.jsonl");
        return OcsfDetectionFinding.of(report.findings().get(0), report);
    }

    @Test
    void load_installedSchema_isThePinnedVersionOfDetectionFindingWithTheCloudProfile() {
        assertThat(schema.version()).isEqualTo(OcsfDetectionFinding.OCSF_VERSION);
        assertThat(schema.jsonSchemaId())
                .isEqualTo("https://schema.ocsf.io/schema/" + OcsfDetectionFinding.OCSF_VERSION
                        + "/classes/detection_finding?profiles=cloud");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "aws-rule-findings.jsonl", "multi-cloud-rule-findings.jsonl", "hostile-rule-findings.jsonl"})
    void of_everyFixtureFinding_isAValidDetectionFinding(String fixture) {
        ScanReport report = OcsfFixtures.report(fixture);

        for (Finding finding : report.findings()) {
            JsonNode ocsf = OcsfDetectionFinding.of(finding, report);
            assertThat(schema.problems(ocsf)).as("%s %s", fixture, finding.rule().ruleId()).isEmpty();
        }
    }

    @Test
    void of_dryRunFinding_isAValidDetectionFinding() {
        ScanReport report = OcsfFixtures.report(OcsfFixtures.ruleFindings("multi-cloud-rule-findings.jsonl").stream()
                .map(OcsfFixtures::dryRun).toList(), OcsfFixtures.AGENT);

        for (Finding finding : report.findings()) {
            assertThat(schema.problems(OcsfDetectionFinding.of(finding, report))).isEmpty();
        }
    }

    static Stream<Arguments> brokenRecords() {
        return Stream.of(
                broken("required finding_info.uid missing", "$.finding_info: required property 'uid'",
                        r -> ((ObjectNode) r.get("finding_info")).remove("uid")),
                broken("required metadata.product missing", "$.metadata: required property 'product'",
                        r -> ((ObjectNode) r.get("metadata")).remove("product")),
                broken("required cloud (cloud profile) missing", "$: required property 'cloud'",
                        r -> r.remove("cloud")),
                broken("attribute OCSF does not define", "$.finding_info: property 'rule_id' is not defined",
                        r -> ((ObjectNode) r.get("finding_info")).put("rule_id", "SW-L6-002")),
                broken("severity_id outside its enum", "$.severity_id: does not have a value in the enumeration",
                        r -> r.put("severity_id", 7)),
                broken("class_uid of another class", "$.class_uid: must be the constant value '2004'",
                        r -> r.put("class_uid", 2003)),
                broken("time as an ISO string, not epoch ms", "$.time: string found, integer expected",
                        r -> r.put("time", "2026-11-24T23:50:42Z")),
                broken("risk_score as a decimal", "$.risk_score: number found, integer expected",
                        r -> r.put("risk_score", 9.4)),
                broken("attack without technique, tactic or sub_technique",
                        "$.finding_info.attacks[3]: required property 'technique'",
                        r -> ((ArrayNode) r.at("/finding_info/attacks")).addObject().put("version", "v15")),
                broken("analytic without its required type_id",
                        "$.finding_info.analytic: required property 'type_id'",
                        r -> ((ObjectNode) r.at("/finding_info/analytic")).remove("type_id")),
                broken("account.type_id outside its enum", "$.cloud.account.type_id: does not have a value",
                        r -> ((ObjectNode) r.at("/cloud/account")).put("type_id", 42)),
                broken("severity not the caption of severity_id", "$.severity: must be the caption",
                        r -> r.put("severity", "Severe")),
                broken("type_uid not class_uid * 100 + activity_id", "$.type_uid: must be class_uid * 100",
                        r -> r.put("type_uid", 200402)),
                broken("attribute deprecated in the pinned version", "$.finding_info.product_uid: is deprecated",
                        r -> ((ObjectNode) r.get("finding_info")).put("product_uid", "scalewatch")),
                broken("metadata.version not the pinned version", "$.metadata.version: must be the pinned",
                        r -> ((ObjectNode) r.get("metadata")).put("version", "1.3.0")));
    }

    private static Arguments broken(String what, String named, Consumer<ObjectNode> breakIt) {
        return Arguments.of(what, named, breakIt);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRecords")
    void problems_brokenRecord_isRejectedNamingTheAttribute(String what, String named,
            Consumer<ObjectNode> breakIt) {
        ObjectNode record = record();
        assertThat(schema.problems(record)).as("the unbroken record").isEmpty();

        breakIt.accept(record);

        List<String> problems = schema.problems(record);
        assertThat(problems).as(what).isNotEmpty();
        assertThat(String.join("\n", problems)).as(what).contains(named);
    }
}
