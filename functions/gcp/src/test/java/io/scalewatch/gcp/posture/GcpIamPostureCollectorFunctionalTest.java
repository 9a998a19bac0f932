package io.scalewatch.gcp.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.posture.Credential;
import io.scalewatch.core.posture.Grant;
import io.scalewatch.core.posture.LogSource;
import io.scalewatch.core.posture.LoggingPosture;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.posture.PostureLoadResult;
import io.scalewatch.core.posture.TrustStatement;
import io.scalewatch.gcp.collect.RetryPolicy;
import io.scalewatch.gcp.collect.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The posture collector over google-http-client against Resource Manager and IAM answers on loopback. */
class GcpIamPostureCollectorFunctionalTest {
    private static final String SA = "castai-gke@demo-project.iam.gserviceaccount.com";
    private static final String SA_PATH = "/v1/projects/-/serviceAccounts/" + SA;
    private static final String TOKEN = "ya29.scalewatch-test-token";
    private static final String POLICY_OPTIONS = "{\"options\":{\"requestedPolicyVersion\":3}}";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T00:20:00Z"));
    private GoogleApisServer apis;

    @BeforeEach
    void start() throws Exception {
        apis = GoogleApisServer.start()
                .route("POST /v1/projects/demo-project:getIamPolicy", 200, "projects_demo-project.getIamPolicy.json")
                .route("POST /v3/folders/1234567890:getIamPolicy", 403, "error-403.json")
                .route("POST /v1/organizations/123456789012:getIamPolicy", 200,
                        "organizations_123456789012.getIamPolicy.json")
                .route("POST " + SA_PATH + ":getIamPolicy?options.requestedPolicyVersion=3", 200,
                        "serviceAccount.getIamPolicy.json")
                .route("GET " + SA_PATH + "/keys?keyTypes=USER_MANAGED", 200, "serviceAccount.keys.json")
                .route("GET /v1/projects/demo-project/roles/castaiNodeManager", 200, "roles/castaiNodeManager.json")
                .route("GET /v1/projects/demo-project/roles/legacyDeployer", 404, "error-404-role.json")
                .route("GET /v1/organizations/123456789012/roles/castaiOrgViewer", 200, "roles/castaiOrgViewer.json");
        for (String role : List.of("compute.instanceAdmin.v1", "container.admin", "editor", "iam.serviceAccountUser",
                "owner", "iam.serviceAccountTokenCreator", "iam.workloadIdentityUser",
                "resourcemanager.organizationAdmin")) {
            apis.route("GET /v1/roles/" + role, 200, "roles/" + role + ".json");
        }
    }

    @AfterEach
    void stop() {
        apis.close();
    }

    private GcpIamPostureCollector.Builder collector() {
        return GcpIamPostureCollector.builder()
                .credentials(GoogleCredentials.create(new AccessToken(TOKEN, Date.from(Instant.parse("2100-01-01T00:00:00Z")))))
                .resourceManagerUrl(apis.url()).iamUrl(apis.url() + "/")
                .folders(List.of("folders/1234567890")).organizations(List.of("organizations/123456789012"))
                .sleeper(clock.sleeper()).jitter(() -> 0.5).clock(clock).runId("test-run");
    }

