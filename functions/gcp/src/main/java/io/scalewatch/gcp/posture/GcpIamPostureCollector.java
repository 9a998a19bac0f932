package io.scalewatch.gcp.posture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.posture.GcpAuditConfigs;
import io.scalewatch.core.posture.GcpPostureReader;
import io.scalewatch.core.posture.LogSource;
import io.scalewatch.core.posture.LoggingPosture;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.posture.PostureDocument;
import io.scalewatch.core.posture.PostureFileException;
import io.scalewatch.core.posture.PostureLoadResult;
import io.scalewatch.gcp.collect.InvalidFilterValueException;
import io.scalewatch.gcp.collect.LogFilter;
import io.scalewatch.gcp.collect.RetryPolicy;
import io.scalewatch.gcp.collect.Sleeper;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the watched service account's IAM posture through the Resource Manager and IAM REST APIs
 * (google-cloud-resourcemanager and google-iam-admin do not resolve with the BOM; google-auth-library and
 * google-http-client do), assembles the answers into the shapes {@code gcloud} / the REST API return, and maps them
 * with core's {@link GcpPostureReader}, so the mapping onto grants, trust and credentials exists once.
 *
 * <ul>
 *   <li>{@code POST cloudresourcemanager/v1/projects/<p>:getIamPolicy} ({@code requestedPolicyVersion: 3}, so
 *       conditional bindings come back with their conditions) for each project; {@code v3/folders/<n>} and
 *       {@code v1/organizations/<n>} when configured;
 *   <li>{@code POST iam/v1/projects/-/serviceAccounts/<email>:getIamPolicy}: who may act as the account, mint its
 *       tokens or create its keys;
 *   <li>{@code GET iam/v1/projects/-/serviceAccounts/<email>/keys?keyTypes=USER_MANAGED}: its keys and their age;
 *   <li>{@code GET iam/v1/<role>} (roles.get) for every role bound in those policies, predefined
 *       ({@code roles/...}) and custom ({@code projects/<p>/roles/...}, {@code organizations/<o>/roles/...}),
 *       so grants expand to permissions and custom roles holding actAs-like permissions count as trust.
 * </ul>
 *
 * <p>The logging posture comes with no extra call: each project's policy answer holds its Data Access audit log
 * config ({@code auditConfigs}, read by core's {@link GcpAuditConfigs}); those of the folders and organizations
 * read are added, since they apply below. It rides on the project's posture ({@link Posture#logging()}).
 *
 * <p>What cannot be read: a project's policy, the account's own policy or its keys fail the collection
 * ({@link GcpPostureException}), since a posture without them would look harmless and let posture findings be
 * archived. A folder or organization the scanner may not read, and a role definition it may not get, are
 * warnings in the result (the role then lands in {@link PostureLoadResult#unresolved()}). 429 and 5xx answers
 * are retried with backoff ({@link RetryPolicy}).
 *
 * <pre>{@code
 * GcpIamPostureCollector posture = GcpIamPostureCollector.builder().credentials(credentials)
 *         .organizations(List.of("organizations/123456789012")).build();
 * PostureLoadResult result = posture.collect("castai@my-project.iam.gserviceaccount.com", List.of("my-project"));
 * }</pre>
 */
public final class GcpIamPostureCollector {
    private static final System.Logger LOG = System.getLogger(GcpIamPostureCollector.class.getName());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]{1,20}");
    private static final Pattern FOLDER = Pattern.compile("folders/[0-9]{1,20}");
    private static final Pattern ORGANIZATION = Pattern.compile("organizations/[0-9]{1,20}");
    private static final Pattern ROLE = Pattern.compile(
            "roles/[A-Za-z0-9_.]{1,100}|(?:projects/(?:[a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]{1,20})|organizations/[0-9]{1,20})"
                    + "/roles/[A-Za-z0-9_.]{1,64}");
    private static final Pattern HOME_PROJECT = Pattern.compile("[^@]+@([a-z][a-z0-9-]{4,28}[a-z0-9])\\.iam\\.gserviceaccount\\.com");
    private static final String POLICY_OPTIONS = "{\"options\":{\"requestedPolicyVersion\":3}}";

    private final GcpRest rest;
    private final String resourceManagerUrl;
    private final String iamUrl;
    private final List<String> folders;
    private final List<String> organizations;
    private final Clock clock;
    private final String runId;
    /** Predefined roles are the same everywhere: fetched once per collector. */
    private final Map<String, JsonNode> predefinedRoles = new ConcurrentHashMap<>();

    private GcpIamPostureCollector(Builder b) {
        this.rest = new GcpRest(b.transport.createRequestFactory(new HttpCredentialsAdapter(b.credentials)),
                b.retryPolicy, b.sleeper, b.jitter, b.timeout);
        this.resourceManagerUrl = b.resourceManagerUrl;
        this.iamUrl = b.iamUrl;
        this.folders = List.copyOf(b.folders);
        this.organizations = List.copyOf(b.organizations);
        this.clock = b.clock;
        this.runId = b.runId;
    }

    /** A builder; credentials are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The account's posture in its own project ({@code <name>@<project>.iam.gserviceaccount.com}).
     *
     * @throws IllegalArgumentException when the email names no project (then say which with
     *     {@link #collect(String, List)})
     */
    public PostureLoadResult collect(String serviceAccount) {
        String email = LogFilter.serviceAccount(serviceAccount);
        Matcher home = HOME_PROJECT.matcher(email);
        if (!home.matches()) {
            throw new IllegalArgumentException("service account " + email + " does not name its project; pass the"
                    + " projects to read");
        }
        return collect(email, List.of(home.group(1)));
    }

    /**
     * The account's posture over these projects (ids or numbers), plus the configured folders and organizations.
     *
     * @throws InvalidFilterValueException when the email is not one
     * @throws IllegalArgumentException when a project id is not one
     * @throws GcpPostureException when a project's policy, the account's policy or its keys cannot be read
     */
    public PostureLoadResult collect(String serviceAccount, List<String> projects) {
        String email = LogFilter.serviceAccount(serviceAccount);
        if (projects.isEmpty()) {
            throw new IllegalArgumentException("at least one project is needed");
        }
        for (String project : projects) {
            if (project == null || !PROJECT_ID.matcher(project).matches()) {
                throw new IllegalArgumentException("project '" + GcpRest.printable(String.valueOf(project))
                        + "' is not a project id (6-30 lowercase letters, digits, hyphens) or number");
            }
        }
        List<String> warnings = new ArrayList<>();
        List<PostureDocument> documents = new ArrayList<>();
        List<JsonNode> policies = new ArrayList<>();
        Map<String, List<LogSource>> auditConfigs = new LinkedHashMap<>();
        for (String project : new LinkedHashSet<>(projects)) {
            String resource = "projects/" + project;
            GcpRest.Response answer = rest.post("cloudresourcemanager v1 " + resource + ":getIamPolicy",
                    resourceManagerUrl + "/v1/" + resource + ":getIamPolicy", POLICY_OPTIONS);
            require(answer, resource + ":getIamPolicy");
            add(documents, policies, "cloudresourcemanager v1 " + resource + ":getIamPolicy", resource, answer.body());
            // The same answer carries the project's Data Access audit log config: the logging posture.
            auditConfigs.put(project, new ArrayList<>(GcpAuditConfigs.sources(answer.body())));
        }
        // Audit configs of folders and organizations apply to the projects below them (they add up).
        List<LogSource> inherited = new ArrayList<>();
        for (String folder : folders) {
            inherited.addAll(optionalPolicy(documents, policies, warnings, "cloudresourcemanager v3", folder,
                    resourceManagerUrl + "/v3/" + folder + ":getIamPolicy"));
        }
        for (String organization : organizations) {
            inherited.addAll(optionalPolicy(documents, policies, warnings, "cloudresourcemanager v1", organization,
                    resourceManagerUrl + "/v1/" + organization + ":getIamPolicy"));
        }
        String account = "projects/-/serviceAccounts/" + email;
        GcpRest.Response own = rest.post("iam v1 " + account + ":getIamPolicy",
                iamUrl + "/v1/" + account + ":getIamPolicy?options.requestedPolicyVersion=3", "");
        if (own.status() == 404) {
            throw new GcpPostureException("service account " + email + " not found (iam v1 getIamPolicy: HTTP 404 "
                    + own.error() + ")");
        }
        require(own, account + ":getIamPolicy");
        add(documents, policies, "iam v1 " + account + ":getIamPolicy", account, own.body());
        GcpRest.Response keys = rest.get("iam v1 " + account + "/keys",
                iamUrl + "/v1/" + account + "/keys?keyTypes=USER_MANAGED");
        require(keys, account + "/keys");
        ObjectNode keyList = NODES.objectNode();
        keyList.set("keys", keys.body().path("keys").isArray() ? keys.body().get("keys") : NODES.arrayNode());
        documents.add(new PostureDocument("iam v1 " + account + "/keys?keyTypes=USER_MANAGED", keyList));
        documents.add(new PostureDocument("iam v1 roles.get", roles(policies, warnings)));

        PostureLoadResult read;
        try {
            read = GcpPostureReader.read(documents, IdentityMatcher.parse(email), clock);
        } catch (PostureFileException e) {
            throw new GcpPostureException("an IAM answer is not in the API's shape: " + e.getMessage());
        }
        List<String> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(read.warnings());
        for (String warning : allWarnings) {
            LOG.log(Level.WARNING, () -> context(email) + " event=posture_warning warning=\"" + warning + "\"");
        }
        LOG.log(Level.INFO, () -> context(email) + " event=posture_done postures=" + read.postures().size()
                + " policies=" + policies.size() + " unresolved=" + read.unresolved().size() + " requests="
                + rest.calls() + " retries=" + rest.retries());
        List<Posture> postures = new ArrayList<>();
        for (Posture posture : read.postures()) {
            List<LogSource> projectConfigs = auditConfigs.get(posture.account());
            if (projectConfigs == null) {
                postures.add(posture);
                continue;
            }
            List<LogSource> sources = new ArrayList<>(projectConfigs);
            sources.addAll(inherited);
            postures.add(posture.withLogging(LoggingPosture.of(List.of(), List.of(), sources)));
        }
        return new PostureLoadResult(postures, allWarnings, read.unresolved());
    }

    // Folder and organization policies are helpful, not required: the scanner may not be allowed to read them.
    // Returns the policy's audit log configs (empty when unreadable).
    private List<LogSource> optionalPolicy(List<PostureDocument> documents, List<JsonNode> policies,
            List<String> warnings, String api, String resource, String url) {
        String source = api + " " + resource + ":getIamPolicy";
        GcpRest.Response answer = rest.post(source, url, POLICY_OPTIONS);
        if (answer.ok()) {
            add(documents, policies, source, resource, answer.body());
            return GcpAuditConfigs.sources(answer.body());
        }
        warnings.add(resource + ": getIamPolicy answered HTTP " + answer.status() + " " + answer.error()
                + "; bindings there are not in the posture (grant roles/iam.securityReviewer or"
                + " resourcemanager." + resource.substring(0, resource.indexOf('/')) + ".getIamPolicy on it), nor"
                + " are its audit log configs");
        return List.of();
    }

    private static void add(List<PostureDocument> documents, List<JsonNode> policies, String source, String resource,
            JsonNode policy) {
        ObjectNode wrapper = NODES.objectNode();
        wrapper.put("resource", resource);
        wrapper.set("policy", policy);
        documents.add(new PostureDocument(source, wrapper));
        policies.add(policy);
    }

    // Every role bound in the policies read, as {"roles": [<roles.get answer>, ...]}.
    private ObjectNode roles(List<JsonNode> policies, List<String> warnings) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode policy : policies) {
            for (JsonNode binding : policy.path("bindings")) {
                String role = binding.path("role").asText("");
                if (!role.isEmpty()) {
                    names.add(role);
                }
            }
        }
        ArrayNode roles = NODES.arrayNode();
        for (String name : names) {
            if (!ROLE.matcher(name).matches()) {
                warnings.add("role '" + GcpRest.printable(name) + "' is not a role name this collector asks for"
                        + " (roles/<id>, projects/<p>/roles/<id>, organizations/<o>/roles/<id>)");
                continue;
            }
            JsonNode role = predefinedRoles.get(name);
            if (role == null) {
                GcpRest.Response answer = rest.get("iam v1 roles.get " + name, iamUrl + "/v1/" + name);
                if (!answer.ok()) {
                    warnings.add("role " + name + ": roles.get answered HTTP " + answer.status() + " " + answer.error());
                    continue;
                }
                role = answer.body();
                if (name.startsWith("roles/")) {
                    predefinedRoles.put(name, role);
                }
            }
            if (role.path("deleted").asBoolean(false)) {
                // A deleted custom role's bindings stay in the policy but grant nothing.
                ObjectNode inactive = ((ObjectNode) role).deepCopy();
                inactive.set("includedPermissions", NODES.arrayNode());
                warnings.add("role " + name + " is deleted: its bindings grant nothing unless it is undeleted");
                role = inactive;
            }
            roles.add(role);
        }
        ObjectNode document = NODES.objectNode();
        document.set("roles", roles);
        return document;
    }

    private static void require(GcpRest.Response answer, String what) {
        if (!answer.ok()) {
            throw new GcpPostureException(what + ": HTTP " + answer.status() + " " + answer.error());
        }
    }

    private String context(String email) {
        return "run_id=" + runId + " cloud=gcp identity=" + email;
    }

    /** Builder of {@link GcpIamPostureCollector}. */
    public static final class Builder {
        private GoogleCredentials credentials;
        private HttpTransport transport;
        private String resourceManagerUrl = "https://cloudresourcemanager.googleapis.com";
        private String iamUrl = "https://iam.googleapis.com";
        private List<String> folders = List.of();
        private List<String> organizations = List.of();
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Sleeper sleeper = Sleeper.system();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private Duration timeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private String runId = "-";

        private Builder() {}

        /** The scanner's credentials (see {@code GcpCredentialsProvider}). */
        public Builder credentials(GoogleCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** The HTTP transport (default: a new {@link NetHttpTransport}). */
        public Builder transport(HttpTransport transport) {
            this.transport = transport;
            return this;
        }

        /** Resource Manager base URL (default https://cloudresourcemanager.googleapis.com; tests use loopback). */
        public Builder resourceManagerUrl(String url) {
            this.resourceManagerUrl = url;
            return this;
        }

        /** IAM base URL (default https://iam.googleapis.com). */
        public Builder iamUrl(String url) {
            this.iamUrl = url;
            return this;
        }

        /** Folders whose policies are read too ({@code folders/<number>}); unreadable ones are warnings. */
        public Builder folders(List<String> folders) {
            this.folders = List.copyOf(folders);
            return this;
        }

        /** Organizations whose policies are read too ({@code organizations/<number>}); unreadable ones are warnings. */
        public Builder organizations(List<String> organizations) {
            this.organizations = List.copyOf(organizations);
            return this;
        }

        /** Retries on 429 / 5xx / I/O failures (default {@link RetryPolicy#DEFAULT}). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** How to wait between retries. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Jitter source in [0, 1). */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Connect and read timeout of each request (default 30 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Decides which keys have expired (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The run id for log lines. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /** Builds, checking URLs, folders and organizations. */
        public GcpIamPostureCollector build() {
            if (credentials == null) {
                throw new IllegalArgumentException("credentials are required");
            }
            resourceManagerUrl = baseUrl(resourceManagerUrl, "resourceManagerUrl");
            iamUrl = baseUrl(iamUrl, "iamUrl");
            for (String folder : folders) {
                if (folder == null || !FOLDER.matcher(folder).matches()) {
                    throw new IllegalArgumentException("folder '" + folder + "' is not folders/<number>");
                }
            }
            for (String organization : organizations) {
                if (organization == null || !ORGANIZATION.matcher(organization).matches()) {
                    throw new IllegalArgumentException("organization '" + organization
                            + "' is not organizations/<number>");
                }
            }
            Objects.requireNonNull(retryPolicy, "retryPolicy");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(jitter, "jitter");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(runId, "runId");
            if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            if (transport == null) {
                transport = new NetHttpTransport();
            }
            return new GcpIamPostureCollector(this);
        }

        private static String baseUrl(String url, String name) {
            if (url == null || !(url.startsWith("https://") || url.startsWith("http://127.0.0.1:")
                    || url.startsWith("http://localhost:") || url.startsWith("http://[::1]:"))) {
                throw new IllegalArgumentException(name + " must be an https:// URL (plain http only on loopback), got '"
                        + url + "'");
            }
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }
}
