package io.scalewatch.cli;

import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.RuleInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalewatch rules}: the rules of the shipped policy bundle by MAESTRO layer, from their METADATA. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List the rules by MAESTRO layer, read from the policy bundle's METADATA.",
        footer = ExitCode.HELP_FOOTER)
final class RulesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--layer", paramLabel = "L1..L7", description = "Only this layer.")
    private MaestroLayer layer;

    @Option(names = "--verbose", description = "Also print description, ATT&CK / Stratus ids and remediation.")
    private boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuleCatalog catalog = RuleCatalog.fromBundle(PolicyBundle.fromClasspath());
        int shown = 0;
        for (Map.Entry<MaestroLayer, List<RuleInfo>> entry : catalog.byLayer().entrySet()) {
            if (layer != null && entry.getKey() != layer) {
                continue;
            }
            out.printf("%s %s (%d rules)%n", entry.getKey(), entry.getKey().title(), entry.getValue().size());
            for (RuleInfo rule : entry.getValue()) {
                out.printf("  %-10s %-8s %-9s %-4s %-15s %s%n", rule.id(), rule.kind().id(), rule.severity(),
                        rule.cvssBase().toPlainString(), String.join(",", rule.clouds()), rule.title());
                if (verbose) {
                    out.printf("             %s%n", rule.description());
                    out.printf("             ATT&CK %s; Stratus %s%n", rule.attack(), rule.stratus());
                    out.printf("             Remediation: %s%n", rule.remediation());
                    out.printf("             Source: %s%n", rule.file());
                }
                shown++;
            }
        }
        out.printf("%d rules%n", shown);
        out.flush();
        return ExitCode.OK;
    }
}
