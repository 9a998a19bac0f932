package io.scalewatch.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads AWS IAM posture files into one {@link Posture} per selected role or user: the output of
 * {@code aws iam get-account-authorization-details}, or {@code get-role} with {@code get-role-policy},
 * {@code list-attached-role-policies}, {@code get-policy(-version)} and {@code list-access-keys}
 * (shapes in docs/posture-files.md). Managed policies referenced but not in the files are left out of the
 * grants and listed in {@link PostureLoadResult#unresolved()}.
 */
public final class AwsPostureReader {
    private enum Kind {
        ROLE("role", "RoleName"),
        USER("user", "UserName"),
        GROUP("group", "GroupName");

        final String label;
        final String nameField;

        Kind(String label, String nameField) {
            this.label = label;
            this.nameField = nameField;
        }
    }

    private record Inline(JsonNode document, String file) {}

    private record ManagedPolicy(JsonNode document, String file) {}

    private record PolicyInfo(String arn, String defaultVersion, String file) {}

    private static final class Entity {
        final Kind kind;
        final String arn;
        final String name;
        final Set<String> files = new LinkedHashSet<>();
        final Map<String, Inline> inline = new LinkedHashMap<>();
        final Set<String> attached = new LinkedHashSet<>();
        final Set<String> listedInline = new LinkedHashSet<>();
        final List<String> groups = new ArrayList<>();
        final Map<String, String> tags = new LinkedHashMap<>();
        final List<Credential> credentials = new ArrayList<>();
        JsonNode trust = MissingNode.getInstance();
        String trustFile = "";
        String boundaryArn = "";
        boolean fromGetRole;

        Entity(Kind kind, String arn, String name) {
            this.kind = kind;
            this.arn = arn;
            this.name = name;
        }

        String account() {
            String[] parts = arn.split(":", 6);
            return parts.length == 6 ? parts[4] : "";
        }
    }

    private final Map<String, Entity> entities = new LinkedHashMap<>();
    private final Map<String, ManagedPolicy> policies = new LinkedHashMap<>();
    private final List<PolicyInfo> policyInfos = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> unresolved = new LinkedHashSet<>();

    private AwsPostureReader() {}

    /**
     * The postures of the principals in {@code documents} that {@code identity} selects.
     *
     * @throws PostureFileException naming the document when one is not an AWS IAM shape or holds a malformed
     *     policy
     */
    public static PostureLoadResult read(List<PostureDocument> documents, IdentityMatcher identity) {
        Objects.requireNonNull(identity, "identity");
        AwsPostureReader reader = new AwsPostureReader();
        Map<PostureFileKind, List<PostureDocument>> byKind = new EnumMap<>(PostureFileKind.class);
        for (PostureDocument document : documents) {
            PostureFileKind kind = PostureFileKind.detect(document.json());
            if (kind.cloud() != CloudProvider.AWS) {
                throw new PostureFileException(document.source(), "not an AWS IAM file (" + kind.description() + ")");
            }
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(document);
        }
        // Principals first, then policies, then what hangs off principals, so file order never matters.
        each(byKind, PostureFileKind.AWS_AUTHORIZATION_DETAILS, reader::readAuthorizationDetails);
        each(byKind, PostureFileKind.AWS_ROLE, reader::readRole);
        each(byKind, PostureFileKind.AWS_MANAGED_POLICY, reader::readPolicyInfo);
        each(byKind, PostureFileKind.AWS_POLICY_VERSION, reader::readPolicyVersion);
        each(byKind, PostureFileKind.AWS_INLINE_POLICY, reader::readInlinePolicy);
        each(byKind, PostureFileKind.AWS_ATTACHED_POLICIES, reader::readAttachedPolicies);
        each(byKind, PostureFileKind.AWS_INLINE_POLICY_NAMES, reader::readInlinePolicyNames);
        each(byKind, PostureFileKind.AWS_ACCESS_KEYS, reader::readAccessKeys);
        List<Posture> postures = new ArrayList<>();
        for (Entity entity : reader.entities.values()) {
            if (entity.kind != Kind.GROUP && selected(identity, entity)) {
                postures.add(reader.withPassableRoles(entity, reader.posture(entity)));
            }
        }
        return new PostureLoadResult(postures, List.copyOf(reader.warnings), List.copyOf(reader.unresolved));
    }

    // An access-key matcher selects the user owning the key, when list-access-keys output says which.
    private static boolean selected(IdentityMatcher identity, Entity entity) {
        if (identity.kind() == IdentityMatcher.Kind.AWS_ACCESS_KEY) {
            return entity.credentials.stream().anyMatch(c -> c.id().equals(identity.value()));
        }
        return identity.matchesPrincipal(CloudProvider.AWS, entity.arn);
    }

    private interface DocumentReader {
        void read(PostureDocument document);
    }

    private static void each(
            Map<PostureFileKind, List<PostureDocument>> byKind, PostureFileKind kind, DocumentReader reader) {
        byKind.getOrDefault(kind, List.of()).forEach(reader::read);
    }

    private void readAuthorizationDetails(PostureDocument document) {
        String file = document.source();
        JsonNode root = document.json();
        for (JsonNode role : Json.array(root, "RoleDetailList", file, "RoleDetailList")) {
            Entity entity = entity(Kind.ROLE, role, file);
            readTrust(entity, role, file);
            readInline(entity, role, "RolePolicyList", file);
            readPrincipalCommon(entity, role, file);
        }
        for (JsonNode user : Json.array(root, "UserDetailList", file, "UserDetailList")) {
            Entity entity = entity(Kind.USER, user, file);
            readInline(entity, user, "UserPolicyList", file);
            readPrincipalCommon(entity, user, file);
            for (String group : Json.strings(user, "GroupList", file, "user " + entity.arn)) {
                if (!entity.groups.contains(group)) {
                    entity.groups.add(group);
                }
            }
        }
        for (JsonNode group : Json.array(root, "GroupDetailList", file, "GroupDetailList")) {
            Entity entity = entity(Kind.GROUP, group, file);
            readInline(entity, group, "GroupPolicyList", file);
            readAttached(entity, group, "AttachedManagedPolicies", file);
        }
        for (JsonNode policy : Json.array(root, "Policies", file, "Policies")) {
            readManagedPolicy(policy, file);
        }
    }

    private void readRole(PostureDocument document) {
        String file = document.source();
        JsonNode role = document.json().get("Role");
        Entity entity = entity(Kind.ROLE, role, file);
        entity.fromGetRole = true;
        readTrust(entity, role, file);
        readPrincipalCommon(entity, role, file);
    }

    private Entity entity(Kind kind, JsonNode node, String file) {
        String arn = Json.text(node, "Arn");
        if (!arn.startsWith("arn:")) {
            throw new PostureFileException(file, kind.label + " entry has no Arn (got '" + arn + "')");
        }
        String name = Json.text(node, kind.nameField);
        if (name.isEmpty()) {
            name = arn.substring(arn.lastIndexOf('/') + 1);
        }
        String entityName = name;
        Entity entity = entities.computeIfAbsent(arn, key -> new Entity(kind, arn, entityName));
        if (entity.kind != kind) {
            throw new PostureFileException(file, arn + " is listed as a " + kind.label + " here and as a "
                    + entity.kind.label + " elsewhere");
        }
        entity.files.add(file);
        return entity;
    }

    private void readTrust(Entity entity, JsonNode role, String file) {
        JsonNode trust = role.path("AssumeRolePolicyDocument");
        if (!trust.isMissingNode() && !trust.isNull() && entity.trust.isMissingNode()) {
            entity.trust = trust;
            entity.trustFile = file;
        }
    }

    private void readPrincipalCommon(Entity entity, JsonNode node, String file) {
        readAttached(entity, node, "AttachedManagedPolicies", file);
        JsonNode boundary = Json.object(node, "PermissionsBoundary", file, entity.arn);
        String boundaryArn = Json.text(boundary, "PermissionsBoundaryArn");
        if (!boundaryArn.isEmpty() && entity.boundaryArn.isEmpty()) {
            entity.boundaryArn = boundaryArn;
        }
        for (JsonNode tag : Json.array(node, "Tags", file, entity.arn + " Tags")) {
            entity.tags.putIfAbsent(Json.text(tag, "Key"), Json.text(tag, "Value"));
        }
    }

    private void readInline(Entity entity, JsonNode node, String listField, String file) {
        for (JsonNode policy : Json.array(node, listField, file, entity.arn + " " + listField)) {
            String name = Json.text(policy, "PolicyName");
            if (name.isEmpty() || !policy.has("PolicyDocument")) {
                throw new PostureFileException(file, entity.arn + " " + listField
                        + ": every entry needs PolicyName and PolicyDocument");
            }
            entity.inline.putIfAbsent(name, new Inline(policy.get("PolicyDocument"), file));
        }
    }

    private void readAttached(Entity entity, JsonNode node, String listField, String file) {
        for (JsonNode attached : Json.array(node, listField, file, entity.arn + " " + listField)) {
            String arn = Json.text(attached, "PolicyArn");
            if (arn.isEmpty()) {
                throw new PostureFileException(file, entity.arn + " " + listField + ": entry without PolicyArn");
            }
            entity.attached.add(arn);
        }
    }

    // get-account-authorization-details Policies[]: the default version's document is the one in force.
    private void readManagedPolicy(JsonNode policy, String file) {
        String arn = Json.text(policy, "Arn");
        if (arn.isEmpty()) {
            throw new PostureFileException(file, "Policies: entry without Arn");
        }
        String defaultVersion = Json.text(policy, "DefaultVersionId");
        for (JsonNode version : Json.array(policy, "PolicyVersionList", file, arn + " PolicyVersionList")) {
            boolean isDefault = version.path("IsDefaultVersion").asBoolean(false)
                    || !defaultVersion.isEmpty() && defaultVersion.equals(Json.text(version, "VersionId"));
            if (isDefault && version.has("Document")) {
                policies.putIfAbsent(arn, new ManagedPolicy(version.get("Document"), file));
            }
        }
        if (!policies.containsKey(arn)) {
            warnings.add(file + ": managed policy " + arn + " has no default version document in PolicyVersionList");
        }
    }

    private void readPolicyInfo(PostureDocument document) {
        JsonNode policy = document.json().get("Policy");
        policyInfos.add(new PolicyInfo(Json.text(policy, "Arn"), Json.text(policy, "DefaultVersionId"),
                document.source()));
    }

    // get-policy-version output carries no ARN: take it from a PolicyArn field, a Policy object in the same
    // file, or the one get-policy file in the same directory whose default version this is.
    private void readPolicyVersion(PostureDocument document) {
        String file = document.source();
        JsonNode root = document.json();
        JsonNode version = root.get("PolicyVersion");
        String arn = Json.text(root, "PolicyArn");
        if (arn.isEmpty()) {
            arn = Json.text(root.path("Policy"), "Arn");
        }
        if (arn.isEmpty()) {
            String versionId = Json.text(version, "VersionId");
            String directory = directoryOf(file);
            List<PolicyInfo> candidates = policyInfos.stream()
                    .filter(info -> directoryOf(info.file()).equals(directory))
                    .filter(info -> info.defaultVersion().equals(versionId))
                    .toList();
            if (candidates.size() != 1) {
                warnings.add(file + ": ignored: a get-policy-version output without its policy ARN, and "
                        + (candidates.isEmpty() ? "no" : candidates.size()) + " get-policy file(s) in "
                        + (directory.isEmpty() ? "the current directory" : directory)
                        + " with DefaultVersionId '" + versionId + "'; wrap it as {\"PolicyArn\": ...,"
                        + " \"PolicyVersion\": {...}}");
                return;
            }
            arn = candidates.get(0).arn();
        }
        if (version.has("IsDefaultVersion") && !version.path("IsDefaultVersion").asBoolean()) {
            warnings.add(file + ": ignored: version " + Json.text(version, "VersionId") + " of " + arn
                    + " is not the default version, so it is not in force");
            return;
        }
        if (!version.has("Document")) {
            throw new PostureFileException(file, "PolicyVersion of " + arn + " has no Document");
        }
        policies.putIfAbsent(arn, new ManagedPolicy(version.get("Document"), file));
    }

    private void readInlinePolicy(PostureDocument document) {
        JsonNode root = document.json();
        Entity entity = owner(document, "inline policy " + Json.text(root, "PolicyName"));
        if (entity != null) {
            entity.inline.putIfAbsent(Json.text(root, "PolicyName"),
                    new Inline(root.get("PolicyDocument"), document.source()));
            entity.files.add(document.source());
        }
    }

    private void readAttachedPolicies(PostureDocument document) {
        Entity entity = owner(document, "attached-policy list");
        if (entity != null) {
            readAttached(entity, document.json(), "AttachedPolicies", document.source());
            entity.files.add(document.source());
        }
    }

    private void readInlinePolicyNames(PostureDocument document) {
        Entity entity = owner(document, "inline-policy name list");
        if (entity != null) {
            entity.listedInline.addAll(Json.strings(document.json(), "PolicyNames", document.source(), "PolicyNames"));
            entity.files.add(document.source());
        }
    }

    private void readAccessKeys(PostureDocument document) {
        String file = document.source();
        for (JsonNode key : Json.array(document.json(), "AccessKeyMetadata", file, "AccessKeyMetadata")) {
            String userName = Json.text(key, "UserName");
            List<Entity> users = named(Kind.USER, userName);
            if (users.size() != 1) {
                warnings.add(file + ": ignored access key " + Json.text(key, "AccessKeyId") + ": "
                        + (users.isEmpty() ? "no" : "more than one") + " user named '" + userName
                        + "' in the authorization details");
                continue;
            }
            users.get(0).credentials.add(new Credential("access_key", Json.text(key, "AccessKeyId"),
                    Json.instant(key, "CreateDate", file), Json.text(key, "Status")));
            users.get(0).files.add(file);
        }
    }

    // The role/user/group a per-entity file belongs to: its RoleName/UserName/GroupName field, or, for the
    // list-attached-role-policies and list-role-policies outputs that carry no name, the one get-role role.
    private Entity owner(PostureDocument document, String what) {
        JsonNode root = document.json();
        for (Kind kind : Kind.values()) {
            String name = Json.text(root, kind.nameField);
            if (!name.isEmpty()) {
                List<Entity> matches = named(kind, name);
                if (matches.size() == 1) {
                    return matches.get(0);
                }
                warnings.add(document.source() + ": ignored " + what + ": "
                        + (matches.isEmpty() ? "no" : "more than one") + " " + kind.label + " named '" + name
                        + "' in the get-role / authorization-details files");
                return null;
            }
        }
        List<Entity> getRoles = entities.values().stream().filter(e -> e.fromGetRole).toList();
        if (getRoles.size() == 1) {
            return getRoles.get(0);
        }
        warnings.add(document.source() + ": ignored " + what + ": it names no RoleName and there are "
                + getRoles.size() + " get-role files to attach it to; add \"RoleName\": \"<name>\" to the file");
        return null;
    }

    private List<Entity> named(Kind kind, String name) {
        return entities.values().stream().filter(e -> e.kind == kind && e.name.equals(name)).toList();
    }

    private Posture posture(Entity entity) {
        List<Grant> grants = new ArrayList<>();
        addInline(grants, entity);
        addAttached(grants, entity);
        if (entity.kind == Kind.USER) {
            for (String groupName : entity.groups) {
                List<Entity> groups = named(Kind.GROUP, groupName).stream()
                        .filter(group -> group.account().equals(entity.account()))
                        .toList();
                if (groups.isEmpty()) {
                    warnings.add(entity.arn + " is in group " + groupName
                            + ", which is not in the files: the group's policies are not evaluated");
                    unresolved.add("arn:aws:iam::" + entity.account() + ":group/" + groupName);
                }
                for (Entity group : groups) {
                    addInline(grants, group);
                    addAttached(grants, group);
                }
            }
        }
        for (String name : entity.listedInline) {
            if (!entity.inline.containsKey(name)) {
                warnings.add("inline policy " + name + " of " + entity.arn
                        + " is listed but its get-role-policy output is not in the files: not evaluated");
                unresolved.add(inlineId(entity, name));
            }
        }
        List<TrustStatement> trust = entity.trust.isMissingNode()
                ? List.of()
                : trustStatements(entity);
        return new Posture(CloudProvider.AWS, entity.arn, entity.account(), grants, trust, entity.credentials,
                boundary(entity), entity.tags, String.join(", ", entity.files));
    }

    // The roles of the same account in the files that trust EC2 and that the principal may pass to it; only
    // these roles' postures are built, so unrelated roles add no warnings.
    private Posture withPassableRoles(Entity principal, Posture posture) {
        PassRoleResolver resolver = new PassRoleResolver(posture);
        if (!resolver.mayPassAny()) {
            return posture;
        }
        List<PassableRole> passable = new ArrayList<>();
        for (Entity role : entities.values()) {
            if (role.kind != Kind.ROLE || role == principal || !role.account().equals(principal.account())
                    || role.trust.isMissingNode() || !PassRoleResolver.trustsEc2(trustStatements(role))) {
                continue;
            }
            List<String> via = resolver.allowingSources(role.arn);
            if (!via.isEmpty()) {
                passable.add(new PassableRole(posture(role), List.copyOf(new LinkedHashSet<>(via))));
            }
        }
        return passable.isEmpty() ? posture : posture.withPassableRoles(passable);
    }

    private List<TrustStatement> trustStatements(Entity entity) {
        List<String> trustWarnings = new ArrayList<>();
        List<TrustStatement> trust =
                AwsPolicyDocuments.trust(entity.trust, "trust:" + entity.arn, entity.trustFile, trustWarnings);
        warnings.addAll(trustWarnings);
        return trust;
    }

    private void addInline(List<Grant> grants, Entity entity) {
        for (Map.Entry<String, Inline> policy : entity.inline.entrySet()) {
            grants.addAll(AwsPolicyDocuments.grants(policy.getValue().document(), inlineId(entity, policy.getKey()),
                    policy.getValue().file()));
        }
    }

    private void addAttached(List<Grant> grants, Entity entity) {
        for (String arn : entity.attached) {
            ManagedPolicy policy = policies.get(arn);
            if (policy == null) {
                warnings.add("managed policy " + arn + " (attached to " + entity.arn + ") is not in the files: its"
                        + " permissions are not evaluated; include it (get-account-authorization-details without"
                        + " --filter, or get-policy-version)");
                unresolved.add(arn);
            } else {
                grants.addAll(AwsPolicyDocuments.grants(policy.document(), arn, policy.file()));
            }
        }
    }

    private Boundary boundary(Entity entity) {
        if (entity.boundaryArn.isEmpty()) {
            return Boundary.NONE;
        }
        ManagedPolicy policy = policies.get(entity.boundaryArn);
        if (policy == null) {
            warnings.add("permissions boundary " + entity.boundaryArn + " of " + entity.arn + " is not in the files:"
                    + " the posture names the boundary without its statements, so policies treat nothing as"
                    + " allowed by it; include the policy to evaluate the boundary");
            unresolved.add(entity.boundaryArn);
            return new Boundary(List.of(entity.boundaryArn), List.of());
        }
        return new Boundary(List.of(entity.boundaryArn),
                AwsPolicyDocuments.grants(policy.document(), entity.boundaryArn, policy.file()));
    }

    // Inline policies have no ARN; IAM names them by (entity, policy name). Policy names cannot contain ':'.
    private static String inlineId(Entity entity, String policyName) {
        return "inline:" + entity.arn + ":" + policyName;
    }

    private static String directoryOf(String file) {
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return slash < 0 ? "" : file.substring(0, slash);
    }
}
