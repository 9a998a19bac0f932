package io.scalewatch.aws.lambda;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every environment variable the scheduled AWS scan reads, in one place: the Terraform module sets them and a
 * contract test derives its variables from {@link #variables()}. Each {@code SCALEWATCH_*} variable is the
 * deployment default of one config field ({@link AwsScanConfig}); the scheduler event and the S3 config object
 * override it.
 */
public final class AwsEnvironment {
    /** Where a config object is kept: {@code s3://bucket/key} (JSON, the event's fields; overrides these defaults). */
    public static final String CONFIG_S3 = "SCALEWATCH_CONFIG_S3";
    /** The watched identity: role ARN, user ARN or access key id. */
    public static final String IDENTITY = "SCALEWATCH_IDENTITY";
    /** Target accounts, comma-separated (default: the function's own account). */
    public static final String ACCOUNTS = "SCALEWATCH_ACCOUNTS";
    /** Target regions, comma-separated (default: the function's region). */
    public static final String REGIONS = "SCALEWATCH_REGIONS";
    /** Collector mode: lookup, s3 or lake (default lookup). */
    public static final String MODE = "SCALEWATCH_MODE";
    /** Trail bucket of mode s3. */
    public static final String TRAIL_BUCKET = "SCALEWATCH_TRAIL_BUCKET";
    /** Trail key prefix of mode s3 (the trail's S3 key prefix, if it has one). */
    public static final String TRAIL_PREFIX = "SCALEWATCH_TRAIL_PREFIX";
    /** Region of the trail bucket (default: the function's region). */
    public static final String TRAIL_BUCKET_REGION = "SCALEWATCH_TRAIL_BUCKET_REGION";
    /** Organization id of an organization trail ({@code o-...}), mode s3. */
    public static final String ORGANIZATION_ID = "SCALEWATCH_ORGANIZATION_ID";
    /** CloudTrail Lake event data store (id or ARN), mode lake. */
    public static final String EVENT_DATA_STORE = "SCALEWATCH_EVENT_DATA_STORE";
    /** Read-only role assumed in target accounts other than the function's own. */
    public static final String READ_ROLE = "SCALEWATCH_READ_ROLE";
    /** The {@code sts:ExternalId} the read-only role's trust policy requires. */
    public static final String EXTERNAL_ID = "SCALEWATCH_EXTERNAL_ID";
    /** Bucket for findings, summaries and quarantine. */
    public static final String FINDINGS_BUCKET = "SCALEWATCH_FINDINGS_BUCKET";
    /** Key prefix in the findings bucket (and the state bucket). */
    public static final String FINDINGS_PREFIX = "SCALEWATCH_FINDINGS_PREFIX";
    /** KMS key (id, ARN or alias) for SSE-KMS of every object written; none: SSE-S3. */
    public static final String KMS_KEY_ID = "SCALEWATCH_KMS_KEY_ID";
    /** Bucket for checkpoints (default: the findings bucket). */
    public static final String STATE_BUCKET = "SCALEWATCH_STATE_BUCKET";
    /** Whether findings are imported into Security Hub: true or false (default true). */
    public static final String SECURITY_HUB_ENABLED = "SCALEWATCH_SECURITY_HUB_ENABLED";
    /** Agent profile id: castai, karpenter, cluster-autoscaler (default castai). */
    public static final String PROFILE = "SCALEWATCH_PROFILE";
    /** Policy settings overrides, a JSON object. */
    public static final String SETTINGS = "SCALEWATCH_SETTINGS";
    /** Suppression file: s3://bucket/key of a JSON suppression document, or the document itself. */
    public static final String SUPPRESSIONS = "SCALEWATCH_SUPPRESSIONS";
    /** Furthest a suppression's expiry may lie ahead, in days (default 365). */
    public static final String SUPPRESSION_MAX_DAYS = "SCALEWATCH_SUPPRESSION_MAX_DAYS";
    /** Window overlap with the previous run, ISO-8601 duration (default PT10M). */
    public static final String WINDOW_OVERLAP = "SCALEWATCH_WINDOW_OVERLAP";
    /** Ingestion delay: how far behind now the window ends, ISO-8601 duration (default PT15M). */
    public static final String WINDOW_INGESTION_DELAY = "SCALEWATCH_WINDOW_INGESTION_DELAY";
    /** Longest window one run scans, ISO-8601 duration (default PT24H). */
    public static final String WINDOW_MAX = "SCALEWATCH_WINDOW_MAX";
    /** How far back the first run of a target reads, ISO-8601 duration (default PT24H). */
    public static final String WINDOW_FIRST_RUN_BACKFILL = "SCALEWATCH_WINDOW_FIRST_RUN_BACKFILL";
    /** Time kept at the end of an invocation for evaluating, publishing and checkpointing (default PT60S). */
    public static final String DEADLINE_RESERVE = "SCALEWATCH_DEADLINE_RESERVE";
    /** Set by Lambda itself: the function's region. Not a deployment setting. */
    public static final String AWS_REGION = "AWS_REGION";

    /**
     * One {@code SCALEWATCH_*} variable.
     *
     * @param name the environment variable
     * @param field the config field it is the default of (dotted for nested fields), empty for none
     * @param description what it holds, for docs and the Terraform variable
     */
    public record Variable(String name, String field, String description) {
        public Variable {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(description, "description");
        }
    }

    private static final List<Variable> VARIABLES = List.of(
            new Variable(CONFIG_S3, "", "s3://bucket/key of a JSON config object (the event's fields)"),
            new Variable(IDENTITY, AwsScanConfig.IDENTITY, "watched identity: role ARN, user ARN or access key id"),
            new Variable(ACCOUNTS, AwsScanConfig.ACCOUNTS, "target accounts, comma-separated (default: own account)"),
            new Variable(REGIONS, AwsScanConfig.REGIONS, "target regions, comma-separated (default: own region)"),
            new Variable(MODE, AwsScanConfig.MODE, "collector mode: lookup, s3 or lake (default lookup)"),
            new Variable(TRAIL_BUCKET, AwsScanConfig.TRAIL_BUCKET, "trail bucket (mode s3)"),
            new Variable(TRAIL_PREFIX, AwsScanConfig.TRAIL_PREFIX, "trail key prefix (mode s3)"),
            new Variable(TRAIL_BUCKET_REGION, AwsScanConfig.TRAIL_BUCKET_REGION,
                    "region of the trail bucket (default: own region)"),
            new Variable(ORGANIZATION_ID, AwsScanConfig.ORGANIZATION_ID, "organization id of an organization trail"),
            new Variable(EVENT_DATA_STORE, AwsScanConfig.EVENT_DATA_STORE, "CloudTrail Lake event data store (lake)"),
            new Variable(READ_ROLE, AwsScanConfig.READ_ROLE_NAME, "read-only role name in other target accounts"),
            new Variable(EXTERNAL_ID, AwsScanConfig.EXTERNAL_ID, "sts:ExternalId of the read-only role"),
            new Variable(FINDINGS_BUCKET, AwsScanConfig.FINDINGS_BUCKET, "bucket for findings and summaries"),
            new Variable(FINDINGS_PREFIX, AwsScanConfig.FINDINGS_PREFIX, "key prefix in the findings bucket"),
            new Variable(KMS_KEY_ID, AwsScanConfig.KMS_KEY_ID, "KMS key for SSE-KMS (default SSE-S3)"),
            new Variable(STATE_BUCKET, AwsScanConfig.STATE_BUCKET, "bucket for checkpoints (default: findings)"),
            new Variable(SECURITY_HUB_ENABLED, AwsScanConfig.SECURITY_HUB_ENABLED,
                    "import findings into Security Hub: true or false (default true)"),
            new Variable(PROFILE, AwsScanConfig.PROFILE, "agent profile id (default castai)"),
            new Variable(SETTINGS, AwsScanConfig.SETTINGS, "policy settings overrides, a JSON object"),
            new Variable(SUPPRESSIONS, AwsScanConfig.SUPPRESSIONS,
                    "suppressions: s3://bucket/key of a suppression file, or its JSON (docs/suppressions.md)"),
            new Variable(SUPPRESSION_MAX_DAYS, AwsScanConfig.SUPPRESSION_MAX_DAYS,
                    "furthest a suppression may expire ahead of now, in days (default 365)"),
            new Variable(WINDOW_OVERLAP, AwsScanConfig.WINDOW + "." + AwsScanConfig.OVERLAP,
                    "overlap with the previous window, ISO-8601 duration (default PT10M)"),
            new Variable(WINDOW_INGESTION_DELAY, AwsScanConfig.WINDOW + "." + AwsScanConfig.INGESTION_DELAY,
                    "how far behind now a window ends, ISO-8601 duration (default PT15M)"),
            new Variable(WINDOW_MAX, AwsScanConfig.WINDOW + "." + AwsScanConfig.MAX_WINDOW,
                    "longest window of one run, ISO-8601 duration (default PT24H)"),
            new Variable(WINDOW_FIRST_RUN_BACKFILL, AwsScanConfig.WINDOW + "." + AwsScanConfig.FIRST_RUN_BACKFILL,
                    "how far back a first run reads, ISO-8601 duration (default PT24H)"),
            new Variable(DEADLINE_RESERVE, AwsScanConfig.DEADLINE_RESERVE,
                    "time kept for evaluating, publishing and checkpointing, ISO-8601 duration (default PT60S)"));

    private AwsEnvironment() {}

    /** Every {@code SCALEWATCH_*} variable, in the order of the docs. */
    public static List<Variable> variables() {
        return VARIABLES;
    }

    /** The variable that holds the default of a config field, if one does. */
    public static Optional<Variable> forField(String field) {
        return VARIABLES.stream().filter(v -> v.field().equals(field)).findFirst();
    }
}
