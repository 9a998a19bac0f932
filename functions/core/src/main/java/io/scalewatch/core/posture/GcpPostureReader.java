package io.scalewatch.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GCP IAM posture files into one {@link Posture} per selected principal: {@code getIamPolicy} outputs
 * of projects, folders, organizations and service accounts, role definitions, and service-account key
 * lists (shapes in docs/posture-files.md). Each role binding becomes a grant of the role's permissions on
 * the bound resource; roles without a definition in the files are listed in
 * {@link PostureLoadResult#unresolved()} instead.
 */
public final class GcpPostureReader {
    /** Roles that let their members act as a service account (impersonate, mint tokens or keys, grant that). */
    static final Set<String> TRUST_ROLES = Set.of(
            "roles/iam.serviceAccountUser",
            "roles/iam.serviceAccountTokenCreator",
            "roles/iam.serviceAccountKeyAdmin",
            "roles/iam.workloadIdentityUser",
            "roles/iam.serviceAccountOpenIdTokenCreator",
            "roles/iam.serviceAccountAdmin",
            "roles/owner",
            "roles/editor");

    /** Permissions that let a holder act as a service account; a custom role holding one is a trust role. */
    static final Set<String> ACT_AS_PERMISSIONS = Set.of(
            "iam.serviceAccounts.actAs",
            "iam.serviceAccounts.getAccessToken",
            "iam.serviceAccounts.getOpenIdToken",
            "iam.serviceAccounts.signBlob",
            "iam.serviceAccounts.signJwt",
            "iam.serviceAccounts.implicitDelegation",
            "iam.serviceAccountKeys.create",
            "iam.serviceAccounts.setIamPolicy");

    private static final Pattern SA_RESOURCE = Pattern.compile("projects/([^/]+)/serviceAccounts/([^/]+)");
    private static final Pattern PROJECT_RESOURCE = Pattern.compile("projects/([^/]+)");
    private static final Pattern SA_HOME_PROJECT = Pattern.compile("[^@]+@([a-z0-9-]+)\\.iam\\.gserviceaccount\\.com");
    private static final Pattern KEY_NAME = Pattern.compile("projects/[^/]+/serviceAccounts/([^/]+)/keys/([^/]+)");
    private static final Pattern FULL_RESOURCE_NAME = Pattern.compile("//[^/]+/(.+)");
    private static final Set<String> RESOURCE_KINDS = Set.of("projects", "folders", "organizations", "serviceAccounts");

    private record Policy(String resource, JsonNode policy, String file) {}

    private record RoleDefinition(List<String> permissions, String file) {}

    private record Key(JsonNode key, String file) {}

    private static final class Principal {
        final String id;
        boolean serviceAccount;
        final Set<String> files = new LinkedHashSet<>();

        Principal(String id) {
            this.id = id;
        }
    }

    private final Clock clock;
    private final List<Policy> policies = new ArrayList<>();
    private final Map<String, RoleDefinition> roles = new LinkedHashMap<>();
    private final Map<String, List<Key>> keys = new LinkedHashMap<>();
    private final Map<String, Principal> principals = new LinkedHashMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> unresolved = new LinkedHashSet<>();

    private GcpPostureReader(Clock clock) {
        this.clock = clock;
    }

    /**
     * The postures of the principals in {@code documents} that {@code identity} selects; {@code clock} decides
     * which keys have expired.
     *
     * @throws PostureFileException naming the document when one is not a GCP IAM shape or is malformed
     */
    public static PostureLoadResult read(List<PostureDocument> documents, IdentityMatcher identity, Clock clock) {
        Objects.requireNonNull(identity, "identity");
        GcpPostureReader reader = new GcpPostureReader(Objects.requireNonNull(clock, "clock"));
        for (PostureDocument document : documents) {
            PostureFileKind kind = PostureFileKind.detect(document.json());
            switch (kind) {
                case GCP_IAM_POLICY -> reader.readPolicies(document);
                case GCP_ROLES -> reader.readRoles(document);
                case GCP_KEYS -> reader.readKeys(document);
                default -> throw new PostureFileException(document.source(),
                        "not a GCP IAM file (" + kind.description() + ")");
            }
        }
        List<Posture> postures = new ArrayList<>();
        for (Principal principal : reader.principals.values()) {
            if (identity.matchesPrincipal(CloudProvider.GCP, principal.id)) {
                postures.add(reader.posture(principal));
            }
        }
        return new PostureLoadResult(postures, List.copyOf(reader.warnings), List.copyOf(reader.unresolved));
    }

    private void readPolicies(PostureDocument document) {
        String file = document.source();
        JsonNode root = document.json();
        if (root.path("bindings").isArray() || !root.has("policy") && root.isObject()) {
            addPolicy(resourceFromFileName(file), root, file);
            return;
        }
        // {"resource", "policy"} wrapper, or a list of them (gcloud asset search-all-iam-policies).
        for (JsonNode item : Json.items(root)) {
            addPolicy(resourceName(Json.text(item, "resource")), item.get("policy"), file);
        }
    }

    private void addPolicy(String resource, JsonNode policy, String file) {
        policies.add(new Policy(resource, policy, file));
        Matcher sa = SA_RESOURCE.matcher(resource);
        if (sa.matches()) {
            Principal principal = principal(sa.group(2));
            principal.serviceAccount = true;
            principal.files.add(file);
        }
        for (JsonNode binding : Json.array(policy, "bindings", file, resource + " bindings")) {
            String role = Json.text(binding, "role");
            if (role.isEmpty()) {
                throw new PostureFileException(file, resource + ": a binding has no role");
            }
            for (String member : Json.strings(binding, "members", file, resource + " binding " + role)) {
                String id = memberPrincipal(member);
                if (!id.isEmpty()) {
                    Principal principal = principal(id);
                    principal.serviceAccount |= member.startsWith("serviceAccount:");
                    principal.files.add(file);
                }
            }
        }
    }

    private void readRoles(PostureDocument document) {
        String file = document.source();
        JsonNode root = document.json();
        List<JsonNode> items =
                root.path("roles").isArray() ? Json.array(root, "roles", file, "roles") : Json.items(root);
        for (JsonNode role : items) {
            String name = Json.text(role, "name");
            if (name.isEmpty()) {
                throw new PostureFileException(file, "a role definition has no name");
            }
            List<String> permissions = role.has("includedPermissions")
                    ? Json.strings(role, "includedPermissions", file, "role " + name)
                    : null;
            roles.putIfAbsent(name, new RoleDefinition(permissions, file));
        }
    }

    private void readKeys(PostureDocument document) {
        String file = document.source();
        JsonNode root = document.json();
        List<JsonNode> items = root.path("keys").isArray() ? Json.array(root, "keys", file, "keys") : Json.items(root);
        for (JsonNode key : items) {
            Matcher name = KEY_NAME.matcher(Json.text(key, "name"));
            if (!name.matches()) {
                throw new PostureFileException(file, "key name '" + Json.text(key, "name")
                        + "' is not projects/<project>/serviceAccounts/<email>/keys/<id>");
            }
            Principal principal = principal(name.group(1));
            principal.serviceAccount = true;
            principal.files.add(file);
            keys.computeIfAbsent(principal.id.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(new Key(key, file));
        }
    }

    private Principal principal(String id) {
        return principals.computeIfAbsent(id.toLowerCase(Locale.ROOT), k -> new Principal(id));
    }

    private Posture posture(Principal principal) {
        String key = principal.id.toLowerCase(Locale.ROOT);
        List<Grant> grants = new ArrayList<>();
        List<TrustStatement> trust = new ArrayList<>();
        String homeProject = homeProject(principal.id);
        String firstProject = "";
        for (Policy policy : policies) {
            for (JsonNode binding : Json.array(policy.policy(), "bindings", policy.file(), policy.resource())) {
                String role = Json.text(binding, "role");
                List<String> members =
                        Json.strings(binding, "members", policy.file(), policy.resource() + " binding " + role);
                JsonNode condition = Json.object(binding, "condition", policy.file(), policy.resource() + " " + role);
                if (members.stream().map(GcpPostureReader::memberPrincipal).anyMatch(key::equalsIgnoreCase)) {
                    Grant grant = grant(policy, role, condition, member(principal));
                    if (grant != null) {
                        grants.add(grant);
                    }
                    Matcher project = PROJECT_RESOURCE.matcher(policy.resource());
                    if (firstProject.isEmpty() && project.matches()) {
                        firstProject = project.group(1);
                    }
                }
                if (principal.serviceAccount && actsAs(role) && governs(policy.resource(), principal.id, homeProject)) {
                    List<String> others = members.stream()
                            .filter(m -> !memberPrincipal(m).equalsIgnoreCase(principal.id))
                            .toList();
                    if (!others.isEmpty()) {
                        trust.add(new TrustStatement(Grant.Effect.ALLOW, others, List.of(role), condition,
                                policy.resource() + "#" + role));
                    }
                }
            }
        }
        List<Credential> credentials = new ArrayList<>();
        for (Key k : keys.getOrDefault(key, List.of())) {
            Credential credential = credential(k);
            if (credential != null) {
                credentials.add(credential);
            }
        }
        String account = homeProject.isEmpty() ? firstProject : homeProject;
        return new Posture(CloudProvider.GCP, principal.id, account, grants, trust, credentials, Boundary.NONE,
                Map.of(), String.join(", ", principal.files));
    }

    private Grant grant(Policy policy, String role, JsonNode condition, String member) {
        RoleDefinition definition = roles.get(role);
        if (definition == null || definition.permissions() == null) {
            warnings.add("role " + role + " (bound to " + member + " on " + policy.resource() + ") "
                    + (definition == null
                            ? "has no definition in the files"
                            : "is defined in " + definition.file() + " without includedPermissions (roles.list"
                                    + " returns them only with view=FULL)")
                    + ": its permissions are not evaluated; add `gcloud iam roles describe " + role
                    + " --format=json`");
            unresolved.add(role);
            return null;
        }
        return new Grant(Grant.Effect.ALLOW, definition.permissions(), List.of(), List.of(policy.resource()),
                List.of(), condition, policy.resource() + "#" + role, role);
    }

    private boolean actsAs(String role) {
        if (TRUST_ROLES.contains(role)) {
            return true;
        }
        RoleDefinition definition = roles.get(role);
        return definition != null && definition.permissions() != null
                && definition.permissions().stream().anyMatch(ACT_AS_PERMISSIONS::contains);
    }

    // A binding on the SA itself, on its project, or on a folder / organization (which may hold the project:
    // the files do not say, so such bindings count).
    private static boolean governs(String resource, String serviceAccount, String homeProject) {
        Matcher sa = SA_RESOURCE.matcher(resource);
        if (sa.matches()) {
            return sa.group(2).equalsIgnoreCase(serviceAccount);
        }
        Matcher project = PROJECT_RESOURCE.matcher(resource);
        if (project.matches()) {
            return homeProject.isEmpty() || project.group(1).equals(homeProject) || project.group(1).matches("\\d+");
        }
        return resource.startsWith("folders/") || resource.startsWith("organizations/");
    }

    private Credential credential(Key k) {
        JsonNode key = k.key();
        String type = Json.text(key, "keyType");
        if (type.equals("SYSTEM_MANAGED")) {
            return null; // Google rotates these itself; they never leave Google.
        }
        Matcher name = KEY_NAME.matcher(Json.text(key, "name"));
        name.matches();
        Instant validBefore = Json.instant(key, "validBeforeTime", k.file());
        boolean inactive = key.path("disabled").asBoolean(false)
                || validBefore != null && validBefore.isBefore(clock.instant());
        return new Credential("service_account_key", name.group(2), Json.instant(key, "validAfterTime", k.file()),
                inactive ? "Inactive" : "Active");
    }

    // "serviceAccount:a@b", "user:a@b", "group:a@b" -> the email; "principal://..." as written; sets of
    // principals (allUsers, domain:, principalSet://, deleted:...) are no single principal -> "".
    private static String memberPrincipal(String member) {
        for (String prefix : List.of("serviceAccount:", "user:", "group:")) {
            if (member.startsWith(prefix)) {
                return member.substring(prefix.length());
            }
        }
        return member.startsWith("principal://") ? member : "";
    }

    private static String member(Principal principal) {
        if (principal.id.startsWith("principal://")) {
            return principal.id;
        }
        return (principal.serviceAccount ? "serviceAccount:" : "user:") + principal.id;
    }

    private static String homeProject(String email) {
        Matcher matcher = SA_HOME_PROJECT.matcher(email.toLowerCase(Locale.ROOT));
        return matcher.matches() ? matcher.group(1) : "";
    }

    // Cloud Asset Inventory writes full resource names: //cloudresourcemanager.googleapis.com/projects/p.
    private static String resourceName(String resource) {
        Matcher full = FULL_RESOURCE_NAME.matcher(resource);
        return full.matches() ? full.group(1) : resource;
    }

    /**
     * A bare policy (what {@code gcloud projects get-iam-policy --format=json} prints) does not name its
     * resource; the file name does: {@code projects_<id>.json}, {@code folders_<id>.json},
     * {@code organizations_<id>.json}, {@code projects_<id>_serviceAccounts_<email>.json} ('/' written as '_').
     */
    static String resourceFromFileName(String file) {
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        String[] parts = stem.split("_", -1);
        boolean valid = parts.length >= 2 && parts.length % 2 == 0;
        for (int i = 0; valid && i < parts.length; i += 2) {
            valid = RESOURCE_KINDS.contains(parts[i]) && !parts[i + 1].isEmpty();
        }
        if (!valid) {
            throw new PostureFileException(file, "a bare GCP IAM policy does not say which resource it is on: name the"
                    + " file after the resource ('/' as '_': projects_<id>.json, folders_<id>.json,"
                    + " organizations_<id>.json, projects_<id>_serviceAccounts_<email>.json) or wrap it as"
                    + " {\"resource\": \"projects/<id>\", \"policy\": {...}}");
        }
        String resource = String.join("/", parts);
        return resource.startsWith("serviceAccounts/") ? "projects/-/" + resource : resource;
    }
}
