package io.scalewatch.core.posture;

import static io.scalewatch.core.posture.PostureFixtures.CASTAI_ROLE;
import static io.scalewatch.core.posture.PostureFixtures.CASTAI_SA;
import static io.scalewatch.core.posture.PostureFixtures.CASTAI_SP_OBJECT_ID;
import static io.scalewatch.core.posture.PostureFixtures.loader;
import static io.scalewatch.core.posture.PostureFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.PolicyInputWriter;
import io.scalewatch.core.policy.PolicyResult;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.policy.ScanContext;
import io.scalewatch.core.policy.WasmPolicyEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The condition-aware and golden-drift rules on loaded posture files, through the compiled Wasm policy. */
class PostureWasmRulesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final WasmPolicyEngine ENGINE = WasmPolicyEngine.create(PolicyBundle.fromClasspath(), 1);
    private static final String KARPENTER = "arn:aws:iam::123456789012:role/KarpenterControllerRole-demo";

    private static Posture only(String fixture, String identity) {
        List<Posture> postures =
                loader().load(List.of(resource(fixture)), IdentityMatcher.parse(identity)).postures();
        assertThat(postures).hasSize(1);
        return postures.get(0);
    }

    private static List<RuleFinding> evaluate(String profile, List<Posture> postures) {
        ScanContext context = new ScanContext("posture-wasm", 0, 0, "*", profile, null);
        PolicyResult result = ENGINE.evaluate(PolicyInputWriter.window(context, MAPPER.createObjectNode(), postures));
        return result.findings();
    }

    private static List<RuleFinding> of(List<RuleFinding> findings, String ruleId) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    @Test
    void evaluate_demoPostures_castaiAwsAsPublishedGcpAndAzureWidened() {
        List<RuleFinding> findings = evaluate("castai", List.of(only("posture/aws", CASTAI_ROLE),
                only("posture/gcp", CASTAI_SA), only("posture/azure", CASTAI_SP_OBJECT_ID)));

        // The demo AWS role is CAST AI's published policy with its node role: no drift, no oversized node role,
        // PassRole only to EC2; its PassRole on role/* is still broad (SW-L4-009).
        assertThat(of(findings, "SW-L6-010")).extracting(RuleFinding::resource)
                .containsExactlyInAnyOrder(CASTAI_SA, CASTAI_SP_OBJECT_ID);
        assertThat(of(findings, "SW-L4-011")).isEmpty();
        assertThat(of(findings, "SW-L4-012")).isEmpty();
        assertThat(of(findings, "SW-L4-009")).extracting(RuleFinding::resource).contains(CASTAI_ROLE);
        assertThat(of(findings, "SW-L4-009")).filteredOn(f -> f.resource().equals(CASTAI_ROLE))
                .singleElement().satisfies(f -> assertThat(f.detail())
                        .endsWith("passable to EC2 now: arn:aws:iam::111122223333:role/castai-eks-instance-demo"));
        // CAST's GKE custom role holds compute.instances.setMetadata on the whole project.
        assertThat(of(findings, "SW-L4-013")).extracting(RuleFinding::resource).containsExactly(CASTAI_SA);
    }

    @Test
    void evaluate_karpenterWithAdminRoleInThePattern_flagsThatRoleAndTheDroppedTag() {
        List<RuleFinding> findings = evaluate("karpenter", List.of(only("posture-passable/aws", KARPENTER)));

        assertThat(of(findings, "SW-L4-011")).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo("arn:aws:iam::123456789012:role/KarpenterNodeRole-legacy-admin");
            assertThat(f.detail()).contains("which may * beyond node permissions").contains("iam.escalate");
        });
        assertThat(of(findings, "SW-L6-010")).singleElement().satisfies(f -> assertThat(f.detail())
                .contains("ec2:CreateFleet, ec2:CreateLaunchTemplate, ec2:RunInstances: drops condition "
                        + "aws:requesttag/eks:eks-cluster-name"));
        assertThat(of(findings, "SW-L4-009")).isEmpty();
        assertThat(of(findings, "SW-L4-012")).isEmpty();
    }
}
