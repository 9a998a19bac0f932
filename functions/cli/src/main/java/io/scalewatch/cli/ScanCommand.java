package io.scalewatch.cli;

import io.scalewatch.core.aivss.Band;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.report.ScanReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalewatch scan}: scan audit-log files and posture files of an agent identity. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scan audit-log files (CloudTrail, GCP Cloud Audit Logs, Azure Activity Log; JSON, JSON Lines",
            "or gzip) and the identity's IAM posture files, and write findings.jsonl, summary.json and",
            "quarantine.jsonl to --out."},
        footer = ExitCode.HELP_FOOTER)
final class ScanCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Audit-log files or directories (walked recursively).")
    private List<Path> inputs;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Who who;

    static final class Who {
        @Option(names = "--identity", required = true, paramLabel = "MATCHER",
                description = "The agent's principal; repeat once per cloud: an IAM role ARN (matches every "
                        + "session of the role), IAM user ARN, access key id, GCP service-account email, or "
                        + "Azure object / application id.")
        List<String> identities;

        @Option(names = "--all-principals", required = true,
                description = "Judge every principal in the logs (e.g. for a corpus without the agent).")
        boolean all;
    }

    @Option(names = "--posture", arity = "1..*", paramLabel = "PATH",
            description = "IAM posture files or directories (see docs/posture-files.md).")
    private List<Path> posture = List.of();

    @Option(names = "--profile", defaultValue = "castai", paramLabel = "ID|FILE",
            description = "Agent profile: castai, karpenter, cluster-autoscaler, or a profile JSON file "
                    + "(default: ${DEFAULT-VALUE}).")
    private String profile;

    @Option(names = "--aivss", paramLabel = "0.5|0.8", description = "AIVSS version (default: the profile's).")
    private String aivss;

    @Option(names = "--mitigation", paramLabel = "M",
            description = "AIVSS v0.8 mitigation factor: ${COMPLETION-CANDIDATES} (default: the profile's).")
    private MitigationFactor mitigation;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "JSON object overriding policy settings (allow-lists, thresholds).")
    private Path settings;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    private Path out;

    @Option(names = "--fail-on", paramLabel = "BAND",
            description = "Exit 1 when a finding's AIVSS band is at least this: ${COMPLETION-CANDIDATES}.")
    private Band failOn;

    @Option(names = "--quiet", description = "Do not print the terminal report.")
    private boolean quiet;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "Evaluation threads "
            + "(default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--chunk-size", defaultValue = "1000", paramLabel = "N",
            description = "Events per policy evaluation (default: ${DEFAULT-VALUE}).")
    private int chunkSize;

    @Override
    public Integer call() {
        IdentityMatcher identity = who.all ? IdentityMatcher.all()
                : IdentityMatcher.anyOf(who.identities.stream().map(IdentityMatcher::parse).toList());
        ScanReport report = LocalScan.run(new LocalScan.Options(inputs, identity, posture, profile,
                Optional.ofNullable(aivss), Optional.ofNullable(mitigation), Optional.ofNullable(settings), out,
                threads, chunkSize));
        PrintWriter writer = spec.commandLine().getOut();
        if (!quiet) {
            TerminalReport.render(report, writer);
            writer.printf("%noutputs   %s%n", out.toAbsolutePath());
            writer.flush();
        }
        return failOn != null && report.raised().stream().anyMatch(f -> f.aivss().band().compareTo(failOn) >= 0)
                ? ExitCode.FINDINGS
                : ExitCode.OK;
    }
}
