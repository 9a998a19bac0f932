package io.scalewatch.cli;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.google.auth.oauth2.GoogleCredentials;
import io.scalewatch.aws.lambda.CollectorMode;
import io.scalewatch.azure.lambda.AzureWiring;
import io.scalewatch.core.aivss.Band;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.run.RunResult;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.core.run.TargetOutcome;
import io.scalewatch.gcp.auth.GcpCredentialsProvider;
import io.scalewatch.gcp.lambda.GcpWiring;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** {@code scalewatch scan}: scan audit-log files and posture files of an agent identity, or AWS live. */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scan audit-log files (CloudTrail, GCP Cloud Audit Logs, Azure Activity Log; JSON, JSON Lines",
            "or gzip) and the identity's IAM posture files, and write findings.jsonl, findings.ocsf.jsonl (OCSF",
            "Detection Findings), summary.json and quarantine.jsonl to --out.",
            "",
            "With --aws, scan AWS live instead of files, as the scheduled Lambda does: CloudTrail (LookupEvents,",
            "trail objects in S3, or CloudTrail Lake) and the role's IAM posture of every account x region, with",
            "the SDK's default credentials. Results go to --out (a folder per <account>/<region>) or to",
            "--findings-bucket (and Security Hub). Without --state-bucket nothing is remembered and the window",
            "is --since back from --until (default now); with it, each run continues from the last checkpoint.",
            "",
            "With --gcp, scan GCP live (Cloud Audit Logs + IAM of every --project) with Application Default",
            "Credentials; with --azure, scan Azure live (AzureActivity of every --workspace + role assignments of",
            "every --subscription) with DefaultAzureCredential. Both write to --out (a folder per project or",
            "workspace), window --since back from --until."},
        footer = ExitCode.HELP_FOOTER)
