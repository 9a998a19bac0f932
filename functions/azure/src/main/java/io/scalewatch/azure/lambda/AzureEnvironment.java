package io.scalewatch.azure.lambda;

import io.scalewatch.aws.lambda.AwsEnvironment;
import io.scalewatch.aws.lambda.ScanConfigFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every environment variable the scheduled Azure scan (a Lambda in AWS, {@link AzureScanHandler}) reads, in one
 * place: the Terraform module sets them and a contract test derives its variables from {@link #variables()}. Each
 * variable with a field is the deployment default of that config field ({@link AzureScanConfig}); the scheduler
 * event and the S3 config object override it. The output, profile and window variables are the AWS scan's (same
 * names, same meaning). The sign-in settings ({@link #TENANT_ID}, {@link #CLIENT_ID}, {@link #CREDENTIAL_METHOD},
 * {@link #SECRET}, ...) are container settings, read once at start and never from an event.
 */
public final class AzureEnvironment {
    /** Where a config object is kept: {@code s3://bucket/key} (JSON, the event's fields; overrides these defaults). */
    public static final String CONFIG_S3 = AwsEnvironment.CONFIG_S3;
    /** The watched service principal's object id (GUID). */
    public static final String IDENTITY = AwsEnvironment.IDENTITY;
    /** The watched principal's application (client) id (GUID), optional: rows signed by the app id match too. */
    public static final String APP_ID = "SCALEWATCH_AZURE_APP_ID";
    /** Log Analytics workspace ids holding AzureActivity, comma-separated; required (one target each). */
    public static final String WORKSPACES = "SCALEWATCH_AZURE_WORKSPACES";
    /** Subscriptions whose role assignments of the principal form its posture, comma-separated. */
    public static final String SUBSCRIPTIONS = "SCALEWATCH_AZURE_SUBSCRIPTIONS";
    /** Whether the principal's credentials are read from Microsoft Graph: true or false (default true). */
    public static final String GRAPH_ENABLED = "SCALEWATCH_AZURE_GRAPH_ENABLED";
    /** Scalewatch's own Entra tenant id (GUID). */
    public static final String TENANT_ID = "SCALEWATCH_AZURE_TENANT_ID";
    /** Scalewatch's own app registration's client id (GUID). */
    public static final String CLIENT_ID = "SCALEWATCH_AZURE_CLIENT_ID";
    /** How scalewatch signs in: client-secret (default), certificate-pem or certificate-pfx. */
    public static final String CREDENTIAL_METHOD = "SCALEWATCH_AZURE_CREDENTIAL_METHOD";
    /** Secrets Manager id (name or ARN) of the client secret, PEM certificate + key, or base64 PFX. */
    public static final String SECRET = "SCALEWATCH_AZURE_SECRET";
    /** When the secret is a JSON object: the field holding the value (default: the secret is the value). */
    public static final String SECRET_JSON_KEY = "SCALEWATCH_AZURE_SECRET_JSON_KEY";
    /** certificate-pfx: Secrets Manager id of the PFX password, if it has one. */
    public static final String PFX_PASSWORD_SECRET = "SCALEWATCH_AZURE_PFX_PASSWORD_SECRET";
    /** Entra authority host (default https://login.microsoftonline.com/; sovereign clouds differ). */
    public static final String AUTHORITY_HOST = "SCALEWATCH_AZURE_AUTHORITY_HOST";
    /** Whether MSAL checks the authority with Entra's instance discovery: true (default) or false. */
    public static final String INSTANCE_DISCOVERY = "SCALEWATCH_AZURE_INSTANCE_DISCOVERY";
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
            new AwsEnvironment.Variable(IDENTITY, AzureScanConfig.IDENTITY,
                    "watched service principal's object id (GUID)"),
            new AwsEnvironment.Variable(APP_ID, AzureScanConfig.APP_ID, "watched principal's application id (GUID)"),
            new AwsEnvironment.Variable(WORKSPACES, AzureScanConfig.WORKSPACES,
                    "Log Analytics workspace ids with AzureActivity, comma-separated"),
            new AwsEnvironment.Variable(SUBSCRIPTIONS, AzureScanConfig.SUBSCRIPTIONS,
                    "subscriptions whose role assignments form the posture, comma-separated"),
            new AwsEnvironment.Variable(GRAPH_ENABLED, AzureScanConfig.GRAPH_ENABLED,
                    "read the principal's credentials from Microsoft Graph: true or false (default true)"),
            new AwsEnvironment.Variable(TENANT_ID, "", "scalewatch's Entra tenant id"),
            new AwsEnvironment.Variable(CLIENT_ID, "", "scalewatch's app registration client id"),
            new AwsEnvironment.Variable(CREDENTIAL_METHOD, "",
                    "client-secret (default), certificate-pem or certificate-pfx"),
            new AwsEnvironment.Variable(SECRET, "", "Secrets Manager id of the client secret or certificate"),
            new AwsEnvironment.Variable(SECRET_JSON_KEY, "", "field of a JSON secret holding the value"),
            new AwsEnvironment.Variable(PFX_PASSWORD_SECRET, "", "Secrets Manager id of the PFX password"),
            new AwsEnvironment.Variable(AUTHORITY_HOST, "", "Entra authority host (default public cloud)"),
            new AwsEnvironment.Variable(INSTANCE_DISCOVERY, "",
                    "MSAL instance discovery of the authority: true (default) or false"));

    private AzureEnvironment() {}

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
