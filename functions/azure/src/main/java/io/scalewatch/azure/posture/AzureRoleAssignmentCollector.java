package io.scalewatch.azure.posture;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.azure.AzureErrors;
import io.scalewatch.azure.RetryPolicy;
import io.scalewatch.azure.Sleeper;
import io.scalewatch.azure.auth.AzureClients;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.posture.AzurePostureReader;
import io.scalewatch.core.posture.Boundary;
import io.scalewatch.core.posture.LogSource;
import io.scalewatch.core.posture.LoggingPosture;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.posture.PostureDocument;
import io.scalewatch.core.posture.PostureLoadResult;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * Reads a service principal's Azure RBAC posture in one subscription through ARM REST (azure-core's
 * {@link HttpPipeline} with a bearer-token policy) and, when a Graph pipeline is given, its credentials from
 * Microsoft Graph; the answers are handed as they came to core's {@link AzurePostureReader}, so the mapping onto
 * {@link Posture} exists once.
 *
 * <ol>
 *   <li>{@code GET /subscriptions/<sub>/providers/Microsoft.Authorization/roleAssignments?api-version=2022-04-01
 *       &$filter=assignedTo('<objectId>')}, following {@code nextLink}: assignments at, above (management groups)
 *       and below the subscription, also those reaching the principal through a group;
 *   <li>{@code GET <roleDefinitionId>?api-version=2022-04-01} once per distinct role definition;
 *   <li>optionally {@code GET /v1.0/servicePrincipals/<objectId>} and {@code GET /v1.0/applications(appId='<appId>')}
 *       with their {@code passwordCredentials} / {@code keyCredentials}.
 * </ol>
 *
 * <pre>{@code
 * AzureRoleAssignmentCollector posture = AzureRoleAssignmentCollector.builder()
 *         .arm(AzureClients.pipeline(credential, http, "https://management.azure.com/.default"))
 *         .graph(AzureClients.pipeline(credential, http, "https://graph.microsoft.com/.default")).build();
 * List<Posture> postures = posture.collect(subscriptionId, objectId).postures();
 * }</pre>
 */