final class ScanCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--input", arity = "1..*", paramLabel = "PATH",
            description = "Audit-log files or directories (walked recursively). Required without --aws, --gcp or --azure.")
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

    @Option(names = "--suppressions", paramLabel = "FILE",
            description = "JSON suppression file: accepted findings with owner, reason and expiry"
                    + " (docs/suppressions.md). Suppressed findings are written and counted, not raised.")
    private Path suppressions;

    @Option(names = "--suppression-max-days", defaultValue = "365", paramLabel = "DAYS",
            description = "Reject suppressions expiring more than DAYS ahead (default: ${DEFAULT-VALUE}).")
    private int suppressionMaxDays;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory. Required, except with --aws and --findings-bucket.")
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

    @Option(names = "--aws", description = "Scan AWS live (CloudTrail + IAM) instead of --input files.")
    private boolean aws;

    @Option(names = "--gcp", description = "Scan GCP live (Cloud Audit Logs + IAM) instead of --input files.")
    private boolean gcp;

    @Option(names = "--project", split = ",", paramLabel = "PROJECT",
            description = "--gcp: target project ids, comma-separated or repeated (one target each).")
    private List<String> projects = List.of();

    @Option(names = "--folder", split = ",", paramLabel = "folders/N",
            description = "--gcp: folders whose IAM policies join the posture.")
    private List<String> folders = List.of();

    @Option(names = "--organization", split = ",", paramLabel = "organizations/N",
            description = "--gcp: organizations whose IAM policies join the posture.")
    private List<String> organizations = List.of();

    @Option(names = "--data-access", description = "--gcp: read Data Access audit logs too.")
    private boolean dataAccess;

    @Option(names = "--azure", description = "Scan Azure live (AzureActivity + role assignments) instead of --input.")
    private boolean azure;

    @Option(names = "--workspace", split = ",", paramLabel = "GUID",
            description = "--azure: Log Analytics workspace ids holding AzureActivity (one target each).")
    private List<String> workspaces = List.of();

    @Option(names = "--subscription", split = ",", paramLabel = "GUID",
            description = "--azure: subscriptions whose role assignments of the principal form its posture.")
    private List<String> subscriptions = List.of();

    @Option(names = "--app-id", paramLabel = "GUID",
            description = "--azure: the watched principal's application id (rows signed with it match too).")
    private String appId = "";

    @Option(names = "--no-graph", description = "--azure: do not read the principal's credentials from Graph.")
    private boolean noGraph;

    @Option(names = "--accounts", split = ",", paramLabel = "ACCOUNT",
            description = "--aws: target accounts, comma-separated (default: the credentials' account).")
    private List<String> accounts = List.of();

    @Option(names = "--regions", split = ",", paramLabel = "REGION",
            description = "--aws: target regions, comma-separated (default: the SDK's region).")
    private List<String> regions = List.of();

    @Option(names = "--mode", defaultValue = "lookup", paramLabel = "lookup|s3|lake",
            description = "--aws: where events come from: LookupEvents, trail objects in S3, or CloudTrail Lake "
                    + "(default: ${DEFAULT-VALUE}).")
    private String mode;

    @Option(names = "--trail-bucket", paramLabel = "BUCKET", description = "--mode s3: the trail's bucket.")
    private String trailBucket = "";

    @Option(names = "--trail-prefix", paramLabel = "PREFIX", description = "--mode s3: the trail's key prefix.")
    private String trailPrefix = "";

    @Option(names = "--organization-id", paramLabel = "o-...",
            description = "--mode s3: the organization id of an organization trail.")
    private String organizationId = "";

    @Option(names = "--event-data-store", paramLabel = "ID|ARN",
            description = "--mode lake: the CloudTrail Lake event data store.")
    private String eventDataStore = "";

    @Option(names = "--read-role", paramLabel = "NAME",
            description = "--aws: read-only role assumed in accounts other than the credentials' own.")
    private String readRole = "";

    @Option(names = "--external-id", paramLabel = "ID",
            description = "--aws: the sts:ExternalId the read-only role requires.")
    private String externalId = "";

    @Option(names = "--since", defaultValue = "PT24H", paramLabel = "DURATION",
            description = "--aws: how far back the window reaches, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration since;

    @Option(names = "--until", paramLabel = "INSTANT",
            description = "--aws: end of the window, e.g. 2026-11-25T00:00:00Z (default: now; for replays).")
    private Instant until;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "--aws: send every AWS request here (an emulator such as moto).")
    private URI endpointUrl;

    @Option(names = "--findings-bucket", paramLabel = "BUCKET",
            description = "--aws: write findings and summaries to this bucket instead of --out.")
    private String findingsBucket = "";

    @Option(names = "--findings-prefix", paramLabel = "PREFIX", description = "--aws: key prefix in the buckets.")
    private String findingsPrefix = "";

    @Option(names = "--security-hub", description = "--aws with --findings-bucket: also import into Security Hub.")
    private boolean securityHub;

    @Option(names = "--state-bucket", paramLabel = "BUCKET",
            description = "--aws: keep checkpoints here, so the next run continues where this one stopped.")
    private String stateBucket = "";

    @Override
    public Integer call() {
        if ((aws ? 1 : 0) + (gcp ? 1 : 0) + (azure ? 1 : 0) > 1) {
            throw new ParameterException(spec.commandLine(), "--aws, --gcp and --azure exclude each other");
        }
        if (suppressionMaxDays < 1 || suppressionMaxDays > 3650) {
            throw new ParameterException(spec.commandLine(), "--suppression-max-days must be within 1..3650, got "
                    + suppressionMaxDays);
        }
        if (aws) {
            requireOnly("--aws", AWS_ONLY);
            return callAws();
        }
        if (gcp) {
            requireOnly("--gcp", GCP_ONLY);
            return callGcp();
        }
        if (azure) {
            requireOnly("--azure", AZURE_ONLY);
            return callAzure();
        }
        requireFileMode();
        IdentityMatcher identity = who.all ? IdentityMatcher.all()
                : IdentityMatcher.anyOf(who.identities.stream().map(IdentityMatcher::parse).toList());
        ScanReport report = LocalScan.run(new LocalScan.Options(inputs, identity, posture, profile,
                Optional.ofNullable(aivss), Optional.ofNullable(mitigation), Optional.ofNullable(settings), out,
                threads, chunkSize, Optional.ofNullable(suppressions), suppressionMaxDays));
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

    private void requireFileMode() {
        if (inputs == null || inputs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--input=PATH' (or --aws, --gcp, --azure)");
        }
        if (out == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
        }
        requireOnly("", List.of());
    }

    /** Options of another mode than {@code mode} (empty: file mode) are usage errors naming the mode they need. */
    private void requireOnly(String mode, List<String> allowed) {
        for (Map.Entry<String, List<String>> other : Map.of("--aws", AWS_ONLY, "--gcp", GCP_ONLY, "--azure",
                AZURE_ONLY).entrySet()) {
            List<String> misplaced = spec.commandLine().getParseResult().matchedOptions().stream()
                    .map(o -> o.longestName()).filter(o -> other.getValue().contains(o) && !allowed.contains(o))
                    .toList();
            if (!other.getKey().equals(mode) && !misplaced.isEmpty()) {
                throw new ParameterException(spec.commandLine(), String.join(", ", misplaced) + " need "
                        + other.getKey());
            }
        }
    }

    private static final List<String> AWS_ONLY = List.of("--accounts", "--regions", "--mode", "--trail-bucket",
            "--trail-prefix", "--organization-id", "--event-data-store", "--read-role", "--external-id", "--since",
            "--until", "--endpoint-url", "--findings-bucket", "--findings-prefix", "--security-hub", "--state-bucket");

    /** The Google side of {@code --gcp}: Application Default Credentials, Google's endpoints (tests: loopback). */
    static UnaryOperator<GcpWiring.Builder> gcpSide = b -> b.googleCredentials(applicationDefaultCredentials());
    /** The Azure side of {@code --azure}: DefaultAzureCredential, public-cloud endpoints (tests: loopback). */
    static UnaryOperator<AzureWiring.Builder> azureSide =
            b -> b.credential(new DefaultAzureCredentialBuilder().build());

    private static final List<String> GCP_ONLY = List.of("--project", "--folder", "--organization", "--data-access",
            "--since", "--until");
    private static final List<String> AZURE_ONLY = List.of("--workspace", "--subscription", "--app-id", "--no-graph",
            "--since", "--until");

    private int callGcp() {
        CommandLine cmd = spec.commandLine();
        requireLiveBasics("--gcp", "Cloud Audit Logs and IAM", "service-account email");
        if (projects.isEmpty()) {
            throw new ParameterException(cmd, "--gcp needs at least one --project");
        }
        GcpLiveScan.Outcome outcome = GcpLiveScan.run(new GcpLiveScan.Options(
                IdentityMatcher.parse(who.identities.get(0)), projects, folders, organizations, dataAccess, since,
                Optional.ofNullable(until), out, profile, Optional.ofNullable(settings), threads,
                Optional.ofNullable(suppressions), suppressionMaxDays), gcpSide);
        return report("gcp", outcome.result(), outcome.reports(), out.toAbsolutePath().toString());
    }

    private int callAzure() {
        CommandLine cmd = spec.commandLine();
        requireLiveBasics("--azure", "AzureActivity and role assignments", "object id");
        if (workspaces.isEmpty()) {
            throw new ParameterException(cmd, "--azure needs at least one --workspace");
        }
        AzureLiveScan.Outcome outcome = AzureLiveScan.run(new AzureLiveScan.Options(
                IdentityMatcher.parse(who.identities.get(0)), appId, workspaces, subscriptions, !noGraph, since,
                Optional.ofNullable(until), out, profile, Optional.ofNullable(settings), threads,
                Optional.ofNullable(suppressions), suppressionMaxDays), azureSide);
        return report("azure", outcome.result(), outcome.reports(), out.toAbsolutePath().toString());
    }

    private void requireLiveBasics(String mode, String reads, String identityKind) {
        CommandLine cmd = spec.commandLine();
        if (inputs != null && !inputs.isEmpty() || !posture.isEmpty()) {
            throw new ParameterException(cmd, mode + " reads " + reads + " itself: drop --input and --posture");
        }
        if (who.all || who.identities.size() != 1) {
            throw new ParameterException(cmd, mode + " watches one identity: give one --identity (" + identityKind
                    + ")");
        }
        if (aivss != null || mitigation != null) {
            throw new ParameterException(cmd, mode + " scores with the profile's AIVSS version and mitigation; drop"
                    + " --aivss and --mitigation (or use a custom --profile file)");
        }
        if (out == null) {
            throw new ParameterException(cmd, mode + " writes to a local directory: give --out DIR");
        }
    }

    private static GoogleCredentials applicationDefaultCredentials() {
        try {
            return GoogleCredentials.getApplicationDefault().createScoped(GcpCredentialsProvider.SCOPES);
        } catch (IOException e) {
            throw new InputException("no Google credentials: run 'gcloud auth application-default login' or set"
                    + " GOOGLE_APPLICATION_CREDENTIALS (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Prints every target and its report; the exit code of a live run. */
    private int report(String cloud, RunResult result, Map<ScanTarget, ScanReport> reports, String outputs) {
        PrintWriter writer = spec.commandLine().getOut();
        if (!quiet) {
            for (TargetOutcome target : result.targets()) {
                writer.printf("%n%s %s %s: %s, covered until %s, %d findings%s%n", cloud,
                        target.target().key().account(), target.target().key().region(),
                        target.status().name().toLowerCase(Locale.ROOT),
                        target.coveredUntil().map(Object::toString).orElse("- (checkpoint not moved)"),
                        target.findings(), target.error().map(e -> "\n  error: " + TerminalReport.safe(e)).orElse(""));
                ScanReport report = reports.get(target.target());
                if (report != null) {
                    TerminalReport.render(report, writer);
                }
            }
            writer.printf("%nrun       %s (%s)%n", result.runId(), result.status().id());
            writer.printf("outputs   %s%n", outputs);
            writer.flush();
        }
        if (result.targets().stream().anyMatch(t -> t.status() == TargetOutcome.Status.FAILED)) {
            return ExitCode.TARGET_FAILED;
        }
        return failOn != null && reports.values().stream().flatMap(r -> r.raised().stream())
                .anyMatch(f -> f.aivss().band().compareTo(failOn) >= 0) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private int callAws() {
        CommandLine cmd = spec.commandLine();
        if (inputs != null && !inputs.isEmpty() || !posture.isEmpty()) {
            throw new ParameterException(cmd, "--aws reads CloudTrail and IAM itself: drop --input and --posture");
        }
        if (who.all || who.identities.size() != 1) {
            throw new ParameterException(cmd, "--aws watches one identity: give one --identity (role ARN, user ARN"
                    + " or access key id)");
        }
        if (aivss != null || mitigation != null) {
            throw new ParameterException(cmd, "--aws scores with the profile's AIVSS version and mitigation; drop"
                    + " --aivss and --mitigation (or use a custom --profile file)");
        }
        if ((out == null) == findingsBucket.isEmpty()) {
            throw new ParameterException(cmd, "--aws needs exactly one of --out DIR and --findings-bucket BUCKET");
        }
        if (securityHub && findingsBucket.isEmpty()) {
            throw new ParameterException(cmd, "--security-hub goes with --findings-bucket");
        }
        CollectorMode collectorMode;
        try {
            collectorMode = CollectorMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--mode: " + e.getMessage());
        }
        AwsLiveScan.Outcome outcome = AwsLiveScan.run(new AwsLiveScan.Options(
                IdentityMatcher.parse(who.identities.get(0)), accounts, regions, collectorMode, trailBucket,
                trailPrefix, organizationId, eventDataStore, readRole, externalId, since, Optional.ofNullable(until),
                Optional.ofNullable(endpointUrl), Optional.ofNullable(out), findingsBucket, findingsPrefix,
                securityHub, stateBucket, profile, Optional.ofNullable(settings), threads,
                Optional.ofNullable(suppressions), suppressionMaxDays),
                DefaultCredentialsProvider.builder().build());
        return report("aws", outcome.result(), outcome.reports(), out != null ? out.toAbsolutePath().toString()
                : "s3://" + findingsBucket + "/" + findingsPrefix + (securityHub ? " and Security Hub" : ""));
    }
}
