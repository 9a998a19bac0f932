package io.scalewatch.aws.dispatch;

import io.scalewatch.aws.lambda.AwsEnvironment;
import java.util.List;
import java.util.Optional;

/**
 * Every environment variable the dispatcher reads, in one place: the Terraform module sets them and a contract test
 * can derive its variables from {@link #variables()}. Lists are comma-separated; the scheduler event may override
 * the target fields (not the queue URLs) with the same field names ({@link DispatchConfig}).
 */
public final class DispatchEnvironment {
    /** Queue of the AWS scan function: one message per account x region. */
    public static final String AWS_QUEUE_URL = "SCALEWATCH_AWS_QUEUE_URL";
    /** Queue of the GCP scan function: one message per project. */
    public static final String GCP_QUEUE_URL = "SCALEWATCH_GCP_QUEUE_URL";
    /** Queue of the Azure scan function: one message per Log Analytics workspace. */
    public static final String AZURE_QUEUE_URL = "SCALEWATCH_AZURE_QUEUE_URL";
    /** Regions scanned in every AWS account (default: the dispatcher's region). */
    public static final String REGIONS = "SCALEWATCH_DISPATCH_REGIONS";
    /** A fixed list of AWS accounts, used instead of AWS Organizations (default: the organization's accounts). */
    public static final String ACCOUNTS = "SCALEWATCH_DISPATCH_ACCOUNTS";
    /** Only accounts under these OUs or roots, nested OUs included (default: the whole organization). */
    public static final String INCLUDE_OUS = "SCALEWATCH_DISPATCH_INCLUDE_OUS";
    /** Accounts under these OUs (nested OUs included) are skipped. */
    public static final String EXCLUDE_OUS = "SCALEWATCH_DISPATCH_EXCLUDE_OUS";
    /** These accounts are skipped. */
    public static final String EXCLUDE_ACCOUNTS = "SCALEWATCH_DISPATCH_EXCLUDE_ACCOUNTS";
    /** GCP project ids to scan. */
    public static final String GCP_PROJECTS = "SCALEWATCH_GCP_PROJECTS";
    /** Azure Log Analytics workspace ids to scan (the Azure scan's targets). */
    public static final String AZURE_WORKSPACES = "SCALEWATCH_AZURE_WORKSPACES";
    /** Set by Lambda itself: the function's region (the queues' region, the default scanned region). */
    public static final String AWS_REGION = "AWS_REGION";

    private static final List<AwsEnvironment.Variable> VARIABLES = List.of(
            new AwsEnvironment.Variable(AWS_QUEUE_URL, "", "SQS queue URL of the AWS scan function"),
            new AwsEnvironment.Variable(GCP_QUEUE_URL, "", "SQS queue URL of the GCP scan function"),
            new AwsEnvironment.Variable(AZURE_QUEUE_URL, "", "SQS queue URL of the Azure scan function"),
            new AwsEnvironment.Variable(REGIONS, DispatchConfig.REGIONS,
                    "AWS regions scanned in every account, comma-separated (default: the dispatcher's region)"),
            new AwsEnvironment.Variable(ACCOUNTS, DispatchConfig.ACCOUNTS,
                    "fixed AWS account ids instead of AWS Organizations, comma-separated"),
            new AwsEnvironment.Variable(INCLUDE_OUS, DispatchConfig.INCLUDE_OUS,
                    "only accounts under these OU or root ids (nested OUs included), comma-separated"),
            new AwsEnvironment.Variable(EXCLUDE_OUS, DispatchConfig.EXCLUDE_OUS,
                    "skip accounts under these OU ids (nested OUs included), comma-separated"),
            new AwsEnvironment.Variable(EXCLUDE_ACCOUNTS, DispatchConfig.EXCLUDE_ACCOUNTS,
                    "skip these AWS account ids, comma-separated"),
            new AwsEnvironment.Variable(GCP_PROJECTS, DispatchConfig.GCP_PROJECTS,
                    "GCP project ids to scan, comma-separated"),
            new AwsEnvironment.Variable(AZURE_WORKSPACES, DispatchConfig.AZURE_WORKSPACES,
                    "Azure Log Analytics workspace ids to scan, comma-separated"));

    private DispatchEnvironment() {}

    /** Every {@code SCALEWATCH_*} variable of the dispatcher, in the order of the docs. */
    public static List<AwsEnvironment.Variable> variables() {
        return VARIABLES;
    }

    /** The variable that holds the default of a config field, if one does. */
    public static Optional<AwsEnvironment.Variable> forField(String field) {
        return VARIABLES.stream().filter(v -> !v.field().isEmpty() && v.field().equals(field)).findFirst();
    }
}
