package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.RuleCatalog;
import org.junit.jupiter.api.Test;

class RulesCommandTest {
    @Test
    void rules_listsEveryRuleOfTheBundleByLayer() {
        CliRun run = CliRun.of("rules");
        RuleCatalog catalog = RuleCatalog.fromBundle(PolicyBundle.fromClasspath());
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        for (MaestroLayer layer : MaestroLayer.values()) {
            assertThat(run.out()).contains(layer.name() + " " + layer.title());
        }
        catalog.rules().forEach(rule -> assertThat(run.out()).contains(rule.id()).contains(rule.title()));
        assertThat(run.out()).contains(catalog.rules().size() + " rules");
    }

    @Test
    void rules_oneLayerVerbose_showsOnlyThatLayerWithRemediation() {
        CliRun run = CliRun.of("rules", "--layer", "L4", "--verbose");
        assertThat(run.out()).contains("SW-L4-001").doesNotContain("SW-L6-001").contains("Remediation:");
    }
}
