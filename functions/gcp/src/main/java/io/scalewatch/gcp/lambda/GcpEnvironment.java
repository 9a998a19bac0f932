package io.scalewatch.gcp.lambda;

import io.scalewatch.aws.lambda.AwsEnvironment;
import io.scalewatch.aws.lambda.ScanConfigFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every environment variable the scheduled GCP scan (a Lambda in AWS, {@link GcpScanHandler}) reads, in one place:
 * the Terraform module sets them and a contract test derives its variables from {@link #variables()}. Each variable
 * with a field is the deployment default of that config field ({@link GcpScanConfig}); the scheduler event and the
 * S3 config object override it. The output, profile and window variables are the AWS scan's (same names, same
 * meaning); {@link #CREDENTIALS_CONFIG} and {@link #KEY_SECRET} are container settings, read once at start and
 * never from an event.
 */
public final class GcpEnvironment {
    /** Where a config object is kept: {@code s3://bucket/key} (JSON, the event's fields; overrides these defaults). */
    public static final String CONFIG_S3 = AwsEnvironment.CONFIG_S3;
    /** The watched service account's email. */
    public static final String IDENTITY = AwsEnvironment.IDENTITY;
    /** Target projects (ids), comma-separated; required. */
    public static final String PROJECTS = "SCALEWATCH_GCP_PROJECTS";
    /** Folders ({@code folders/<n>}) whose IAM policies are read into the posture, comma-separated. */
    public static final String FOLDERS = "SCALEWATCH_GCP_FOLDERS";
    /** Organizations ({@code organizations/<n>}) whose IAM policies are read into the posture, comma-separated. */
    public static final String ORGANIZATIONS = "SCALEWATCH_GCP_ORGANIZATIONS";
    /** Whether Data Access audit logs are read too: true or false (default false). */
    public static final String DATA_ACCESS = "SCALEWATCH_GCP_DATA_ACCESS";
    /** Workload identity federation: the external-account configuration JSON itself (not a secret). */
    public static final String CREDENTIALS_CONFIG = "SCALEWATCH_GCP_CREDENTIALS_CONFIG";
    /** Fallback: Secrets Manager id (name or ARN) of a service-account key JSON. */
    public static final String KEY_SECRET = "SCALEWATCH_GCP_KEY_SECRET";
    /** Bucket for findings, summaries and quarantine. */
    public static final String FINDINGS_BUCKET = AwsEnvironment.FINDINGS_BUCKET;
    /** Key prefix in the findings bucket (and the state bucket). */
    public static final String FINDINGS_PREFIX = AwsEnvironment.FINDINGS_PREFIX;
    /** KMS key for SSE-KMS of every object written; none: SSE-S3. */
    public static final String KMS_KEY_ID = AwsEnvironment.KMS_KEY_ID;
    /** Bucket for checkpoints (default: the findings bucket). */
    public static final String STATE_BUCKET = AwsEnvironment.STATE_BUCKET;
    /** Whether findings are imported into Security Hub (of the function's own account and region). */
    public static final String SECURITY_HUB_ENABLED = AwsEnvironment.SECURITY_HUB_ENABLED;
    /** Agent profile id (default castai). */
    public static final String PROFILE = AwsEnvironment.PROFILE;
    /** Policy settings overrides, a JSON object. */
    public static final String SETTINGS = AwsEnvironment.SETTINGS;
    /** Suppression file: {@code s3://bucket/key}, or the JSON document (docs/suppressions.md). */
    public static final String SUPPRESSIONS = AwsEnvironment.SUPPRESSIONS;
    /** Furthest a suppression may expire ahead of now, in days (default 365). */
    public static final String SUPPRESSION_MAX_DAYS = AwsEnvironment.SUPPRESSION_MAX_DAYS;
    /** Window overlap with the previous run (default PT10M). */
    public static final String WINDOW_OVERLAP = AwsEnvironment.WINDOW_OVERLAP;
    /** How far behind now the window ends (default PT15M). */
    public static final String WINDOW_INGESTION_DELAY = AwsEnvironment.WINDOW_INGESTION_DELAY;
    /** Longest window one run scans (default PT24H). */
    public static final String WINDOW_MAX = AwsEnvironment.WINDOW_MAX;
    /** How far back the first run of a target reads (default PT24H). */
    public static final String WINDOW_FIRST_RUN_BACKFILL = AwsEnvironment.WINDOW_FIRST_RUN_BACKFILL;
    /** Time kept at the end of an invocation for evaluating, publishing and checkpointing (default PT60S). */
    public static final String DEADLINE_RESERVE = AwsEnvironment.DEADLINE_RESERVE;
    /** Set by Lambda itself: the function's region (Security Hub, buckets, Secrets Manager). */
    public static final String AWS_REGION = AwsEnvironment.AWS_REGION;

    private static final List<AwsEnvironment.Variable> VARIABLES = variables(
            new AwsEnvironment.Variable(CONFIG_S3, "", "s3://bucket/key of a JSON config object (the event's fields)"),
            new AwsEnvironment.Variable(IDENTITY, GcpScanConfig.IDENTITY, "watched service account's email"),
            new AwsEnvironment.Variable(PROJECTS, GcpScanConfig.PROJECTS, "target project ids, comma-separated"),
            new AwsEnvironment.Variable(FOLDERS, GcpScanConfig.FOLDERS,
                    "folders/<n> whose IAM policies join the posture, comma-separated"),
            new AwsEnvironment.Variable(ORGANIZATIONS, GcpScanConfig.ORGANIZATIONS,
                    "organizations/<n> whose IAM policies join the posture, comma-separated"),
            new AwsEnvironment.Variable(DATA_ACCESS, GcpScanConfig.DATA_ACCESS,
                    "read Data Access audit logs too: true or false (default false)"),
            new AwsEnvironment.Variable(CREDENTIALS_CONFIG, "",
                    "workload identity federation: external-account configuration JSON (not a secret)"),
            new AwsEnvironment.Variable(KEY_SECRET, "",
                    "fallback: Secrets Manager id of a service-account key JSON"));

    private GcpEnvironment() {}

    private static List<AwsEnvironment.Variable> variables(AwsEnvironment.Variable... own) {
        List<AwsEnvironment.Variable> all = new ArrayList<>(List.of(own));
        all.addAll(ScanConfigFields.sharedVariables());
        return List.copyOf(all);
    }

    /** Every variable, in the order of the docs (the shared output and window ones as {@link AwsEnvironment}'s). */
    public static List<AwsEnvironment.Variable> variables() {
        return VARIABLES;
    }

    /** The variable that holds the default of a config field, if one does. */
    public static Optional<AwsEnvironment.Variable> forField(String field) {
        return VARIABLES.stream().filter(v -> !v.field().isEmpty() && v.field().equals(field)).findFirst();
    }
}
