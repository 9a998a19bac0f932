package io.scalewatch.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.finding.RuleKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {
    private static final RuleCatalog CATALOG = RuleCatalog.fromBundle(PolicyBundle.fromClasspath());

    @Test
    void fromBundle_shippedPolicy_readsEveryRulePackage() {
        assertThat(CATALOG.rules()).isNotEmpty();
        assertThat(CATALOG.rules()).allSatisfy(rule -> {
            assertThat(rule.id()).matches("SW-L[1-7]-\\d{3}");
            assertThat(rule.id()).startsWith("SW-" + rule.layer().name() + "-");
            assertThat(rule.title()).isNotBlank();
            assertThat(rule.description()).isNotBlank();
            assertThat(rule.remediation()).isNotBlank();
            assertThat(rule.clouds()).isNotEmpty().allMatch(c -> List.of("aws", "gcp", "azure").contains(c));
            assertThat(rule.packagePath()).startsWith("scalewatch.maestro." + rule.layer().name().toLowerCase());
            assertThat(rule.file()).startsWith("policies/");
        });
        assertThat(CATALOG.rules()).extracting(RuleInfo::id).doesNotHaveDuplicates();
    }

    @Test
    void find_knownRule_hasItsMetadata() {
        RuleInfo gpu = CATALOG.find("SW-L4-001").orElseThrow();
        assertThat(gpu.layer()).isEqualTo(MaestroLayer.L4);
        assertThat(gpu.kind()).isEqualTo(RuleKind.EVENT);
        assertThat(gpu.attack()).contains("T1496");
    }

    @Test
    void byLayer_listsEveryLayerInOrder() {
        Map<MaestroLayer, List<RuleInfo>> byLayer = CATALOG.byLayer();
        assertThat(byLayer.keySet()).containsExactly(MaestroLayer.values());
    }

    @Test
    void fromAnnotations_badSeverity_namesTheRule() {
        String json = """
                {"annotations": [{"annotations": {"scope": "package", "title": "t",
                  "custom": {"id": "SW-L1-999", "layer": "L1", "severity": "SEVERE", "cvss_base": 5, "kind": "event"}},
                  "path": []}]}""";
        assertThatThrownBy(() -> RuleCatalog.fromAnnotations(json))
                .isInstanceOf(PolicyBundleException.class)
                .hasMessageContaining("SW-L1-999")
                .hasMessageContaining("severity");
    }
}
