package io.scalewatch.core.posture;

import static io.scalewatch.core.posture.PostureFixtures.CASTAI_SA;
import static io.scalewatch.core.posture.PostureFixtures.loader;
import static io.scalewatch.core.posture.PostureFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcpPostureReaderTest {
    private static final String PROJECT = "projects/demo-project";
    private static final String CUSTOM_ROLE = "projects/demo-project/roles/castai.gkeAccess";
    private static final String SA_RESOURCE = "projects/demo-project/serviceAccounts/" + CASTAI_SA;

    private static PostureLoadResult castai() {
        return loader().load(List.of(resource("posture/gcp")), IdentityMatcher.parse(CASTAI_SA));
    }

    @Test
    void load_projectPolicy_castaiGetsOneGrantPerBindingWithRolePermissions() {
        PostureLoadResult result = castai();

        assertThat(result.postures()).hasSize(1);
        Posture posture = result.postures().get(0);
        assertThat(posture.cloud()).isEqualTo(CloudProvider.GCP);
        assertThat(posture.identity()).isEqualTo(CASTAI_SA);
        assertThat(posture.account()).isEqualTo("demo-project");
        assertThat(posture.boundary().present()).isFalse();
        assertThat(posture.grants()).extracting(Grant::role).containsExactly("roles/container.developer",
                "roles/iam.serviceAccountUser", "roles/storage.objectViewer", CUSTOM_ROLE);
        assertThat(posture.grants()).extracting(Grant::source).containsExactly(
                PROJECT + "#roles/container.developer", PROJECT + "#roles/iam.serviceAccountUser",
                PROJECT + "#roles/storage.objectViewer", PROJECT + "#" + CUSTOM_ROLE);
        assertThat(posture.grants()).allSatisfy(grant -> {
            assertThat(grant.effect()).isEqualTo(Grant.Effect.ALLOW);
            assertThat(grant.resources()).containsExactly(PROJECT);
            assertThat(grant.notActions()).isEmpty();
        });
        assertThat(posture.grants().get(1).actions()).containsExactly("iam.serviceAccounts.actAs",
                "iam.serviceAccounts.get", "iam.serviceAccounts.list", "resourcemanager.projects.get",
                "resourcemanager.projects.list");
        assertThat(posture.grants().get(0).actions()).contains("container.pods.exec", "container.secrets.get");
        Grant custom = posture.grants().get(3);
        assertThat(custom.actions()).hasSize(39).contains("compute.instances.create", "compute.instances.delete",
                "compute.instances.setMetadata", "compute.instances.setServiceAccount",
                "container.certificateSigningRequests.approve", "resourcemanager.projects.getIamPolicy");
        assertThat(custom.conditions().isEmpty()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.unresolved()).isEmpty();
    }

    @Test
    void load_conditionalBinding_keepsTitleAndExpression() {
        Grant storage = castai().postures().get(0).grants().get(2);

        assertThat(storage.conditions().path("title").asText()).isEqualTo("castai snapshots bucket only");
        assertThat(storage.conditions().path("expression").asText())
                .isEqualTo("resource.name.startsWith(\"projects/_/buckets/castai-demo-snapshots\")");
    }

    @Test
    void load_trust_listsWhoMayActAsTheAccountButNotItself() {
        Posture posture = castai().postures().get(0);

        assertThat(posture.trust()).extracting(TrustStatement::source).containsExactly(
                PROJECT + "#roles/editor", PROJECT + "#roles/iam.serviceAccountTokenCreator", PROJECT + "#roles/owner",
                SA_RESOURCE + "#roles/iam.serviceAccountTokenCreator", SA_RESOURCE + "#roles/iam.workloadIdentityUser");
        assertThat(posture.trust()).extracting(TrustStatement::principals).containsExactly(
                List.of("serviceAccount:480137261949-compute@developer.gserviceaccount.com",
                        "serviceAccount:480137261949@cloudservices.gserviceaccount.com"),
                List.of("user:oncall@example.com"),
                List.of("user:alice@example.com"),
                List.of("user:platform-admin@example.com"),
                List.of("serviceAccount:demo-project.svc.id.goog[castai-agent/castai-agent]"));
        TrustStatement oncall = posture.trust().get(1);
        assertThat(oncall.actions()).containsExactly("roles/iam.serviceAccountTokenCreator");
        assertThat(oncall.conditions().path("expression").asText())
                .isEqualTo("request.time < timestamp(\"2026-12-31T00:00:00Z\")");
        // castai holds serviceAccountUser on the project; acting as itself is no trust relation.
        assertThat(posture.trust()).noneMatch(t -> t.actions().contains("roles/iam.serviceAccountUser"));
    }

    @Test
    void load_keys_userManagedOnlyWithActiveAndDisabledStatus() {
        Posture posture = castai().postures().get(0);

        assertThat(posture.credentials()).containsExactly(
                new Credential("service_account_key", "3f9c1b7a2e6d4c8b9a0f1e2d3c4b5a6978877665",
                        Instant.parse("2024-05-06T08:22:03Z"), "Active"),
                new Credential("service_account_key", "0f1e2d3c4b5a69788796a5b4c3d2e1f001122334",
                        Instant.parse("2024-01-15T12:00:00Z"), "Inactive"));
    }

    @Test
    void load_allPrincipals_givesEveryMemberAndReportsUndefinedRoles() {
        PostureLoadResult result = loader().load(List.of(resource("posture/gcp")), IdentityMatcher.all());

        assertThat(result.postures()).extracting(Posture::identity).containsExactly(
                CASTAI_SA, "service-480137261949@container-engine-robot.iam.gserviceaccount.com",
                "480137261949-compute@developer.gserviceaccount.com", "480137261949@cloudservices.gserviceaccount.com",
                "oncall@example.com", "alice@example.com", "platform-admin@example.com",
                "demo-project.svc.id.goog[castai-agent/castai-agent]");
        assertThat(result.unresolved()).containsExactlyInAnyOrder("roles/container.serviceAgent", "roles/editor",
                "roles/iam.serviceAccountTokenCreator", "roles/owner", "roles/iam.workloadIdentityUser");
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w)
                .contains("roles/owner", "user:alice@example.com", "no definition", "gcloud iam roles describe"));
    }

    @Test
    void load_otherServiceAccount_doesNotSeeCastaiGrants() {
        PostureLoadResult result = loader().load(List.of(resource("posture/gcp")),
                IdentityMatcher.parse("480137261949-compute@developer.gserviceaccount.com"));

        assertThat(result.postures()).singleElement().satisfies(p -> {
            assertThat(p.grants()).isEmpty();
            assertThat(p.credentials()).isEmpty();
            assertThat(p.account()).isEqualTo("demo-project");
        });
        assertThat(result.unresolved()).containsExactly("roles/editor");
    }

    @Test
    void load_assetInventoryList_readsFullResourceNamesFolderBindingsAndUnresolvedRoles() {
        PostureLoadResult result =
                loader().load(List.of(resource("posture-cases/gcp-asset")), IdentityMatcher.parse(CASTAI_SA));

        Posture posture = result.postures().get(0);
        assertThat(posture.account()).isEqualTo("demo-project");
        assertThat(posture.grants()).singleElement().satisfies(grant -> {
            assertThat(grant.source()).isEqualTo(PROJECT + "#roles/iam.serviceAccountUser");
            assertThat(grant.resources()).containsExactly(PROJECT);
        });
        assertThat(result.unresolved()).containsExactly("roles/compute.instanceAdmin.v1", "roles/logging.configWriter");
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w)
                .contains("roles/compute.instanceAdmin.v1", "without includedPermissions", "view=FULL"));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w)
                .contains("roles/logging.configWriter", "folders/123456789012"));
        // Project-wide serviceAccountUser and a folder-level token creator may act as it; a binding on
        // another project may not.
        assertThat(posture.trust()).extracting(TrustStatement::principals).containsExactly(
                List.of("group:platform@example.com"), List.of("user:bob@example.com"));
        assertThat(posture.credentials()).singleElement()
                .satisfies(key -> assertThat(key.status()).isEqualTo("Inactive"));
    }

    @Test
    void resourceFromFileName_conventionalNames_giveResources() {
        assertThat(GcpPostureReader.resourceFromFileName("dir/projects_demo-project.json"))
                .isEqualTo("projects/demo-project");
        assertThat(GcpPostureReader.resourceFromFileName("organizations_123.json")).isEqualTo("organizations/123");
        assertThat(GcpPostureReader.resourceFromFileName("projects_p_serviceAccounts_a@p.iam.gserviceaccount.com.json"))
                .isEqualTo("projects/p/serviceAccounts/a@p.iam.gserviceaccount.com");
        assertThat(GcpPostureReader.resourceFromFileName("serviceAccounts_a@p.iam.gserviceaccount.com.json"))
                .isEqualTo("projects/-/serviceAccounts/a@p.iam.gserviceaccount.com");
    }

    @Test
    void load_barePolicyWithoutResourceInName_throwsNamingTheFile() {
        assertThatThrownBy(() -> loader().load(List.of(resource("posture-cases/malformed/gcp-policy.json")),
                        IdentityMatcher.all()))
                .isInstanceOf(PostureFileException.class)
                .hasMessageContaining("gcp-policy.json: a bare GCP IAM policy does not say which resource")
                .hasMessageContaining("projects_<id>.json");
    }
}
