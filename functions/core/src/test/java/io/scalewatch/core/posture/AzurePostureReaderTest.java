package io.scalewatch.core.posture;

import static io.scalewatch.core.posture.PostureFixtures.AZURE_SUBSCRIPTION;
import static io.scalewatch.core.posture.PostureFixtures.CASTAI_APP_ID;
import static io.scalewatch.core.posture.PostureFixtures.CASTAI_SP_OBJECT_ID;
import static io.scalewatch.core.posture.PostureFixtures.loader;
import static io.scalewatch.core.posture.PostureFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AzurePostureReaderTest {
    private static final String RG = "/subscriptions/" + AZURE_SUBSCRIPTION + "/resourceGroups/rg-aks-demo";
    private static final String NODE_RG =
            "/subscriptions/" + AZURE_SUBSCRIPTION + "/resourceGroups/MC_rg-aks-demo_aks-demo_westeurope";
    private static final String ASSIGNMENTS = "/providers/Microsoft.Authorization/roleAssignments/";

    private static PostureLoadResult castai(String id) {
        return loader().load(List.of(resource("posture/azure")), IdentityMatcher.parse(id));
    }

    @Test
    void load_castRoleOnBothResourceGroups_givesGrantPerAssignmentAndPermissionBlock() {
        PostureLoadResult result = castai(CASTAI_SP_OBJECT_ID);

        assertThat(result.postures()).hasSize(1);
        Posture posture = result.postures().get(0);
        assertThat(posture.cloud()).isEqualTo(CloudProvider.AZURE);
        assertThat(posture.identity()).isEqualTo(CASTAI_SP_OBJECT_ID);
        assertThat(posture.account()).isEqualTo(AZURE_SUBSCRIPTION);
        assertThat(posture.trust()).isEmpty();
        assertThat(posture.grants()).extracting(Grant::source).containsExactly(
                RG + ASSIGNMENTS + "7c1f5e2a-0a1b-4c2d-9e3f-4a5b6c7d8e01",
                NODE_RG + ASSIGNMENTS + "7c1f5e2a-0a1b-4c2d-9e3f-4a5b6c7d8e02",
                RG + ASSIGNMENTS + "7c1f5e2a-0a1b-4c2d-9e3f-4a5b6c7d8e03");
        assertThat(posture.grants()).extracting(Grant::resources)
                .containsExactly(List.of(RG), List.of(NODE_RG), List.of(RG));
        Grant cast = posture.grants().get(0);
        assertThat(cast.role()).isEqualTo("CastAKSRole-demo");
        assertThat(cast.effect()).isEqualTo(Grant.Effect.ALLOW);
        assertThat(cast.actions()).contains("Microsoft.Compute/virtualMachines/*",
                "Microsoft.Compute/virtualMachineScaleSets/*",
                "Microsoft.ContainerService/managedClusters/agentPools/*",
                "Microsoft.ContainerService/managedClusters/runCommand/action",
                "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action", "Microsoft.Resources/tags/write");
        assertThat(cast.notActions()).isEmpty();
        assertThat(cast.conditions().isEmpty()).isTrue();
        assertThat(result.warnings()).isEmpty();
        assertThat(result.unresolved()).isEmpty();
    }

    @Test
    void load_conditionalDataRole_mergesDataActionsAndKeepsConditionExpression() {
        Grant blob = castai(CASTAI_SP_OBJECT_ID).postures().get(0).grants().get(2);

        assertThat(blob.role()).isEqualTo("Storage Blob Data Reader");
        assertThat(blob.actions()).containsExactly("Microsoft.Storage/storageAccounts/blobServices/containers/read",
                "Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action",
                "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read");
        assertThat(blob.conditions().size()).isEqualTo(1);
        assertThat(blob.conditions().path("expression").asText()).startsWith("((!(ActionMatches{")
                .endsWith("StringEquals 'castai-snapshots'))");
    }

    @Test
    void load_servicePrincipalAndApplication_giveCertificateAndSecretWithExpiryStatus() {
        Posture posture = castai(CASTAI_SP_OBJECT_ID).postures().get(0);

        assertThat(posture.credentials()).containsExactly(
                new Credential("certificate", "1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e4f5",
                        Instant.parse("2024-05-07T10:14:00Z"), "Inactive"),
                new Credential("client_secret", "8a9b0c1d-2e3f-4a5b-9c6d-7e8f9a0b1c2d",
                        Instant.parse("2026-02-10T09:30:00Z"), "Active"));
        assertThat(posture.source()).contains("role-assignments.json", "service-principal.json", "application.json");
    }

    @Test
    void load_appIdInUpperCase_selectsTheSameServicePrincipal() {
        PostureLoadResult result = castai(CASTAI_APP_ID.toUpperCase(Locale.ROOT));

        assertThat(result.postures()).extracting(Posture::identity).containsExactly(CASTAI_SP_OBJECT_ID);
        assertThat(result.postures().get(0).grants()).hasSize(3);
    }

    @Test
    void load_otherPrincipal_getsOnlyItsOwnAssignment() {
        PostureLoadResult result = castai("e8d7c6b5-a4f3-4e2d-9c1b-0a9f8e7d6c5b");

        assertThat(result.postures()).singleElement().satisfies(p -> {
            assertThat(p.grants()).singleElement().satisfies(g -> {
                assertThat(g.role()).isEqualTo("Reader");
                assertThat(g.actions()).containsExactly("*/read");
                assertThat(g.resources()).containsExactly("/subscriptions/" + AZURE_SUBSCRIPTION);
            });
            assertThat(p.credentials()).isEmpty();
        });
    }

    @Test
    void load_allPrincipals_givesServicePrincipalAndUser() {
        PostureLoadResult result = loader().load(List.of(resource("posture/azure")), IdentityMatcher.all());

        assertThat(result.postures()).extracting(Posture::identity)
                .containsExactly(CASTAI_SP_OBJECT_ID, "e8d7c6b5-a4f3-4e2d-9c1b-0a9f8e7d6c5b");
    }

    @Test
    void load_armShapes_splitsBySubscriptionAddsManagementGroupGrantsAndReportsMissingDefinition() {
        PostureLoadResult result = loader().load(List.of(resource("posture-cases/azure-arm")),
                IdentityMatcher.parse(CASTAI_SP_OBJECT_ID));

        assertThat(result.postures()).extracting(Posture::account)
                .containsExactly("3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e", "0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d");
        assertThat(result.postures()).extracting(Posture::identity).containsOnly(CASTAI_SP_OBJECT_ID);
        String mg = "/providers/Microsoft.Management/managementGroups/platform";
        Posture first = result.postures().get(0);
        assertThat(first.grants()).extracting(g -> g.resources().get(0)).containsExactly(
                "/subscriptions/3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e/resourceGroups/rg-a",
                "/subscriptions/3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e/resourceGroups/rg-a", mg, mg);
        Grant vm = first.grants().get(0);
        assertThat(vm.role()).isEqualTo("Virtual Machine Contributor");
        assertThat(vm.notActions()).containsExactly("Microsoft.Compute/virtualMachines/runCommand/action");
        Grant login = first.grants().get(1);
        assertThat(login.actions()).containsExactly("Microsoft.Compute/virtualMachines/login/action");
        assertThat(login.notActions()).containsExactly("Microsoft.Compute/virtualMachines/loginAsAdmin/action");
        Posture second = result.postures().get(1);
        assertThat(second.grants()).hasSize(4);
        assertThat(second.grants().get(0).conditions().path("expression").asText())
                .isEqualTo("@Resource[Microsoft.Compute/virtualMachines:tags:owner] StringEquals 'castai'");
        assertThat(result.unresolved()).containsExactly(
                "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c");
        assertThat(result.warnings()).singleElement().asString()
                .contains("b24988ac-6180-42a0-ab88-20f7382dd24c", "not in the files");
    }
}