public final class AzureRoleAssignmentCollector {
    /** The Microsoft.Authorization API version used for role assignments and definitions. */
    public static final String API_VERSION = "2022-04-01";
    /** The Microsoft.Insights API version used for subscription diagnostic settings. */
    public static final String DIAGNOSTIC_SETTINGS_API_VERSION = "2021-05-01-preview";
    /** The Microsoft.OperationalInsights API version used to read a workspace's customer id. */
    public static final String WORKSPACE_API_VERSION = "2022-10-01";
    // The activity log's categories, which the allLogs category group stands for.
    private static final List<String> ACTIVITY_LOG_CATEGORIES = List.of("administrative", "security", "servicehealth",
            "alert", "recommendation", "policy", "autoscale", "resourcehealth");
    private static final System.Logger LOG = System.getLogger(AzureRoleAssignmentCollector.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // An ARM id: slash-separated segments of id characters; no query, fragment, dot-segments or empty segments.
    private static final Pattern ARM_ID = Pattern.compile("(/[A-Za-z0-9_()~-][A-Za-z0-9._()~-]*)+");
    private static final int MAX_PAGES = 1000;
    private static final String SP_FIELDS =
            "id,appId,displayName,servicePrincipalType,servicePrincipalNames,passwordCredentials,keyCredentials";
    private static final String APP_FIELDS = "id,appId,displayName,passwordCredentials,keyCredentials";

    private final HttpPipeline arm;
    private final URI armEndpoint;
    private final HttpPipeline graph;
    private final URI graphEndpoint;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryPolicy retry;
    private final DoubleSupplier jitter;
    private final String runId;

    private final Map<String, String> customerIds = new HashMap<>();
    private long requests;
    private long retries;

    private AzureRoleAssignmentCollector(Builder b) {
        this.arm = b.arm;
        this.armEndpoint = b.armUri;
        this.graph = b.graph;
        this.graphEndpoint = b.graphUri;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.retry = b.retry;
        this.jitter = b.jitter;
        this.runId = b.runId;
    }

    /** A builder; the ARM pipeline is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The posture of service principal {@code objectId} in subscription {@code subscriptionId}.
     *
     * @throws IllegalArgumentException when an id is not a GUID
     * @throws AzurePostureException when the assignments cannot be read
     */
    public synchronized AzurePostureResult collect(String subscriptionId, String objectId) {
        String subscription = guid(subscriptionId, "subscriptionId");
        String principal = guid(objectId, "objectId");
        long requestsBefore = requests;
        long retriesBefore = retries;
        List<PostureDocument> documents = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> viaGroups = new ArrayList<>();
        Map<String, String> definitions = new LinkedHashMap<>();

        String url = armEndpoint + "/subscriptions/" + subscription
                + "/providers/Microsoft.Authorization/roleAssignments?api-version=" + API_VERSION + "&$filter="
                + URLEncoder.encode("assignedTo('" + principal + "')", StandardCharsets.UTF_8).replace("+", "%20");
        Set<String> visited = new HashSet<>();
        for (int page = 1; url != null; page++) {
            if (page > MAX_PAGES || !visited.add(url)) {
                throw new AzurePostureException("role assignments of subscription " + subscription + ": nextLink"
                        + " repeats or passes " + MAX_PAGES + " pages");
            }
            Answer answer = get(arm, url, "role assignments of subscription " + subscription);
            if (answer.status() != 200) {
                throw new AzurePostureException("role assignments of subscription " + subscription + ": "
                        + answer.describe() + (answer.status() == 403 || answer.status() == 401
                                ? "; scalewatch needs Reader (Microsoft.Authorization/roleAssignments/read) on it"
                                : ""));
            }
            ObjectNode body = object(answer, "role assignments of subscription " + subscription);
            JsonNode value = body.get("value");
            if (value == null || !value.isArray()) {
                throw new AzurePostureException("role assignments of subscription " + subscription + ": the answer has"
                        + " no value array");
            }
            ArrayNode kept = body.putArray("kept");
            for (JsonNode item : value) {
                ObjectNode assignment = attribute(item, principal, viaGroups, warnings);
                if (assignment != null) {
                    kept.add(assignment);
                    String definition = assignment.path("properties").path("roleDefinitionId").asText("");
                    definitions.putIfAbsent(definition.toLowerCase(Locale.ROOT), definition);
                }
            }
            body.set("value", kept);
            body.remove("kept");
            if (!kept.isEmpty()) {
                documents.add(new PostureDocument("arm:GET roleAssignments subscription " + subscription + " page "
                        + page, body));
            }
            url = nextLink(body.path("nextLink"), subscription);
        }

        for (String definition : definitions.values()) {
            readDefinition(definition, documents, warnings);
        }
        if (graph != null) {
            readGraph(principal, documents, warnings);
        }

        PostureLoadResult read = AzurePostureReader.read(documents, IdentityMatcher.parse(principal), clock);
        warnings.addAll(read.warnings());
        List<Posture> postures = new ArrayList<>();
        for (Posture posture : read.postures()) {
            // Management-group assignments alone leave the reader without a subscription; they apply to this one.
            postures.add(posture.account().isEmpty() ? withAccount(posture, subscription) : posture);
        }
        if (postures.isEmpty()) {
            postures.add(new Posture(CloudProvider.AZURE, principal, subscription, List.of(), List.of(), List.of(),
                    Boundary.NONE, Map.of(), "arm:GET roleAssignments subscription " + subscription));
        }
        LOG.log(System.Logger.Level.INFO, "event=posture_read run_id=" + runId + " cloud=azure subscription="
                + subscription + " identity=" + principal + " assignments_via_groups=" + viaGroups.size()
                + " definitions=" + definitions.size() + " warnings=" + warnings.size());
        return new AzurePostureResult(subscription, principal, postures, warnings, read.unresolved(), viaGroups,
                requests - requestsBefore, retries - retriesBefore);
    }

    /**
     * The subscription's activity-log diagnostic settings as its logging posture (SW-L5-008): {@code GET
     * /subscriptions/<sub>/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview}, and for
     * each Log Analytics destination {@code GET <workspace id>?api-version=2022-10-01} for its customer id, the
     * workspace id scalewatch queries ({@code workspaces}). A setting's captures are its enabled categories,
     * lowercase ({@code administrative}); the {@code allLogs} group counts as every category. A refused list is a
     * warning and the posture {@link LoggingPosture#NOT_COLLECTED} (also when ARM keeps failing); an unreadable
     * workspace a warning, the destination then left as its ARM id.
     *
     * @throws IllegalArgumentException when the subscription or a workspace id is not a GUID
     */
    public synchronized AzureLoggingResult logging(String subscriptionId, List<String> workspaces) {
        String subscription = guid(subscriptionId, "subscriptionId");
        List<String> readFrom = workspaces.stream().map(w -> guid(w, "workspace")).toList();
        try {
            return diagnosticSettings(subscription, readFrom);
        } catch (AzurePostureException e) {
            return new AzureLoggingResult(LoggingPosture.NOT_COLLECTED, List.of(e.getMessage()));
        }
    }

    private AzureLoggingResult diagnosticSettings(String subscription, List<String> readFrom) {
        String what = "diagnostic settings of subscription " + subscription;
        Answer answer = get(arm, armEndpoint + "/subscriptions/" + subscription
                + "/providers/Microsoft.Insights/diagnosticSettings?api-version=" + DIAGNOSTIC_SETTINGS_API_VERSION, what);
        if (answer.status() != 200) {
            return new AzureLoggingResult(LoggingPosture.NOT_COLLECTED, List.of(what + " not read: "
                    + answer.describe() + "; scalewatch needs Microsoft.Insights/diagnosticSettings/read (Reader)"));
        }
        JsonNode value = object(answer, what).get("value");
        if (value == null || !value.isArray()) {
            return new AzureLoggingResult(LoggingPosture.NOT_COLLECTED, List.of(what + ": the answer has no value"
                    + " array"));
        }
        List<String> warnings = new ArrayList<>();
        List<LogSource> sources = new ArrayList<>();
        for (JsonNode setting : value) {
            JsonNode properties = setting.path("properties");
            Set<String> captures = new LinkedHashSet<>();
            for (JsonNode log : properties.path("logs")) {
                if (!log.path("enabled").asBoolean(false)) {
                    continue;
                }
                String category = log.path("category").asText("");
                if (!category.isEmpty()) {
                    captures.add(category.toLowerCase(Locale.ROOT));
                }
                if (log.path("categoryGroup").asText("").equalsIgnoreCase("allLogs")) {
                    captures.addAll(ACTIVITY_LOG_CATEGORIES);
                }
            }
            String workspace = properties.path("workspaceId").asText("");
            String destination = workspace.isEmpty() ? "" : customerId(workspace, warnings);
            sources.add(new LogSource("diagnostic_setting", setting.path("name").asText(""), true,
                    List.copyOf(captures), List.of(), destination));
        }
        LOG.log(System.Logger.Level.INFO, "event=diagnostic_settings_read run_id=" + runId + " cloud=azure subscription="
                + subscription + " settings=" + sources.size() + " warnings=" + warnings.size());
        return new AzureLoggingResult(LoggingPosture.of(List.of(), readFrom, sources), warnings);
    }

    // The workspace's customer id (the GUID the Logs Query API takes), else its ARM id.
    private String customerId(String workspace, List<String> warnings) {
        if (!ARM_ID.matcher(workspace).matches()) {
            warnings.add("diagnostic setting destination '" + AzureErrors.scrub(workspace) + "' is not an ARM id");
            return workspace;
        }
        String key = workspace.toLowerCase(Locale.ROOT);
        String known = customerIds.get(key);
        if (known != null) {
            return known;
        }
        Answer answer = get(arm, armEndpoint + workspace + "?api-version=" + WORKSPACE_API_VERSION,
                "workspace " + workspace);
        String id = answer.status() == 200 && answer.body() != null
                ? answer.body().path("properties").path("customerId").asText("") : "";
        if (id.isEmpty()) {
            warnings.add("workspace " + workspace + " not read (" + answer.describe() + "): the diagnostic setting"
                    + " is compared by its ARM id; grant Reader or Log Analytics Reader on it");
            return workspace;
        }
        customerIds.put(key, id.toLowerCase(Locale.ROOT));
        return customerIds.get(key);
    }

    // assignedTo() also returns assignments of groups the principal is a member of: their principalId is the
    // group's. They grant the principal the same permissions, so they are attributed to it (the grant source
    // keeps the assignment id) and listed in viaGroups.
    private ObjectNode attribute(JsonNode item, String principal, List<String> viaGroups, List<String> warnings) {
        if (!item.isObject() || !item.path("properties").isObject()) {
            throw new AzurePostureException("role assignment list: an entry is not an ARM resource with properties");
        }
        ObjectNode assignment = ((ObjectNode) item).deepCopy();
        ObjectNode properties = (ObjectNode) assignment.get("properties");
        String assigned = properties.path("principalId").asText("");
        String id = AzureErrors.scrub(assignment.path("id").asText(""));
        if (assigned.equalsIgnoreCase(principal)) {
            return assignment;
        }
        if (properties.path("principalType").asText("").equalsIgnoreCase("Group")) {
            viaGroups.add(id + " (group " + AzureErrors.scrub(assigned) + ")");
            properties.put("principalId", principal);
            return assignment;
        }
        warnings.add("role assignment " + id + " names principal " + AzureErrors.scrub(assigned) + " ("
                + AzureErrors.scrub(properties.path("principalType").asText("")) + "), neither the service principal"
                + " nor a group: left out");
        return null;
    }

    private void readDefinition(String definition, List<PostureDocument> documents, List<String> warnings) {
        if (!ARM_ID.matcher(definition).matches()
                || !definition.toLowerCase(Locale.ROOT).contains("/providers/microsoft.authorization/roledefinitions/")) {
            warnings.add("role definition id '" + AzureErrors.scrub(definition) + "' is not an ARM role definition id:"
                    + " not read");
            return;
        }
        String what = "role definition " + definition;
        Answer answer = get(arm, armEndpoint + definition + "?api-version=" + API_VERSION, what);
        if (answer.status() == 200) {
            documents.add(new PostureDocument("arm:GET " + definition, object(answer, what)));
        } else {
            warnings.add(what + ": " + answer.describe() + "; its permissions are not evaluated");
        }
    }

    private void readGraph(String principal, List<PostureDocument> documents, List<String> warnings) {
        String what = "Graph service principal " + principal;
        Answer sp = get(graph, graphEndpoint + "/v1.0/servicePrincipals/" + principal + "?$select=" + SP_FIELDS, what);
        if (sp.status() != 200) {
            warnings.add(what + ": " + sp.describe() + "; its credentials are not evaluated (scalewatch needs"
                    + " Application.Read.All or Directory.Read.All)");
            return;
        }
        ObjectNode spBody = object(sp, what);
        if (!spBody.path("id").asText("").equalsIgnoreCase(principal)) {
            throw new AzurePostureException(what + ": the answer names another object ("
                    + AzureErrors.scrub(spBody.path("id").asText("")) + ")");
        }
        documents.add(new PostureDocument("graph:GET servicePrincipals/" + principal, spBody));
        String appId = spBody.path("appId").asText("");
        if (!GUID.matcher(appId).matches()) {
            warnings.add(what + " has no application id: the application's credentials are not read");
            return;
        }
        String appWhat = "Graph application " + appId.toLowerCase(Locale.ROOT);
        Answer app = get(graph, graphEndpoint + "/v1.0/applications(appId='" + appId.toLowerCase(Locale.ROOT)
                + "')?$select=" + APP_FIELDS, appWhat);
        if (app.status() == 200) {
            documents.add(new PostureDocument("graph:GET applications(appId='" + appId + "')", object(app, appWhat)));
        } else {
            // A multi-tenant vendor app lives in the vendor's tenant: its application object is not readable here.
            warnings.add(appWhat + ": " + app.describe() + "; its credentials are not evaluated (an app registered in"
                    + " another tenant is not readable here)");
        }
    }

    private String nextLink(JsonNode link, String subscription) {
        if (link == null || link.isNull() || link.isMissingNode() || link.asText("").isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(link.asText());
        } catch (IllegalArgumentException e) {
            throw new AzurePostureException("role assignments of subscription " + subscription + ": nextLink is not"
                    + " a URL");
        }
        // The token goes wherever the link points: only ever back to the ARM endpoint it came from.
        if (!Objects.equals(uri.getScheme(), armEndpoint.getScheme()) || !Objects.equals(uri.getHost(),
                armEndpoint.getHost()) || uri.getPort() != armEndpoint.getPort() || uri.getRawFragment() != null) {
            throw new AzurePostureException("role assignments of subscription " + subscription + ": nextLink points"
                    + " to " + AzureErrors.scrub(uri.getScheme() + "://" + uri.getHost()) + ", not to " + armEndpoint);
        }
        return uri.toString();
    }

    private record Answer(int status, String code, String message, JsonNode body) {
        String describe() {
            return "HTTP " + status + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message);
        }
    }

