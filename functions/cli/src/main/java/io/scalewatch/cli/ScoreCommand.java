package io.scalewatch.cli;

import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.aivss.AivssCalculator;
import io.scalewatch.core.aivss.AivssFactor;
import io.scalewatch.core.aivss.AivssScore;
import io.scalewatch.core.aivss.AivssVersion;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.aivss.ThreatMultiplier;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalewatch score}: one AIVSS score for a CVSS base under an agent profile. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score a CVSS base with OWASP AIVSS for an agent profile, e.g.",
            "  scalewatch score --cvss 7.5 --profile castai --aivss 0.5   ->  6.2 Medium"},
        footer = ExitCode.HELP_FOOTER)
final class ScoreCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--cvss", required = true, paramLabel = "BASE", description = "CVSS base score, 0.0..10.0.")
    private BigDecimal cvss;

    @Option(names = "--profile", defaultValue = "castai", paramLabel = "ID|FILE",
            description = "Agent profile: castai, karpenter, cluster-autoscaler, or a profile JSON file "
                    + "(default: ${DEFAULT-VALUE}).")
    private String profile;

    @Option(names = "--aivss", paramLabel = "0.5|0.8",
            description = "AIVSS version (default: the profile's own).")
    private String version;

    @Option(names = "--threat", defaultValue = "ATTACKED", paramLabel = "T",
            description = "Threat multiplier: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, as in the "
                    + "worked values; scans use attacked for observed activity, proof_of_concept for posture).")
    private ThreatMultiplier threat;

    @Option(names = "--mitigation", paramLabel = "M",
            description = "Mitigation factor (v0.8): ${COMPLETION-CANDIDATES} (default: the profile's).")
    private MitigationFactor mitigation;

    @Option(names = "--explain", description = "Print the factor table, the formula inputs and the vector.")
    private boolean explain;

    @Override
    public Integer call() {
        AgentProfile agent = AgentProfiles.resolve(profile);
        AivssVersion v = version == null ? agent.version() : AivssVersion.parse(version);
        MitigationFactor mf = mitigation == null ? agent.mitigation() : mitigation;
        AivssScore score = AivssCalculator.score(cvss, agent, v, threat, mf);
        PrintWriter out = spec.commandLine().getOut();
        out.println(score.score().toPlainString() + " " + score.band().label());
        if (explain) {
            out.printf("profile %s (%s), factors as AIVSS %s%s%n", agent.id(), agent.name(), agent.version().label(),
                    agent.nonConformantEstimate() ? ", non-conformant estimate" : "");
            for (AivssFactor factor : agent.factors()) {
                out.printf("  %-28s %s%n", factor.name(), factor.value().toPlainString());
            }
            out.printf("factor sum %s; AARS %s; vector %s%n", agent.factorSum().toPlainString(),
                    score.aars().toPlainString(), score.vector());
        }
        out.flush();
        return ExitCode.OK;
    }
}
