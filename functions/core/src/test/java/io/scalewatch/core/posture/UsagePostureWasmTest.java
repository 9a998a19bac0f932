package io.scalewatch.core.posture;

import static io.scalewatch.core.posture.PostureFixtures.CASTAI_ROLE;
import static io.scalewatch.core.posture.PostureFixtures.CASTAI_SA;
import static io.scalewatch.core.posture.PostureFixtures.CASTAI_SP_OBJECT_ID;
import static io.scalewatch.core.posture.PostureFixtures.loader;
import static io.scalewatch.core.posture.PostureFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.PolicyInputWriter;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.policy.ScanContext;
import io.scalewatch.core.policy.WasmPolicyEngine;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The used-versus-granted posture rules (SW-L6-011, SW-L6-012) on loaded posture files with an identity
 * history as the baseline store hands it over, through the compiled Wasm policy.
 */
class UsagePostureWasmTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final WasmPolicyEngine ENGINE = WasmPolicyEngine.create(PolicyBundle.fromClasspath(), 1);
    private static final String KARPENTER = "arn:aws:iam::123456789012:role/KarpenterControllerRole-demo";
    private static final String NODE_ROLE = "arn:aws:iam::123456789012:role/KarpenterNodeRole-demo";
    private static final long END = 1764072000000L;
    private static final long DAY = 86_400_000L;

    private static Posture only(String fixture, String identity) {
        List<Posture> postures =
                loader().load(List.of(resource(fixture)), IdentityMatcher.parse(identity)).postures();
        assertThat(postures).hasSize(1);
        return postures.get(0);
    }

    // The window/posture input plus input.baseline (identity-history contract), started daysOfHistory ago.
    private static List<RuleFinding> evaluate(String profile, List<Posture> postures, long daysOfHistory)
            throws IOException {
        ScanContext context = new ScanContext("usage-wasm", END - 3_600_000L, END, "*", profile, null);
        ObjectNode input = (ObjectNode) MAPPER.readTree(
                PolicyInputWriter.window(context, MAPPER.createObjectNode(), postures));
        ObjectNode baseline = input.putObject("baseline");
        baseline.put("started_ms", END - daysOfHistory * DAY).put("updated_ms", END - 3_600_000L).put("runs", 700);
        ObjectNode seen = baseline.putObject("seen");
        ObjectNode permission = seen.putObject("permission");
        for (String used : List.of("ec2:RunInstances", "ec2:CreateTags", "ec2:TerminateInstances",
                "compute.instances.create", "microsoft.compute/virtualmachines/write")) {
            permission.putObject(used).put("first_ms", END - 20 * DAY).put("last_ms", END - DAY).put("count", 40);
        }
        seen.putObject("passed_role").putObject(NODE_ROLE)
                .put("first_ms", END - 20 * DAY).put("last_ms", END - DAY).put("count", 40);
        return ENGINE.evaluate(MAPPER.writeValueAsString(input)).findings();
    }

    private static List<RuleFinding> of(List<RuleFinding> findings, String ruleId) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    @Test
    void evaluate_castaiPosturesWithMatureHistory_unusedHighRiskGrantsPerSource() throws IOException {
        List<RuleFinding> findings = evaluate("castai", List.of(only("posture/aws", CASTAI_ROLE),
                only("posture/gcp", CASTAI_SA), only("posture/azure", CASTAI_SP_OBJECT_ID)), 40);

        // CAST's GKE custom role holds compute.instances.setMetadata on the project, never used here.
        assertThat(of(findings, "SW-L6-011")).filteredOn(f -> f.cloud().provider().id().equals("gcp"))
                .anySatisfy(f -> assertThat(f.detail()).contains("compute.instances.setMetadata"));
        assertThat(of(findings, "SW-L6-011")).allSatisfy(f -> {
            assertThat(f.evidence().sources()).containsExactly(f.resource());
            assertThat(f.detail()).contains("not used in 30 days").endsWith("; narrow " + f.resource());
        });
    }

    @Test
    void evaluate_karpenterWithMatureHistory_neverPassedRolesOnly() throws IOException {
        List<RuleFinding> findings = evaluate("karpenter", List.of(only("posture-passable/aws", KARPENTER)), 40);

        assertThat(of(findings, "SW-L6-012")).isNotEmpty().extracting(RuleFinding::resource)
                .contains("arn:aws:iam::123456789012:role/KarpenterNodeRole-legacy-admin")
                .doesNotContain(NODE_ROLE);
    }

    @Test
    void evaluate_historyShorterThanLookback_noUsageFindings() throws IOException {
        List<RuleFinding> findings = evaluate("karpenter", List.of(only("posture-passable/aws", KARPENTER),
                only("posture/gcp", CASTAI_SA)), 12);

        assertThat(findings).extracting(RuleFinding::ruleId).doesNotContain("SW-L6-011", "SW-L6-012");
    }
}