    private static ObjectNode object(Answer answer, String what) {
        if (answer.body() == null || !answer.body().isObject()) {
            throw new AzurePostureException(what + ": the answer is not a JSON object");
        }
        return (ObjectNode) answer.body();
    }

    private Answer get(HttpPipeline pipeline, String url, String what) {
        for (int attempt = 1; ; attempt++) {
            String failure;
            Optional<Duration> retryAfter = Optional.empty();
            requests++;
            HttpRequest request = new HttpRequest(HttpMethod.GET, url).setHeader(HttpHeaderName.ACCEPT,
                    "application/json");
            try (HttpResponse response = pipeline.sendSync(request, Context.NONE)) {
                int status = response.getStatusCode();
                String text = response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
                if (status == 200) {
                    return new Answer(status, "", "", parse(text, what));
                }
                JsonNode error = tryParse(text).path("error");
                String code = AzureErrors.scrub(error.path("code").asText(""));
                String message = AzureErrors.scrub(error.path("message").asText(""));
                if (status != 429 && status < 500) {
                    return new Answer(status, code, message, null);
                }
                failure = "HTTP " + status + (code.isEmpty() ? "" : " " + code);
                retryAfter = AzureErrors.retryAfter(response, clock);
            } catch (AzurePostureException e) {
                throw e;
            } catch (RuntimeException e) {
                failure = AzureErrors.describe(e);
            }
            if (attempt >= retry.maxAttempts()) {
                throw new AzurePostureException(what + ": " + failure + " after " + attempt + " attempts");
            }
            Duration wait = retryAfter.isPresent() ? retryAfter.get() : retry.backoff(attempt, jitter.getAsDouble());
            if (wait.compareTo(retry.maxRetryAfter()) > 0) {
                throw new AzurePostureException(what + ": " + failure + "; Retry-After " + wait + " exceeds the "
                        + retry.maxRetryAfter() + " honoured");
            }
            retries++;
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AzurePostureException(what + ": interrupted while waiting to retry");
            }
        }
    }

    private static JsonNode parse(String text, String what) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null) {
                throw new AzurePostureException(what + ": the answer is empty");
            }
            return node;
        } catch (IOException e) {
            throw new AzurePostureException(what + ": the answer is not JSON");
        }
    }

    private static JsonNode tryParse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Posture withAccount(Posture p, String account) {
        return new Posture(p.cloud(), p.identity(), account, p.grants(), p.trust(), p.credentials(), p.boundary(),
                p.tags(), p.source());
    }

    private static String guid(String value, String field) {
        if (value == null || !GUID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a GUID (8-4-4-4-12 hex digits), got '"
                    + (value == null ? "" : AzureErrors.scrub(value)) + "'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** Builder of {@link AzureRoleAssignmentCollector}. */
    public static final class Builder {
        private HttpPipeline arm;
        private String armEndpoint = AzureClients.ARM_ENDPOINT;
        private URI armUri;
        private HttpPipeline graph;
        private String graphEndpoint = AzureClients.GRAPH_ENDPOINT;
        private URI graphUri;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private String runId = "";

        private Builder() {}

        /** The ARM pipeline (bearer token for {@code https://management.azure.com/.default}). */
        public Builder arm(HttpPipeline arm) {
            this.arm = arm;
            return this;
        }

        /** ARM's base URL (default {@link AzureClients#ARM_ENDPOINT}; tests give a loopback URL). */
        public Builder armEndpoint(String endpoint) {
            this.armEndpoint = endpoint;
            return this;
        }

        /** The Graph pipeline; when set, the service principal's and application's credentials are read. */
        public Builder graph(HttpPipeline graph) {
            this.graph = graph;
            return this;
        }

        /** Graph's base URL (default {@link AzureClients#GRAPH_ENDPOINT}). */
        public Builder graphEndpoint(String endpoint) {
            this.graphEndpoint = endpoint;
            return this;
        }

        /** Decides which credentials have expired, and Retry-After dates (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How retry waits pass. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Retries of throttled and failed requests (default {@link RetryPolicy#DEFAULT}). */
        public Builder retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        /** Jitter in [0, 1) for backoff waits (tests: fixed). */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = jitter;
            return this;
        }

        /** The run id, for logs. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /** Builds, checking the required parts. */
        public AzureRoleAssignmentCollector build() {
            Objects.requireNonNull(arm, "arm");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(jitter, "jitter");
            armUri = base(armEndpoint, "armEndpoint");
            graphUri = base(graphEndpoint, "graphEndpoint");
            runId = Objects.requireNonNullElse(runId, "");
            return new AzureRoleAssignmentCollector(this);
        }

        private static URI base(String endpoint, String field) {
            Objects.requireNonNull(endpoint, field);
            String trimmed = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
            URI uri = URI.create(trimmed);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null) {
                throw new IllegalArgumentException(field + " must be an https base URL without query, got '" + endpoint
                        + "'");
            }
            return uri;
        }
    }
}
