package io.scalewatch.core.posture;

import static io.scalewatch.core.posture.PostureFixtures.loader;
import static io.scalewatch.core.posture.PostureFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.PolicyInputWriter;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.policy.ScanContext;
import io.scalewatch.core.policy.WasmPolicyEngine;
import io.scalewatch.core.scan.StatsAccumulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SW-L4-014 judges the instance profile a launch template names against the roles the watched identity can
 * pass (its posture), in the compiled Wasm policy: Karpenter writing node templates is routine, a template
 * that makes nodes run as an admin role is not.
 */
class LaunchChainPostureWasmTest {
    private static final WasmPolicyEngine ENGINE = WasmPolicyEngine.create(PolicyBundle.fromClasspath(), 1);
    private static final String KARPENTER = "arn:aws:iam::123456789012:role/KarpenterControllerRole-demo";
    private static final String TRAIL = "launch-chain/karpenter-legacy-admin-profile.json";

    private static List<RuleFinding> launchChain(List<Posture> postures) {
        ScanContext context = new ScanContext("launch-chain", 0, 1_800_000_000_000L, "*", "karpenter", null);
        List<AuditEvent> events = new ArrayList<>();
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        AuditLogReader.create().read(resource(TRAIL), RecordSink.of(events::add, quarantined::add));
        assertThat(quarantined).isEmpty();
        assertThat(events).hasSize(2);

        StatsAccumulator stats = new StatsAccumulator(500);
        stats.add(ENGINE.evaluate(PolicyInputWriter.chunk(context, events)).stats());
        String window = PolicyInputWriter.window(context, stats.toJson(), postures);
        return ENGINE.evaluate(window).findings().stream().filter(f -> f.ruleId().equals("SW-L4-014")).toList();
    }

    @Test
    void evaluate_karpenterTemplateWithAdminPassableProfile_firesHigh() {
        List<Posture> postures = loader().load(List.of(resource("posture-passable/aws")),
                IdentityMatcher.parse(KARPENTER)).postures();

        assertThat(launchChain(postures)).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo("karpenter.k8s.aws/1794735238021987430");
            assertThat(f.severity().name()).isEqualTo("HIGH");
            assertThat(f.detail()).startsWith("launch template karpenter.k8s.aws/1794735238021987430 changed (")
                    .contains("used by 1 launch(es)")
                    .endsWith("the change names an instance profile whose role can do more than a node "
                            + "(passable_roles)");
            assertThat(f.evidence().eventIds()).containsExactlyInAnyOrder(
                    "7b1c2d3e-0001-4f5a-9b8c-7d6e5f4a3b2c", "7b1c2d3e-0002-4f5a-9b8c-7d6e5f4a3b2c");
        });
    }

    @Test
    void evaluate_karpenterTemplateWithoutPosture_isRoutine() {
        assertThat(launchChain(List.of())).isEmpty();
    }
}