    @Test
    void collect_projectFolderOrgAndAccount_mapsGrantsTrustAndKeysThroughCoresReader() {
        PostureLoadResult result = collector().build().collect(SA);

        Posture posture = result.postures().get(0);
        assertThat(result.postures()).hasSize(1);
        assertThat(posture.cloud()).isEqualTo(CloudProvider.GCP);
        assertThat(posture.identity()).isEqualTo(SA);
        assertThat(posture.account()).isEqualTo("demo-project");
        assertThat(posture.grants()).extracting(Grant::source).containsExactly(
                "projects/demo-project#projects/demo-project/roles/castaiNodeManager",
                "projects/demo-project#roles/compute.instanceAdmin.v1",
                "projects/demo-project#roles/container.admin",
                "projects/demo-project#roles/iam.serviceAccountUser",
                "organizations/123456789012#organizations/123456789012/roles/castaiOrgViewer",
                "projects/-/serviceAccounts/" + SA + "#roles/iam.serviceAccountTokenCreator");
        assertThat(posture.grants().get(0).actions()).contains("compute.instances.create", "iam.serviceAccounts.actAs")
                .hasSize(13);
        assertThat(posture.grants().get(0).resources()).containsExactly("projects/demo-project");
        assertThat(posture.grants().get(1).conditions().path("title").asText()).isEqualTo("castai-nodes-only");
        assertThat(posture.grants().get(4).actions()).isEmpty();
        assertThat(posture.trust()).extracting(TrustStatement::source, TrustStatement::principals).containsExactly(
                org.assertj.core.groups.Tuple.tuple("projects/demo-project#roles/editor",
                        List.of("serviceAccount:482155503321-compute@developer.gserviceaccount.com",
                                "serviceAccount:482155503321@cloudservices.gserviceaccount.com")),
                org.assertj.core.groups.Tuple.tuple("projects/demo-project#roles/iam.serviceAccountUser",
                        List.of("user:maria.lopez@demo-corp.example")),
                org.assertj.core.groups.Tuple.tuple("projects/demo-project#roles/owner",
                        List.of("user:maria.lopez@demo-corp.example")),
                org.assertj.core.groups.Tuple.tuple("projects/-/serviceAccounts/" + SA
                        + "#roles/iam.serviceAccountTokenCreator", List.of("user:maria.lopez@demo-corp.example")),
                org.assertj.core.groups.Tuple.tuple("projects/-/serviceAccounts/" + SA + "#roles/iam.workloadIdentityUser",
                        List.of("serviceAccount:demo-project.svc.id.goog[castai-agent/castai-cluster-controller]")));
        assertThat(posture.credentials()).extracting(Credential::id, Credential::status, Credential::created)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("3c1f7f2e9a0d4b6c8e5a1b2c3d4e5f6a7b8c9d0e", "Active",
                                Instant.parse("2025-02-03T10:11:12Z")),
                        org.assertj.core.groups.Tuple.tuple("8d2e4f6a0b1c3d5e7f9a2b4c6d8e0f1a3b5c7d9e", "Inactive",
                                Instant.parse("2026-10-01T08:00:00Z")));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).startsWith("folders/1234567890: getIamPolicy answered"
                + " HTTP 403 PERMISSION_DENIED (The caller does not have permission); bindings there are not in the"
                + " posture"));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).isEqualTo("role projects/demo-project/roles/"
                + "legacyDeployer: roles.get answered HTTP 404 NOT_FOUND (The role named projects/demo-project/roles/"
                + "legacyDeployer was not found.)"));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("castaiOrgViewer is deleted"));
        assertThat(result.unresolved()).isEmpty();
    }

    @Test
    void collect_projectAndOrgAuditConfigs_areTheProjectsLoggingPosture() {
        PostureLoadResult result = collector().build().collect(SA);

        LoggingPosture logging = result.postures().get(0).logging();
        assertThat(logging.collected()).isTrue();
        assertThat(logging.regions()).isEmpty();
        assertThat(logging.sources()).extracting(LogSource::kind).containsOnly("audit_config");
        assertThat(logging.sources()).extracting(LogSource::name, s -> s.captures().get(0), LogSource::exempted)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("allServices", "admin_read", List.of()),
                        org.assertj.core.groups.Tuple.tuple("compute.googleapis.com", "data_write",
                                List.of("serviceAccount:" + SA)),
                        org.assertj.core.groups.Tuple.tuple("compute.googleapis.com", "data_read", List.of()),
                        org.assertj.core.groups.Tuple.tuple("iam.googleapis.com", "data_write", List.of()));
    }

    @Test
    void collect_orgUnreadable_keepsTheProjectsAuditConfigsAndWarns() {
        apis.route("POST /v1/organizations/123456789012:getIamPolicy", 403, "error-403.json");

        PostureLoadResult result = collector().build().collect(SA);

        assertThat(result.postures().get(0).logging().sources()).extracting(LogSource::name)
                .containsExactly("allServices", "compute.googleapis.com", "compute.googleapis.com");
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).startsWith("organizations/123456789012:")
                .endsWith("nor are its audit log configs"));
    }

    @Test
    void collect_requests_areTheRestCallsWithPolicyVersion3AndTheBearerToken() {
        collector().build().collect(SA);

        List<GoogleApisServer.Request> requests = apis.requests();
        assertThat(requests).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));
        assertThat(requests).filteredOn(r -> r.path().endsWith(":getIamPolicy"))
                .hasSize(3).allSatisfy(r -> {
                    assertThat(r.method()).isEqualTo("POST");
                    assertThat(r.body()).isEqualTo(POLICY_OPTIONS);
                });
        assertThat(requests).extracting(GoogleApisServer.Request::method, GoogleApisServer.Request::path).contains(
                org.assertj.core.groups.Tuple.tuple("POST", SA_PATH + ":getIamPolicy?options.requestedPolicyVersion=3"),
                org.assertj.core.groups.Tuple.tuple("GET", SA_PATH + "/keys?keyTypes=USER_MANAGED"));
        // every role bound anywhere is asked for once, the others' too (custom roles may hold actAs)
        assertThat(requests).filteredOn(r -> r.path().contains("/roles/")).extracting(GoogleApisServer.Request::path)
                .containsExactlyInAnyOrder("/v1/projects/demo-project/roles/castaiNodeManager",
                        "/v1/roles/compute.instanceAdmin.v1", "/v1/roles/container.admin", "/v1/roles/editor",
                        "/v1/roles/iam.serviceAccountUser", "/v1/roles/owner",
                        "/v1/projects/demo-project/roles/legacyDeployer",
                        "/v1/organizations/123456789012/roles/castaiOrgViewer",
                        "/v1/roles/resourcemanager.organizationAdmin", "/v1/roles/iam.serviceAccountTokenCreator",
                        "/v1/roles/iam.workloadIdentityUser");
    }

    @Test
    void collect_quotaAndUnavailable_areRetriedWithBackoffAndRetryAfter() {
        String route = "POST /v1/projects/demo-project:getIamPolicy";
        apis.script(route, new GoogleApisServer.Answer(429, GoogleApisServer.fixture("error-429.json"),
                Map.of("Retry-After", "3")), GoogleApisServer.Answer.file(503, "error-503.json"));

        PostureLoadResult result = collector().build().collect(SA);

        assertThat(result.postures().get(0).grants()).isNotEmpty();
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1));
        assertThat(apis.requests()).filteredOn(r -> r.path().equals("/v1/projects/demo-project:getIamPolicy")).hasSize(3);
    }

    @Test
    void collect_unavailableEveryTime_failsAfterTheAttemptsNamingTheCall() {
        String route = "POST /v1/projects/demo-project:getIamPolicy";
        for (int i = 0; i < 3; i++) {
            apis.script(route, GoogleApisServer.Answer.file(503, "error-503.json"));
        }
        GcpIamPostureCollector posture = collector().retryPolicy(new RetryPolicy(3, Duration.ofSeconds(1),
                Duration.ofSeconds(4))).build();

        assertThatThrownBy(() -> posture.collect(SA)).isInstanceOf(GcpPostureException.class)
                .hasMessage("cloudresourcemanager v1 projects/demo-project:getIamPolicy failed 3 times, last: HTTP 503"
                        + " UNAVAILABLE (The service is currently unavailable.)");
    }

    @Test
    void collect_projectPolicyRefused_failsInsteadOfReportingAnEmptyPosture() {
        apis.route("POST /v1/projects/demo-project:getIamPolicy", 403, "error-403.json");

        assertThatThrownBy(() -> collector().build().collect(SA)).isInstanceOf(GcpPostureException.class)
                .hasMessage("projects/demo-project:getIamPolicy: HTTP 403 PERMISSION_DENIED (The caller does not have"
                        + " permission)");
    }

    @Test
    void collect_unknownServiceAccount_failsSayingSo() {
        apis.route("POST " + SA_PATH + ":getIamPolicy?options.requestedPolicyVersion=3", 404, "error-404-sa.json");

        assertThatThrownBy(() -> collector().build().collect(SA)).isInstanceOf(GcpPostureException.class)
                .hasMessageStartingWith("service account " + SA + " not found");
    }

    @Test
    void collect_twice_fetchesPredefinedRolesOnce() {
        GcpIamPostureCollector posture = collector().build();
        posture.collect(SA);
        int first = apis.requests().size();

        posture.collect(SA, List.of("demo-project"));

        List<GoogleApisServer.Request> second = apis.requests().subList(first, apis.requests().size());
        assertThat(second).filteredOn(r -> r.path().startsWith("/v1/roles/")).isEmpty();
        assertThat(second).filteredOn(r -> r.path().contains("/roles/")).hasSize(3);
    }

    @Test
    void collect_bindingWithAHostileRoleName_warnsAndNeverAsksForIt() {
        apis.route("POST /v1/organizations/123456789012:getIamPolicy", 200, "organizations_hostile-role.getIamPolicy.json");

        PostureLoadResult result = collector().build().collect(SA);

        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).startsWith("role 'roles/../../v1/projects/x"));
        assertThat(apis.requests()).noneSatisfy(r -> assertThat(r.path()).contains(".."));
        assertThat(result.unresolved()).contains("roles/../../v1/projects/x:getIamPolicy");
    }

    @Test
    void build_plainHttpOutsideLoopback_isRefused() {
        assertThatThrownBy(() -> collector().iamUrl("http://iam.googleapis.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://");
    }

    @Test
    void collect_accountWithoutHomeProject_needsProjects() {
        assertThatThrownBy(() -> collector().build().collect("482155503321-compute@developer.gserviceaccount.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not name its project");
    }
}
