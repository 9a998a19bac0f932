package io.scalewatch.lambda;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps AWS SDK v2 operations onto the IAM actions that authorize them. The rule is the SDK's own naming: service
 * package {@code s3} and method {@code putObject} authorize as {@code s3:PutObject}; paginators and byte/stream
 * variants as their operation. The tables below hold only where IAM names differ from the SDK's, the operations that
 * need no permission, and SDK helper classes that call an API themselves (credential providers).
 */
final class IamActions {
    /** IAM service prefixes that differ from the SDK's service package. */
    private static final Map<String, String> PREFIX = Map.of(
            "cloudwatchlogs", "logs",
            "eventbridge", "events",
            "sfn", "states",
            "elasticloadbalancingv2", "elasticloadbalancing");

    /** SDK operations authorized by an IAM action of another name. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("s3:HeadObject", "s3:GetObject"),
            Map.entry("s3:HeadBucket", "s3:ListBucket"),
            Map.entry("s3:ListObjectsV2", "s3:ListBucket"),
            Map.entry("s3:ListObjects", "s3:ListBucket"),
            Map.entry("s3:ListObjectVersions", "s3:ListBucketVersions"),
            Map.entry("s3:DeleteObjects", "s3:DeleteObject"),
            Map.entry("sqs:SendMessageBatch", "sqs:SendMessage"),
            Map.entry("sqs:DeleteMessageBatch", "sqs:DeleteMessage"),
            Map.entry("sqs:ChangeMessageVisibilityBatch", "sqs:ChangeMessageVisibility"));

    /** Operations every principal may call: no IAM permission exists for them. */
    private static final Set<String> NO_PERMISSION = Set.of("sts:GetCallerIdentity");

    /** Client methods that are not API operations. */
    private static final Set<String> NOT_OPERATIONS = Set.of(
            "builder", "create", "close", "serviceName", "serviceClientConfiguration", "utilities", "waiter");

    /** SDK helper classes that call an API on their own. */
    private static final Map<String, String> HELPERS = Map.of(
            "software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider", "sts:AssumeRole",
            "software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider",
            "sts:AssumeRoleWithWebIdentity",
            "software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithSamlCredentialsProvider", "sts:AssumeRoleWithSAML",
            "software.amazon.awssdk.services.sts.auth.StsGetSessionTokenCredentialsProvider", "sts:GetSessionToken",
            "software.amazon.awssdk.services.sts.auth.StsGetFederationTokenCredentialsProvider",
            "sts:GetFederationToken");

    /** SDK helper classes that call nothing themselves. */
    private static final Set<String> INERT_HELPERS = Set.of(
            // the abstract base of the STS providers: the concrete provider used names the call
            "software.amazon.awssdk.services.sts.auth.StsCredentialsProvider");

    private IamActions() {}

    /** The IAM action an SDK call needs; empty when it needs none or is not an API operation. */
    static Optional<String> of(SdkCall call) {
        if (NOT_OPERATIONS.contains(call.method())) {
            return Optional.empty();
        }
        String operation = call.method().replaceFirst("(Paginator|AsBytes|AsInputStream)$", "");
        String action = PREFIX.getOrDefault(call.service(), call.service()) + ":"
                + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
        action = RENAMED.getOrDefault(action, action);
        return NO_PERMISSION.contains(action) ? Optional.empty() : Optional.of(action);
    }

    /**
     * The IAM action an SDK class other than a client or a model needs when used, empty when it calls nothing
     * (builders, configuration, models, paginator result types, exceptions).
     *
     * @throws IllegalStateException for a helper class this table does not know: classify it here first
     */
    static Optional<String> ofHelper(String sdkClass) {
        if (HELPERS.containsKey(sdkClass)) {
            return Optional.of(HELPERS.get(sdkClass));
        }
        if (INERT_HELPERS.contains(sdkClass)) {
            return Optional.empty();
        }
        String[] parts = sdkClass.split("\\.");
        // software.amazon.awssdk.services.<service>.[<subpackage>.]<Class>
        String simple = parts[parts.length - 1];
        boolean inert = parts.length > 6 && Set.of("model", "paginators", "endpoints", "transform", "waiters")
                .contains(parts[5]);
        inert = inert || simple.endsWith("Client") || simple.endsWith("ClientBuilder") || simple.endsWith("Exception")
                || simple.endsWith("Configuration") || simple.endsWith("Utilities") || simple.contains("$");
        if (inert) {
            return Optional.empty();
        }
        throw new IllegalStateException("SDK class " + sdkClass + " is neither a client, a model nor a known helper:"
                + " say in IamActions.HELPERS which IAM action it needs (or that it calls nothing)");
    }

    /** Every IAM action the calls and helper classes need. */
    static Set<String> needed(Set<SdkCall> calls, Set<String> sdkClasses) {
        Set<String> actions = new TreeSet<>();
        calls.forEach(c -> of(c).ifPresent(actions::add));
        sdkClasses.forEach(c -> ofHelper(c).ifPresent(actions::add));
        return actions;
    }
}
