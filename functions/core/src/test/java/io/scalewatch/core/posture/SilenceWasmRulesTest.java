package io.scalewatch.core.posture;

import static io.scalewatch.core.posture.PostureFixtures.CASTAI_ROLE;
import static io.scalewatch.core.posture.PostureFixtures.CASTAI_SA;
import static io.scalewatch.core.posture.PostureFixtures.CASTAI_SP_OBJECT_ID;
import static io.scalewatch.core.posture.PostureFixtures.loader;
import static io.scalewatch.core.posture.PostureFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.finding.RuleKind;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.PolicyInputWriter;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.policy.ScanContext;
import io.scalewatch.core.policy.WasmPolicyEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The silence rules (SW-L5-008 logging posture, SW-L5-009 quiet identity) through the compiled Wasm policy. */
class SilenceWasmRulesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final WasmPolicyEngine ENGINE = WasmPolicyEngine.create(PolicyBundle.fromClasspath(), 1);
    private static final long HOUR = 3_600_000L;
    // 2024-11-25T00:00:00Z
    private static final long DAY = 1_732_492_800_000L;
    private static final String WORKSPACE = "5d7c1a9e-2b3f-4c6d-8e0a-1b2c3d4e5f60";

    private static Posture only(String fixture, String identity) {
        List<Posture> postures =
                loader().load(List.of(resource(fixture)), IdentityMatcher.parse(identity)).postures();
        assertThat(postures).hasSize(1);
        return postures.get(0);
    }

    private static List<RuleFinding> of(List<RuleFinding> findings, String ruleId) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    private static List<RuleFinding> evaluate(ScanContext context, List<Posture> postures, JsonNode baseline)
            throws Exception {
        ObjectNode input = (ObjectNode) MAPPER.readTree(
                PolicyInputWriter.window(context, MAPPER.createObjectNode(), postures));
        if (baseline != null) {
            input.set("baseline", baseline);
        }
        return ENGINE.evaluate(MAPPER.writeValueAsString(input)).findings();
    }

    @Test
    void evaluate_loggingGapsInEveryCloud_areMissingKindFindings() throws Exception {
        String trail = "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail";
        Posture aws = only("posture/aws", CASTAI_ROLE).withLogging(LoggingPosture.of(List.of("eu-west-1"), List.of(),
                List.of(new LogSource("trail", trail, false, List.of("management_read", "management_write"),
                        List.of(), "org-cloudtrail-logs", List.of("eu-west-1")))));
        Posture gcp = only("posture/gcp", CASTAI_SA).withLogging(LoggingPosture.of(List.of(), List.of(), List.of(
                new LogSource(GcpAuditConfigs.KIND, "allServices", true, List.of("admin_read"), List.of(), ""),
                new LogSource(GcpAuditConfigs.KIND, "allServices", true, List.of("data_write"),
                        List.of("serviceAccount:" + CASTAI_SA), ""))));
        Posture azure = only("posture/azure", CASTAI_SP_OBJECT_ID).withLogging(LoggingPosture.of(List.of(),
                List.of(WORKSPACE), List.of(new LogSource("diagnostic_setting", "to-sentinel", true,
                        List.of("administrative"), List.of(), "11111111-2222-4333-8444-555555555555"))));

        List<RuleFinding> findings = of(evaluate(new ScanContext("silence-wasm", 0, 0, "*", "castai", null),
                List.of(aws, gcp, azure), null), "SW-L5-008");

        assertThat(findings).allSatisfy(f -> assertThat(f.kind()).isEqualTo(RuleKind.MISSING));
        assertThat(findings).extracting(RuleFinding::resource).containsExactlyInAnyOrder(
                "cloudtrail:111122223333:eu-west-1", trail,
                "projects/demo-project/auditConfigs/exemptedMembers/serviceAccount:" + CASTAI_SA,
                "/subscriptions/3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e/providers/Microsoft.Insights/diagnosticSettings");
    }

    @Test
    void evaluate_loggingNotCollected_noLoggingFinding() throws Exception {
        List<RuleFinding> findings = evaluate(new ScanContext("silence-wasm", 0, 0, "*", "castai", null),
                List.of(only("posture/aws", CASTAI_ROLE)), null);

        assertThat(of(findings, "SW-L5-008")).isEmpty();
    }

    @Test
    void evaluate_quietWindowWhereTheBaselineIsBusy_isASilenceFinding() throws Exception {
        ObjectNode baseline = MAPPER.createObjectNode();
        baseline.put("started_ms", DAY - 30 * 24 * HOUR).put("updated_ms", DAY + 8 * HOUR).put("runs", 2880);
        ObjectNode hours = baseline.putObject("seen").putObject("hour");
        for (int h = 0; h < 24; h++) {
            boolean busy = h >= 6 && h <= 17;
            hours.putObject(String.format("%02d", h)).put("first_ms", DAY - 30 * 24 * HOUR)
                    .put("last_ms", DAY - 24 * HOUR + h * HOUR).put("count", busy ? 400 : 3);
        }
        // The last event: 23:00 the day before; the window 08:00-08:15.
        ((ObjectNode) hours.get("23")).put("last_ms", DAY - HOUR);
        Posture aws = only("posture/aws", CASTAI_ROLE).withLogging(LoggingPosture.of(List.of("eu-west-1"), List.of(),
                List.of(new LogSource("trail", "arn:aws:cloudtrail:eu-west-1:111122223333:trail/t", true,
                        List.of("management_write"), List.of(), "b", List.of("eu-west-1")))));
        ScanContext window = new ScanContext("silence-wasm", DAY + 8 * HOUR, DAY + 8 * HOUR + 900_000, CASTAI_ROLE,
                "castai", null);

        List<RuleFinding> findings = of(evaluate(window, List.of(aws), baseline), "SW-L5-009");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(RuleKind.MISSING);
            assertThat(f.resource()).isEqualTo("audit-log:aws:111122223333:eu-west-1");
            assertThat(f.detail()).startsWith("no event of the identity for 9 hours").contains("(UTC 6, 7, 8)");
            assertThat(f.evidence().firstSeenMs()).isEqualTo(DAY - HOUR);
            assertThat(f.evidence().counts()).containsEntry("busy_hours_quiet", 3L);
        });
        ObjectNode learning = baseline.deepCopy().put("started_ms", DAY - 24 * HOUR);
        assertThat(of(evaluate(window, List.of(aws), learning), "SW-L5-009")).isEmpty();
    }
}
