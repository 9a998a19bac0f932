package io.scalewatch.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.event.CloudProvider;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The posture file shapes scalewatch reads, told apart by their JSON shape alone (docs/posture-files.md). */
enum PostureFileKind {
    AWS_AUTHORIZATION_DETAILS(CloudProvider.AWS, "aws iam get-account-authorization-details"),
    AWS_ROLE(CloudProvider.AWS, "aws iam get-role"),
    AWS_INLINE_POLICY(CloudProvider.AWS, "aws iam get-role-policy / get-user-policy / get-group-policy"),
    AWS_INLINE_POLICY_NAMES(CloudProvider.AWS, "aws iam list-role-policies"),
    AWS_ATTACHED_POLICIES(CloudProvider.AWS, "aws iam list-attached-role-policies"),
    AWS_MANAGED_POLICY(CloudProvider.AWS, "aws iam get-policy"),
    AWS_POLICY_VERSION(CloudProvider.AWS, "aws iam get-policy-version"),
    AWS_ACCESS_KEYS(CloudProvider.AWS, "aws iam list-access-keys"),
    GCP_IAM_POLICY(CloudProvider.GCP, "GCP getIamPolicy (project, folder, organization, service account)"),
    GCP_ROLES(CloudProvider.GCP, "GCP role definitions (gcloud iam roles describe / roles.get / roles.list)"),
    GCP_KEYS(CloudProvider.GCP, "GCP service-account keys (gcloud iam service-accounts keys list / keys.list)"),
    AZURE_ROLE_ASSIGNMENTS(CloudProvider.AZURE, "Azure role assignments (az role assignment list / ARM)"),
    AZURE_ROLE_DEFINITIONS(CloudProvider.AZURE, "Azure role definitions (az role definition list / ARM)"),
    AZURE_PRINCIPALS(CloudProvider.AZURE, "Azure service principals / applications (az ad sp show / Graph)"),
    EMPTY_LIST(null, "an empty list"),
    UNKNOWN(null, "not a known posture file");

    private static final Pattern GCP_ROLE_NAME =
            Pattern.compile("(roles/|projects/[^/]+/roles/|organizations/[^/]+/roles/)[A-Za-z0-9_.]+");
    private static final Set<String> GCP_POLICY_FIELDS = Set.of("etag", "version", "bindings", "auditConfigs");

    private final CloudProvider cloud;
    private final String description;

    PostureFileKind(CloudProvider cloud, String description) {
        this.cloud = cloud;
        this.description = description;
    }

    /** The cloud the shape belongs to; null for {@link #EMPTY_LIST} and {@link #UNKNOWN}. */
    CloudProvider cloud() {
        return cloud;
    }

    /** What produces the shape, for messages and docs. */
    String description() {
        return description;
    }

    /** The shape of a parsed document. */
    static PostureFileKind detect(JsonNode root) {
        if (root.isObject()) {
            PostureFileKind kind = detectObject(root);
            if (kind != UNKNOWN) {
                return kind;
            }
        }
        if (!root.isObject() && !root.isArray()) {
            return UNKNOWN;
        }
        List<JsonNode> items = Json.items(root);
        if (items.isEmpty()) {
            return EMPTY_LIST;
        }
        PostureFileKind first = detectItem(items.get(0));
        if (first == UNKNOWN) {
            return UNKNOWN;
        }
        for (JsonNode item : items) {
            if (detectItem(item) != first) {
                return UNKNOWN;
            }
        }
        return first;
    }

    private static PostureFileKind detectObject(JsonNode root) {
        if (root.path("RoleDetailList").isArray() || root.path("UserDetailList").isArray()
                || root.path("GroupDetailList").isArray()) {
            return AWS_AUTHORIZATION_DETAILS;
        }
        if (root.path("Role").isObject() && root.path("Role").has("Arn")) {
            return AWS_ROLE;
        }
        if (root.has("PolicyDocument") && root.has("PolicyName")) {
            return AWS_INLINE_POLICY;
        }
        if (root.path("AttachedPolicies").isArray()) {
            return AWS_ATTACHED_POLICIES;
        }
        if (root.path("PolicyNames").isArray()) {
            return AWS_INLINE_POLICY_NAMES;
        }
        if (root.path("PolicyVersion").isObject()) {
            return AWS_POLICY_VERSION;
        }
        if (root.path("Policy").isObject() && root.path("Policy").has("Arn")) {
            return AWS_MANAGED_POLICY;
        }
        if (root.path("AccessKeyMetadata").isArray()) {
            return AWS_ACCESS_KEYS;
        }
        if (root.path("bindings").isArray() || isWrappedGcpPolicy(root)
                || root.has("etag") && onlyFields(root, GCP_POLICY_FIELDS)) {
            return GCP_IAM_POLICY;
        }
        if (root.path("roles").isArray()) {
            return GCP_ROLES;
        }
        if (root.path("keys").isArray()) {
            return GCP_KEYS;
        }
        return UNKNOWN;
    }

    private static PostureFileKind detectItem(JsonNode item) {
        if (!item.isObject()) {
            return UNKNOWN;
        }
        JsonNode props = item.path("properties").isObject() ? item.get("properties") : item;
        if (props.has("principalId") && props.has("roleDefinitionId")) {
            return AZURE_ROLE_ASSIGNMENTS;
        }
        if (props.has("roleName") && props.path("permissions").isArray()) {
            return AZURE_ROLE_DEFINITIONS;
        }
        if (item.has("servicePrincipalType") || item.has("appOwnerOrganizationId")
                || item.has("servicePrincipalNames")
                || item.has("appId") && (item.has("passwordCredentials") || item.has("keyCredentials"))) {
            return AZURE_PRINCIPALS;
        }
        if (item.has("includedPermissions")
                || GCP_ROLE_NAME.matcher(Json.text(item, "name")).matches()
                        && (item.has("title") || item.has("stage") || item.has("etag"))) {
            return GCP_ROLES;
        }
        String name = Json.text(item, "name");
        if (name.contains("/serviceAccounts/") && name.contains("/keys/")) {
            return GCP_KEYS;
        }
        if (isWrappedGcpPolicy(item)) {
            return GCP_IAM_POLICY;
        }
        return UNKNOWN;
    }

    private static boolean isWrappedGcpPolicy(JsonNode node) {
        return Json.hasText(node, "resource") && node.path("policy").isObject();
    }

    private static boolean onlyFields(JsonNode node, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            if (!allowed.contains(names.next())) {
                return false;
            }
        }
        return true;
    }
}
