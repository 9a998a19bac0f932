package io.scalewatch.core.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Reads Azure RBAC posture files into one {@link Posture} per selected principal and subscription: role
 * assignments, role definitions, and service principals / applications with their credentials (shapes in
 * docs/posture-files.md). Assignments whose role definition is not in the files are listed in
 * {@link PostureLoadResult#unresolved()} instead of becoming grants.
 */
public final class AzurePostureReader {
    private static final Pattern SUBSCRIPTION = Pattern.compile("(?i)/subscriptions/([^/]+).*");

    private record Assignment(String id, String principalId, String roleDefinitionId, String roleDefinitionName,
            String scope, String condition, String file) {}

    private record Definition(String roleName, List<JsonNode> permissions, String file) {}

    private static final class Principal {
        final String objectId;
        String appId = "";
        final Map<String, Credential> credentials = new LinkedHashMap<>();
        final Set<String> files = new LinkedHashSet<>();

        Principal(String objectId) {
            this.objectId = objectId;
        }
    }

    private final Clock clock;
    private final List<Assignment> assignments = new ArrayList<>();
    private final Map<String, Definition> definitions = new LinkedHashMap<>();
    private final Map<String, Principal> principals = new LinkedHashMap<>();
    private final List<JsonNode> applications = new ArrayList<>();
    private final List<String> applicationFiles = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> unresolved = new LinkedHashSet<>();

    private AzurePostureReader(Clock clock) {
        this.clock = clock;
    }

    /**
     * The postures of the principals in {@code documents} that {@code identity} selects (by object id or
     * application id, case-insensitively); {@code clock} decides which credentials have expired.
     *
     * @throws PostureFileException naming the document when one is not an Azure RBAC shape or is malformed
     */
    public static PostureLoadResult read(List<PostureDocument> documents, IdentityMatcher identity, Clock clock) {
        Objects.requireNonNull(identity, "identity");
        AzurePostureReader reader = new AzurePostureReader(Objects.requireNonNull(clock, "clock"));
        for (PostureDocument document : documents) {
            PostureFileKind kind = PostureFileKind.detect(document.json());
            switch (kind) {
                case AZURE_ROLE_ASSIGNMENTS -> reader.readAssignments(document);
                case AZURE_ROLE_DEFINITIONS -> reader.readDefinitions(document);
                case AZURE_PRINCIPALS -> reader.readPrincipals(document);
                default -> throw new PostureFileException(document.source(),
                        "not an Azure RBAC file (" + kind.description() + ")");
            }
        }
        reader.linkApplications();
        List<Posture> postures = new ArrayList<>();
        for (Principal principal : reader.principals.values()) {
            if (identity.matchesPrincipal(CloudProvider.AZURE, principal.objectId)
                    || !principal.appId.isEmpty() && identity.matchesPrincipal(CloudProvider.AZURE, principal.appId)) {
                postures.addAll(reader.postures(principal));
            }
        }
        return new PostureLoadResult(postures, List.copyOf(reader.warnings), List.copyOf(reader.unresolved));
    }

    // az CLI flattens ARM's "properties"; ARM REST keeps them. Read both.
    private static JsonNode properties(JsonNode item) {
        return item.path("properties").isObject() ? item.get("properties") : item;
    }

    private void readAssignments(PostureDocument document) {
        String file = document.source();
        for (JsonNode item : Json.items(document.json())) {
            JsonNode props = properties(item);
            String principalId = Json.text(props, "principalId");
            String roleDefinitionId = Json.text(props, "roleDefinitionId");
            String scope = Json.text(props, "scope");
            if (principalId.isEmpty() || roleDefinitionId.isEmpty() || scope.isEmpty()) {
                throw new PostureFileException(file, "role assignment '" + Json.text(item, "id")
                        + "' needs principalId, roleDefinitionId and scope");
            }
            String id = Json.text(item, "id");
            assignments.add(new Assignment(id.isEmpty() ? Json.text(item, "name") : id, principalId, roleDefinitionId,
                    Json.text(props, "roleDefinitionName"), scope, Json.text(props, "condition"), file));
            principal(principalId).files.add(file);
        }
    }

    private void readDefinitions(PostureDocument document) {
        String file = document.source();
        for (JsonNode item : Json.items(document.json())) {
            JsonNode props = properties(item);
            String id = Json.text(item, "id");
            String key = guid(id.isEmpty() ? Json.text(item, "name") : id);
            if (key.isEmpty()) {
                throw new PostureFileException(file, "role definition '" + Json.text(props, "roleName")
                        + "' has neither id nor name");
            }
            List<JsonNode> permissions =
                    Json.array(props, "permissions", file, "role definition " + Json.text(props, "roleName"));
            definitions.putIfAbsent(key, new Definition(Json.text(props, "roleName"), permissions, file));
        }
    }

    // Service principals (az ad sp show / Graph servicePrincipals) are the principals that act; an
    // application object (az ad app show) holds credentials for the service principals of its appId.
    private void readPrincipals(PostureDocument document) {
        String file = document.source();
        for (JsonNode item : Json.items(document.json())) {
            boolean servicePrincipal = item.has("servicePrincipalType") || item.has("appOwnerOrganizationId")
                    || item.has("servicePrincipalNames");
            if (!servicePrincipal) {
                applications.add(item);
                applicationFiles.add(file);
                continue;
            }
            String objectId = Json.text(item, "id");
            if (objectId.isEmpty()) {
                throw new PostureFileException(file, "service principal '" + Json.text(item, "displayName")
                        + "' has no id (object id)");
            }
            Principal principal = principal(objectId);
            principal.appId = Json.text(item, "appId");
            principal.files.add(file);
            addCredentials(principal, item, file);
        }
    }

    private void linkApplications() {
        for (int i = 0; i < applications.size(); i++) {
            JsonNode application = applications.get(i);
            String file = applicationFiles.get(i);
            String appId = Json.text(application, "appId");
            List<Principal> linked = principals.values().stream()
                    .filter(p -> !appId.isEmpty() && p.appId.equalsIgnoreCase(appId))
                    .toList();
            if (linked.isEmpty()) {
                // Without its service principal the application id is the only name the identity has here.
                Principal principal = principal(appId);
                principal.appId = appId;
                linked = List.of(principal);
            }
            for (Principal principal : linked) {
                principal.files.add(file);
                addCredentials(principal, application, file);
            }
        }
    }

    private void addCredentials(Principal principal, JsonNode item, String file) {
        for (JsonNode secret : Json.array(item, "passwordCredentials", file, "passwordCredentials")) {
            addCredential(principal, "client_secret", secret, file);
        }
        for (JsonNode certificate : Json.array(item, "keyCredentials", file, "keyCredentials")) {
            addCredential(principal, "certificate", certificate, file);
        }
    }

    private void addCredential(Principal principal, String type, JsonNode node, String file) {
        String keyId = Json.text(node, "keyId");
        Instant end = Json.instant(node, "endDateTime", file);
        String status = end == null ? "" : end.isBefore(clock.instant()) ? "Inactive" : "Active";
        principal.credentials.putIfAbsent(type + "/" + keyId,
                new Credential(type, keyId, Json.instant(node, "startDateTime", file), status));
    }

    private Principal principal(String objectId) {
        // Entra ids are GUIDs that tools print in either case; postures carry them lowercased.
        String id = objectId.toLowerCase(Locale.ROOT);
        return principals.computeIfAbsent(id, k -> new Principal(id));
    }

    private List<Posture> postures(Principal principal) {
        Map<String, List<Grant>> bySubscription = new LinkedHashMap<>();
        List<Grant> aboveSubscriptions = new ArrayList<>();
        for (Assignment assignment : assignments) {
            if (!assignment.principalId().equalsIgnoreCase(principal.objectId)) {
                continue;
            }
            Matcher subscription = SUBSCRIPTION.matcher(assignment.scope());
            List<Grant> target = subscription.matches()
                    ? bySubscription.computeIfAbsent(subscription.group(1).toLowerCase(Locale.ROOT),
                            k -> new ArrayList<>())
                    : aboveSubscriptions;
            target.addAll(grants(assignment));
        }
        List<Credential> credentials = List.copyOf(principal.credentials.values());
        String source = String.join(", ", principal.files);
        List<Posture> postures = new ArrayList<>();
        if (bySubscription.isEmpty()) {
            postures.add(new Posture(CloudProvider.AZURE, principal.objectId, "", aboveSubscriptions, List.of(),
                    credentials, Boundary.NONE, Map.of(), source));
        }
        // Management-group and root assignments reach every subscription below them, so each gets them.
        for (Map.Entry<String, List<Grant>> subscription : bySubscription.entrySet()) {
            List<Grant> grants = new ArrayList<>(subscription.getValue());
            grants.addAll(aboveSubscriptions);
            postures.add(new Posture(CloudProvider.AZURE, principal.objectId, subscription.getKey(), grants, List.of(),
                    credentials, Boundary.NONE, Map.of(), source));
        }
        return postures;
    }

    private List<Grant> grants(Assignment assignment) {
        Definition definition = definitions.get(guid(assignment.roleDefinitionId()));
        if (definition == null) {
            String named = assignment.roleDefinitionName().isEmpty()
                    ? ""
                    : " (" + assignment.roleDefinitionName() + ")";
            warnings.add("role definition " + assignment.roleDefinitionId() + named + " assigned to "
                    + assignment.principalId() + " at " + assignment.scope() + " is not in the files: its permissions"
                    + " are not evaluated; add `az role definition list --name <role>` output");
            unresolved.add(assignment.roleDefinitionId());
            return List.of();
        }
        ObjectNode conditions = JsonNodeFactory.instance.objectNode();
        if (!assignment.condition().isBlank()) {
            conditions.put("expression", assignment.condition());
        }
        List<Grant> grants = new ArrayList<>();
        for (JsonNode block : definition.permissions()) {
            String where = "role definition " + definition.roleName() + " permissions";
            List<String> actions = new ArrayList<>(Json.strings(block, "actions", definition.file(), where));
            actions.addAll(Json.strings(block, "dataActions", definition.file(), where));
            List<String> notActions = new ArrayList<>(Json.strings(block, "notActions", definition.file(), where));
            notActions.addAll(Json.strings(block, "notDataActions", definition.file(), where));
            if (actions.isEmpty()) {
                // Azure grants actions minus notActions: a block without actions grants nothing (unlike an
                // AWS NotAction statement, which the policies read as "everything but").
                continue;
            }
            grants.add(new Grant(Grant.Effect.ALLOW, actions, notActions, List.of(assignment.scope()), List.of(),
                    conditions, assignment.id(), definition.roleName()));
        }
        return grants;
    }

    // Role definition ids differ by scope prefix (/subscriptions/<s>/providers/... vs /providers/...); the
    // trailing GUID is what identifies the definition.
    private static String guid(String id) {
        return id.substring(id.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }
}
