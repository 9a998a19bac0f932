package io.scalewatch.azure.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.azure.auth.AzureClients;
import io.scalewatch.azure.testing.ActivityData;
import io.scalewatch.azure.testing.DemoTenant;
import io.scalewatch.azure.testing.LoopbackHttpsServer;
import io.scalewatch.azure.testing.LoopbackHttpsServer.Reply;
import io.scalewatch.azure.testing.LoopbackHttpsServer.Request;
import io.scalewatch.azure.testing.LoopbackTls;
import io.scalewatch.azure.testing.StaticTokenCredential;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.posture.Credential;
import io.scalewatch.core.posture.Grant;
import io.scalewatch.core.posture.LogSource;
import io.scalewatch.core.posture.LoggingPosture;
import io.scalewatch.core.posture.Posture;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The collector's ARM and Graph calls through azure-core pipelines (Netty, TLS, bearer token policy) against a
 * loopback server answering with ARM's and Graph's real shapes: role assignments in two pages joined by nextLink,
 * role definitions by id (the demo's), the demo service principal and application.
 */
class AzureRoleAssignmentCollectorFunctionalTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e";
    private static final String OID = "0b5c2f6e-1111-4111-8111-111111111111";
    private static final String ASSIGNMENTS = "/subscriptions/" + SUB
            + "/providers/Microsoft.Authorization/roleAssignments";

    private final StaticTokenCredential credential = new StaticTokenCredential();
    private final List<Duration> sleeps = new ArrayList<>();
    private LoopbackHttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String resource(String name) {
        try (InputStream in = AzureRoleAssignmentCollectorFunctionalTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ARM and Graph as the demo tenant answers them; {@code override} may answer a request first. */
    private Reply azure(Request request, Function<Request, Reply> override) {
        Reply scripted = override.apply(request);
        return scripted != null ? scripted : DemoTenant.answer(request, server.base());
    }

    private AzureRoleAssignmentCollector.Builder collector(Function<Request, Reply> override, boolean graph) {
        server = new LoopbackHttpsServer(request -> azure(request, override));
        HttpClient http = LoopbackTls.httpClient();
        AzureRoleAssignmentCollector.Builder builder = AzureRoleAssignmentCollector.builder()
                .arm(AzureClients.pipeline(credential, http, AzureClients.defaultScope(server.base())))
                .armEndpoint(server.base())
                .clock(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC))
                .sleeper(sleeps::add).jitter(() -> 0.5).runId("run-1");
        if (graph) {
            builder.graph(AzureClients.pipeline(credential, http, AzureClients.defaultScope(server.base())))
                    .graphEndpoint(server.base());
        }
        return builder;
    }

    private static Function<Request, Reply> none() {
        return request -> null;
    }

    @Test
    void collect_pagedAssignmentsDefinitionsAndGraph_mapsEveryGrantThroughTheReader() {
        AzurePostureResult result = collector(none(), true).build().collect(SUB, OID.toUpperCase());

        assertThat(result.postures()).hasSize(1);
        Posture posture = result.postures().get(0);
        assertThat(posture.cloud()).isEqualTo(CloudProvider.AZURE);
        assertThat(posture.identity()).isEqualTo(OID);
        assertThat(posture.account()).isEqualTo(SUB);
        assertThat(posture.grants()).extracting(Grant::source).containsExactlyInAnyOrder(
                "/subscriptions/" + SUB + "/resourceGroups/rg-aks-demo/providers/Microsoft.Authorization/roleAssignments/"
                        + "7c1f5e2a-0a1b-4c2d-9e3f-4a5b6c7d8e01",
                "/subscriptions/" + SUB + "/resourceGroups/MC_rg-aks-demo_aks-demo_westeurope/providers/"
                        + "Microsoft.Authorization/roleAssignments/7c1f5e2a-0a1b-4c2d-9e3f-4a5b6c7d8e02",
                "/subscriptions/" + SUB + "/resourceGroups/rg-aks-demo/providers/Microsoft.Authorization/roleAssignments/"
                        + "7c1f5e2a-0a1b-4c2d-9e3f-4a5b6c7d8e03",
                "/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleAssignments/"
                        + "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7",
                "/providers/Microsoft.Management/managementGroups/platform/providers/Microsoft.Authorization/"
                        + "roleAssignments/9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
        assertThat(posture.grants()).anySatisfy(g -> {
            assertThat(g.actions()).contains("Microsoft.ContainerService/managedClusters/agentPools/*");
            assertThat(g.resources()).containsExactly("/subscriptions/" + SUB + "/resourceGroups/rg-aks-demo");
        });
        assertThat(posture.credentials()).extracting(Credential::type)
                .containsExactlyInAnyOrder("certificate", "client_secret");
        assertThat(result.viaGroups()).containsExactly("/subscriptions/" + SUB
                + "/providers/Microsoft.Authorization/roleAssignments/3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7"
                + " (group 5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d)");
        assertThat(result.unresolved()).isEmpty();
        assertThat(result.warnings()).isEmpty();

        List<Request> requests = server.requests();
        assertThat(requests.get(0).path()).isEqualTo(ASSIGNMENTS);
        assertThat(URLDecoder.decode(requests.get(0).rawQuery(), StandardCharsets.UTF_8))
                .isEqualTo("api-version=2022-04-01&$filter=assignedTo('" + OID + "')");
        assertThat(requests.get(1).rawQuery()).contains("$skipToken=");
        assertThat(requests).filteredOn(r -> r.path().contains("/roleDefinitions/")).hasSize(4)
                .allSatisfy(r -> assertThat(r.rawQuery()).isEqualTo("api-version=2022-04-01"));
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + StaticTokenCredential.TOKEN);
        });
        assertThat(requests).hasSize(8);
        assertThat(result.requests()).isEqualTo(8);
    }

    @Test
    void collect_withoutGraph_readsNoCredentials() {
        AzurePostureResult result = collector(none(), false).build().collect(SUB, OID);

        assertThat(result.postures().get(0).credentials()).isEmpty();
        assertThat(result.postures().get(0).grants()).hasSize(5);
        assertThat(server.requests()).noneMatch(r -> r.path().startsWith("/v1.0/"));
    }

    @Test
    void collect_throttled_honoursRetryAfterThenReads() {
        AtomicInteger calls = new AtomicInteger();
        AzurePostureResult result = collector(request -> request.path().equals(ASSIGNMENTS)
                && calls.getAndIncrement() == 0
                ? new Reply(429, Map.of("Retry-After", "3"), resource("/arm/error-too-many-requests.json")) : null,
                false).build().collect(SUB, OID);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
        assertThat(result.retries()).isEqualTo(1);
        assertThat(result.postures().get(0).grants()).hasSize(5);
    }

    @Test
    void collect_serverErrorsUntilAttemptsAreSpent_throwsNamingTheCall() {
        AzureRoleAssignmentCollector collector = collector(request -> Reply.json(503,
                "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"later\"}}"), false).build();

        assertThatThrownBy(() -> collector.collect(SUB, OID)).isInstanceOf(AzurePostureException.class)
                .hasMessage("role assignments of subscription " + SUB + ": HTTP 503 ServiceUnavailable after 6 attempts");
        assertThat(sleeps).hasSize(5);
    }

    @Test
    void collect_assignmentsForbidden_throwsNamingThePermission() {
        AzureRoleAssignmentCollector collector = collector(request -> Reply.json(403,
                resource("/arm/error-authorization-failed.json")), false).build();

        assertThatThrownBy(() -> collector.collect(SUB, OID)).isInstanceOf(AzurePostureException.class)
                .hasMessageContaining("HTTP 403 AuthorizationFailed")
                .hasMessageContaining("scalewatch needs Reader (Microsoft.Authorization/roleAssignments/read)");
    }

    @Test
    void collect_definitionForbidden_warnsAndReportsItUnresolved() {
        AzurePostureResult result = collector(request -> request.path().endsWith(
                "/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1")
                ? Reply.json(403, resource("/arm/error-authorization-failed.json")) : null, false)
                .build().collect(SUB, OID);

        assertThat(result.unresolved()).containsExactly("/subscriptions/" + SUB
                + "/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1");
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("HTTP 403 AuthorizationFailed")
                .contains("its permissions are not evaluated"));
        assertThat(result.postures().get(0).grants()).hasSize(4);
    }

    @Test
    void collect_graphForbidden_warnsAndKeepsTheGrants() {
        AzurePostureResult result = collector(request -> request.path().startsWith("/v1.0/")
                ? Reply.json(403, resource("/arm/graph-error-forbidden.json")) : null, true).build().collect(SUB, OID);

        assertThat(result.postures().get(0).grants()).hasSize(5);
        assertThat(result.postures().get(0).credentials()).isEmpty();
        assertThat(result.warnings()).singleElement().asString().contains("HTTP 403 Authorization_RequestDenied")
                .contains("Application.Read.All");
    }

    @Test
    void collect_applicationInAnotherTenant_warnsAndKeepsTheServicePrincipalsCredentials() {
        AzurePostureResult result = collector(request -> request.path().startsWith("/v1.0/applications")
                ? Reply.json(404, "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"Resource"
                        + " '6f1e1d2c-0000-4000-8000-000000000001' does not exist.\"}}") : null, true)
                .build().collect(SUB, OID);

        assertThat(result.postures().get(0).credentials()).extracting(Credential::type).containsExactly("certificate");
        assertThat(result.warnings()).singleElement().asString().contains("another tenant");
    }

    @Test
    void collect_nextLinkToAnotherHost_refusedBeforeTheTokenIsSent() {
        AzureRoleAssignmentCollector collector = collector(request -> request.path().equals(ASSIGNMENTS)
                ? Reply.json(200, resource("/arm/role-assignments-page1.json").replace("{{ARM}}",
                        "https://login.attacker.example")) : null, false).build();

        assertThatThrownBy(() -> collector.collect(SUB, OID)).isInstanceOf(AzurePostureException.class)
                .hasMessageContaining("nextLink points to https://login.attacker.example");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void collect_noAssignments_emptyPostureOfTheSubscription() {
        AzurePostureResult result = collector(request -> request.path().equals(ASSIGNMENTS)
                ? Reply.json(200, "{\"value\":[]}") : null, false).build().collect(SUB, OID);

        assertThat(result.postures()).singleElement().satisfies(p -> {
            assertThat(p.account()).isEqualTo(SUB);
            assertThat(p.grants()).isEmpty();
        });
    }

    @Test
    void collect_idNotAGuid_refusedBeforeAnyRequest() {
        AzureRoleAssignmentCollector collector = collector(none(), false).build();

        assertThatThrownBy(() -> collector.collect(SUB, "x') or true")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("objectId must be a GUID");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void logging_demoSubscription_readsSettingsAndResolvesTheWorkspaceToItsCustomerId() {
        AzureLoggingResult result = collector(none(), false).build().logging(SUB, List.of(ActivityData.WORKSPACE));

        assertThat(result.warnings()).isEmpty();
        LoggingPosture logging = result.logging();
        assertThat(logging.collected()).isTrue();
        assertThat(logging.readFrom()).containsExactly(ActivityData.WORKSPACE);
        assertThat(logging.sources()).extracting(LogSource::kind).containsOnly("diagnostic_setting");
        LogSource toWorkspace = logging.sources().get(0);
        assertThat(toWorkspace.name()).isEqualTo("activity-to-law");
        assertThat(toWorkspace.captures()).containsExactly("administrative", "security", "policy");
        assertThat(toWorkspace.destination()).isEqualTo(ActivityData.WORKSPACE);
        LogSource toStorage = logging.sources().get(1);
        assertThat(toStorage.name()).isEqualTo("archive-to-storage");
        assertThat(toStorage.captures()).contains("administrative").hasSize(8);
        assertThat(toStorage.destination()).isEmpty();
        assertThat(server.requests()).extracting(Request::path).contains(
                DemoTenant.DIAGNOSTIC_SETTINGS, DemoTenant.WORKSPACE);
    }

    @Test
    void logging_listRefused_isAWarningAndNotCollected() {
        AzureLoggingResult result = collector(request -> request.path().endsWith("/diagnosticSettings")
                ? Reply.json(403, resource("/arm/error-authorization-failed.json")) : null, false).build()
                .logging(SUB, List.of(ActivityData.WORKSPACE));

        assertThat(result.logging()).isEqualTo(LoggingPosture.NOT_COLLECTED);
        assertThat(result.warnings()).singleElement().asString()
                .contains("diagnostic settings of subscription " + SUB, "HTTP 403 AuthorizationFailed",
                        "Microsoft.Insights/diagnosticSettings/read");
    }

    @Test
    void logging_workspaceUnreadable_comparesByArmIdAndWarns() {
        AzureLoggingResult result = collector(request -> request.path().endsWith("/law-scalewatch")
                ? Reply.json(403, resource("/arm/error-authorization-failed.json")) : null, false).build()
                .logging(SUB, List.of(ActivityData.WORKSPACE));

        assertThat(result.logging().sources().get(0).destination()).isEqualTo(DemoTenant.WORKSPACE);
        assertThat(result.warnings()).singleElement().asString().contains("workspace " + DemoTenant.WORKSPACE,
                "not read");
    }

    @Test
    void logging_workspaceNotAGuid_isRejected() {
        assertThatThrownBy(() -> collector(none(), false).build().logging(SUB, List.of("law-scalewatch")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workspace must be a GUID");
    }
}
