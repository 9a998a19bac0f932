package io.scalewatch.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.event.EventStatus;
import io.scalewatch.core.event.ResourceRef;
import io.scalewatch.core.identity.IdentityMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AzureActivityNormalizerTest {
    private static final String SUBSCRIPTION = "7f3e2d1c-0b9a-4f8e-8d7c-6b5a4f3e2d1c";
    private static final String TENANT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static final String SP_OBJECT_ID = "3c2b1a09-f8e7-4d6c-9b5a-4f3e2d1c0b9a";
    private static final String APP_ID = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";
    private static final String ADMIN_PASSWORD = "Sup3r-S3cret-VM-P@ssw0rd!";
    private static final String CUSTOM_DATA = "I2Nsb3VkLWNvbmZpZwpydW5jbWQ6CiAgLSBjdXJsIC1zIGh0dHBzOi8vZXZpbC5l"
            + "eGFtcGxlL21pbmVyLnNoIHwgYmFzaA==";

    private final Fixtures.Read records = Fixtures.read("azure/activity-records.json");
    private final Fixtures.Read table = Fixtures.read("azure/logs-query-response.json");
    private final Fixtures.Read kube = Fixtures.read("azure/aks-kube-audit.json");
    private final Fixtures.Read trimmed = Fixtures.read("azure/trimmed-records.jsonl");

    @Test
    void read_recordsEnvelope_normalizesEveryRecord() {
        assertThat(records.quarantined()).isEmpty();
        assertThat(records.counts().azure()).isEqualTo(new ReadCounts.Counts(5, 5, 0));
        assertThat(records.events()).extracting(AuditEvent::status).containsExactly(EventStatus.IN_PROGRESS,
                EventStatus.SUCCESS, EventStatus.FAILURE, EventStatus.IN_PROGRESS, EventStatus.SUCCESS);
    }

    @Test
    void normalize_servicePrincipalRecord_mapsEveryField() {
        AuditEvent start = records.events().get(0);

        assertThat(start.time()).isEqualTo(Instant.parse("2026-11-20T10:15:31.4419572Z"));
        assertThat(start.cloud().provider()).isEqualTo(CloudProvider.AZURE);
        assertThat(start.cloud().account()).isEqualTo(SUBSCRIPTION);
        assertThat(start.cloud().region()).isEqualTo("global");
        assertThat(start.actor().principal()).isEqualTo(SP_OBJECT_ID);
        assertThat(start.actor().appId()).isEqualTo(APP_ID);
        assertThat(start.actor().type()).isEqualTo("ServicePrincipal");
        assertThat(start.actor().account()).isEqualTo(TENANT);
        assertThat(start.api().service()).isEqualTo("MICROSOFT.COMPUTE");
        assertThat(start.api().operation()).isEqualTo("MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE");
        assertThat(start.api().action()).isEqualTo("microsoft.compute/virtualmachines/write");
        assertThat(start.api().request().at("/requestbody/properties/hardwareProfile/vmSize").asText())
                .isEqualTo("Standard_NC24ads_A100_v4");
        assertThat(start.api().request().path("eventCategory").asText()).isEqualTo("Administrative");
        assertThat(start.srcEndpoint().ip()).isEqualTo("20.42.65.90");
        assertThat(start.resources()).containsExactly(new ResourceRef("MICROSOFT.COMPUTE/VIRTUALMACHINES",
                "/SUBSCRIPTIONS/7F3E2D1C-0B9A-4F8E-8D7C-6B5A4F3E2D1C/RESOURCEGROUPS/PROD-AKS-NODES/PROVIDERS/"
                        + "MICROSOFT.COMPUTE/VIRTUALMACHINES/AKS-GPU-7F3B9E"));
        assertThat(start.status()).isEqualTo(EventStatus.IN_PROGRESS);
        assertThat(start.metadata().logSource()).isEqualTo("azure_activity");
        assertThat(start.metadata().readOnly()).isFalse();
    }

    @Test
    void normalize_servicePrincipal_matchesObjectIdAndAppId() {
        AuditEvent start = records.events().get(0);

        assertThat(IdentityMatcher.parse(SP_OBJECT_ID).matches(start)).isTrue();
        assertThat(IdentityMatcher.parse(APP_ID.toUpperCase()).matches(start)).isTrue();
        assertThat(IdentityMatcher.parse("0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d").matches(start)).isFalse();
    }

    @Test
    void normalize_recordWithoutEventDataId_usesStableHashPerRecord() {
        Fixtures.Read again = Fixtures.read("azure/activity-records.json");

        assertThat(records.events()).extracting(e -> e.metadata().uid())
                .allMatch(uid -> uid.matches("sha256:[0-9a-f]{64}"))
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(again.events().stream().map(e -> e.metadata().uid()).toList());
    }

    @Test
    void normalize_responseBody_parsedIntoResponseAndRedacted() {
        AuditEvent success = records.events().get(1);

        assertThat(success.status()).isEqualTo(EventStatus.SUCCESS);
        assertThat(success.api().response().at("/properties/provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(success.api().response().at("/properties/osProfile/adminPassword/redacted").asBoolean()).isTrue();
        assertThat(success.api().request().has("responseBody")).isFalse();
    }

    @Test
    void normalize_failure_errorFromStatusCodeAndStatusMessage() {
        AuditEvent denied = records.events().get(2);

        assertThat(denied.status()).isEqualTo(EventStatus.FAILURE);
        assertThat(denied.api().error().code()).isEqualTo("Forbidden");
        assertThat(denied.api().error().message()).startsWith("AuthorizationFailed: The client '" + SP_OBJECT_ID);
        assertThat(denied.cloud().account()).isEqualTo(SUBSCRIPTION);
        assertThat(denied.resources()).extracting(ResourceRef::type)
                .containsExactly("Microsoft.Authorization/roleAssignments");
    }

    @Test
    void normalize_userRead_isUserAndReadOnly() {
        AuditEvent read = records.events().get(4);

        assertThat(read.actor().principal()).isEqualTo("0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d");
        assertThat(read.actor().type()).isEqualTo("User");
        assertThat(read.actor().appId()).isEqualTo("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
        assertThat(read.metadata().readOnly()).isTrue();
    }

    @Test
    void normalize_vmSecrets_redactedInRequestAndResponse() {
        AuditEvent start = records.events().get(0);
        JsonNode osProfile = start.api().request().at("/requestbody/properties/osProfile");

        assertThat(osProfile.path("adminUsername").asText()).isEqualTo("azureuser");
        assertThat(osProfile.at("/adminPassword/redacted").asBoolean()).isTrue();
        assertThat(osProfile.at("/adminPassword/length").asInt()).isEqualTo(ADMIN_PASSWORD.length());
        assertThat(osProfile.at("/customData/redacted").asBoolean()).isTrue();
        JsonNode extension = records.events().get(3).api().request().at("/requestbody/properties");
        assertThat(extension.at("/protectedSettings/redacted").asBoolean()).isTrue();
        assertThat(extension.at("/settings/fileUris/0").asText()).endsWith("/scripts/bootstrap.sh");
        for (AuditEvent event : allEvents()) {
            assertThat(Fixtures.policyJson(event)).doesNotContain(ADMIN_PASSWORD).doesNotContain(CUSTOM_DATA)
                    .doesNotContain("dGhpc2lzYXN0b3JhZ2VhY2NvdW50a2V5ZXhhbXBsZQ==").doesNotContain("echo $STORAGE_KEY")
                    .doesNotContain("cVFYOH5hYmNkZWYxMjM0NTY3ODkwX2V4YW1wbGVfc2VjcmV0")
                    .doesNotContain("castai-api-key-0123456789abcdef");
        }
    }

    @Test
    void read_logsQueryResponse_normalizesAzureActivityRows() {
        assertThat(table.quarantined()).isEmpty();
        assertThat(table.counts().azure()).isEqualTo(new ReadCounts.Counts(3, 3, 0));
        AuditEvent vmss = table.event("7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918");

        assertThat(vmss.time()).isEqualTo(Instant.parse("2026-11-20T10:25:13.877Z"));
        assertThat(vmss.cloud().account()).isEqualTo(SUBSCRIPTION);
        assertThat(vmss.actor().principal()).isEqualTo(SP_OBJECT_ID);
        assertThat(vmss.actor().type()).isEqualTo("ServicePrincipal");
        assertThat(vmss.actor().appId()).isEqualTo(APP_ID);
        assertThat(vmss.actor().account()).isEqualTo(TENANT);
        assertThat(vmss.api().service()).isEqualTo("MICROSOFT.COMPUTE");
        assertThat(vmss.api().action()).isEqualTo("microsoft.compute/virtualmachinescalesets/write");
        assertThat(vmss.api().request().at("/requestbody/sku/name").asText()).isEqualTo("Standard_ND96asr_v4");
        JsonNode osProfile = vmss.api().request().at("/requestbody/properties/virtualMachineProfile/osProfile");
        assertThat(osProfile.at("/adminPassword/redacted").asBoolean()).isTrue();
        assertThat(vmss.srcEndpoint().ip()).isEqualTo("20.42.65.90");
        assertThat(vmss.status()).isEqualTo(EventStatus.SUCCESS);
        assertThat(vmss.resources()).extracting(ResourceRef::type)
                .containsExactly("MICROSOFT.COMPUTE/VIRTUALMACHINESCALESETS");
    }

    @Test
    void read_logsQueryFailedRow_errorFromSubstatusAndMessage() {
        AuditEvent delete = table.event("8f7e6d5c-4b3a-4291-8f7e-6d5c4b3a2919");

        assertThat(delete.status()).isEqualTo(EventStatus.FAILURE);
        assertThat(delete.api().error().code()).isEqualTo("Forbidden");
        assertThat(delete.api().error().message()).startsWith("AuthorizationFailed: ");
        assertThat(delete.api().action()).isEqualTo("microsoft.containerservice/managedclusters/agentpools/delete");
    }

    @Test
    void read_logsQueryUserRow_principalIsObjectIdNotCaller() {
        AuditEvent delete = table.event("9a8f7e6d-5c4b-43a2-9180-7f6e5d4c3b2a");

        assertThat(delete.actor().principal()).isEqualTo("0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d");
        assertThat(delete.actor().type()).isEqualTo("User");
        assertThat(delete.api().action()).isEqualTo("microsoft.insights/diagnosticsettings/delete");
        assertThat(delete.resources()).extracting(ResourceRef::type)
                .containsExactly("microsoft.insights/diagnosticSettings");
    }

    @Test
    void records_logsQueryDocument_splitsRowsIntoObjects() throws IOException {
        JsonNode document = Fixtures.MAPPER.readTree(Files.readString(Fixtures.path("azure/logs-query-response.json")));

        List<JsonNode> rows = AzureActivityNormalizer.records(document);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("OperationNameValue").asText())
                .isEqualTo("MICROSOFT.COMPUTE/VIRTUALMACHINESCALESETS/WRITE");
        assertThat(Fixtures.policyJson(AzureActivityNormalizer.create().normalize(rows.get(0))))
                .isEqualTo(Fixtures.policyJson(table.events().get(0)));
    }

    @Test
    void read_kubeAudit_mapsKubernetesEvent() {
        assertThat(kube.quarantined()).isEmpty();
        AuditEvent exec = kube.event("5f1c2d3e-4a5b-4c6d-9e7f-8a9b0c1d2e3f");

        assertThat(exec.time()).isEqualTo(Instant.parse("2026-11-20T10:40:01.1234567Z"));
        assertThat(exec.cloud().account()).isEqualTo(SUBSCRIPTION);
        assertThat(exec.actor().principal()).isEqualTo("system:serviceaccount:castai-agent:castai-cluster-controller");
        assertThat(exec.actor().type()).isEqualTo("KubernetesServiceAccount");
        assertThat(exec.api().service()).isEqualTo("k8s.io");
        assertThat(exec.api().action()).isEqualTo("k8s.pods.exec.create");
        assertThat(exec.srcEndpoint().ip()).isEqualTo("10.224.0.17");
        assertThat(exec.srcEndpoint().userAgent()).isEqualTo("castai-cluster-controller/v0.53.1 (linux/amd64)");
        assertThat(exec.status()).isEqualTo(EventStatus.SUCCESS);
        assertThat(exec.resources()).containsExactly(
                new ResourceRef("pods", "k8s/kube-system/pods/coredns-5d8f7c6b9-abcde/exec"),
                new ResourceRef("MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS", "/SUBSCRIPTIONS/7F3E2D1C-0B9A-4F8E-8D7C-"
                        + "6B5A4F3E2D1C/RESOURCEGROUPS/PROD-AKS/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS"
                        + "/PROD"));
        assertThat(kube.events()).extracting(e -> e.api().action()).containsExactly("k8s.pods.exec.create",
                "k8s.clusterrolebindings.create", "k8s.certificatesigningrequests.approval.update",
                "k8s.secrets.create", "k8s.secrets.list");
    }

    @Test
    void read_kubeAuditClusterRoleBinding_requestIsRequestObject() {
        AuditEvent binding = kube.event("6a2d3e4f-5b6c-4d7e-8f9a-0b1c2d3e4f5a");

        assertThat(binding.api().request().at("/roleRef/name").asText()).isEqualTo("cluster-admin");
        assertThat(binding.resources().get(0)).isEqualTo(new ResourceRef("clusterrolebindings",
                "k8s//clusterrolebindings/castai-escalate"));
    }

    @Test
    void read_kubeAuditSecretCreate_redactsSecretData() {
        AuditEvent secret = kube.event("8c4f5a6b-7d8e-4f9a-8b1c-2d3e4f5a6b7c");

        assertThat(secret.api().request().at("/data/redacted").asBoolean()).isTrue();
        assertThat(secret.api().request().at("/stringData/redacted").asBoolean()).isTrue();
        assertThat(secret.api().request().at("/metadata/name").asText()).isEqualTo("castai-cloud-credentials");
    }

    @Test
    void read_kubeAuditForbidden_isFailureAndReadOnly() {
        AuditEvent list = kube.event("9d5a6b7c-8e9f-4a0b-9c2d-3e4f5a6b7c8d");

        assertThat(list.status()).isEqualTo(EventStatus.FAILURE);
        assertThat(list.api().error().code()).isEqualTo("403");
        assertThat(list.api().error().message()).startsWith("secrets is forbidden");
        assertThat(list.metadata().readOnly()).isTrue();
        assertThat(list.resources().get(0).uid()).isEqualTo("k8s/kube-system/secrets");
    }

    @ParameterizedTest
    @CsvSource({
        "Success, SUCCESS", "Succeeded, SUCCESS", "Failure, FAILURE", "Failed, FAILURE", "Start, IN_PROGRESS",
        "Started, IN_PROGRESS", "Accept, IN_PROGRESS", "Accepted, IN_PROGRESS", "Active, IN_PROGRESS",
        "In Progress, IN_PROGRESS", "Canceled, FAILURE", "Resolved, SUCCESS"})
    void normalize_resultType_mapsToStatus(String resultType, EventStatus status) {
        AuditEvent event = AzureActivityNormalizer.create().normalize(Fixtures.json("""
            {"time":"2026-11-20T10:00:00Z","operationName":"Microsoft.Compute/virtualMachines/delete",
             "resultType":"%s","resourceId":"/subscriptions/%s/resourceGroups/rg"}"""
                .formatted(resultType, SUBSCRIPTION)));

        assertThat(event.status()).isEqualTo(status);
    }

    @Test
    void normalize_unknownResultType_rejectedNamingValidValues() {
        assertThatThrownBy(() -> AzureActivityNormalizer.create().normalize(Fixtures.json("""
            {"time":"2026-11-20T10:00:00Z","operationName":"Microsoft.Compute/virtualMachines/delete",
             "resultType":"Maybe"}""")))
                .isInstanceOf(InvalidAuditRecordException.class)
                .hasMessageStartingWith("status 'Maybe' is not an Activity Log status; valid: Started")
                .extracting(e -> ((InvalidAuditRecordException) e).kind()).isEqualTo(QuarantineKind.INVALID_VALUE);
    }

    @Test
    void normalize_restApiEventData_unwrapsValueObjects() {
        AuditEvent event = AzureActivityNormalizer.create().normalize(Fixtures.json("""
            {"caller":"%s","claims":{"appid":"%s"},"eventDataId":"44ade6b4-3813-45e6-ae27-7420a95fa2f8",
             "eventTimestamp":"2026-11-20T10:05:00.1234567Z",
             "operationName":{"value":"Microsoft.Compute/virtualMachines/deallocate/action",
                              "localizedValue":"Deallocate VM"},
             "status":{"value":"Succeeded","localizedValue":"Succeeded"},"subStatus":{"value":"OK"},
             "httpRequest":{"clientIpAddress":"20.42.65.90","method":"POST"},
             "resourceId":"/subscriptions/%s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
             "tenantId":"%s"}""".formatted(SP_OBJECT_ID, APP_ID, SUBSCRIPTION, TENANT)));

        assertThat(event.api().action()).isEqualTo("microsoft.compute/virtualmachines/deallocate/action");
        assertThat(event.actor().principal()).isEqualTo(SP_OBJECT_ID);
        assertThat(event.actor().type()).isEqualTo("ServicePrincipal");
        assertThat(event.srcEndpoint().ip()).isEqualTo("20.42.65.90");
        assertThat(event.metadata().uid()).isEqualTo("44ade6b4-3813-45e6-ae27-7420a95fa2f8");
        assertThat(event.status()).isEqualTo(EventStatus.SUCCESS);
    }

    @Test
    void normalize_storageLogWithPort_stripsPortAndUsesHttpStatus() {
        AuditEvent event = AzureActivityNormalizer.create().normalize(Fixtures.json("""
            {"time":"2024-12-19T19:15:07.295Z","category":"StorageRead","operationName":"GetBlob","statusCode":409,
             "callerIpAddress":"1.1.1.1:57485","identity":{"type":"SAS","tokenHash":"key1(EXAMPLE_HASH)"},
             "resourceId":"/subscriptions/%s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa",
             "properties":{"userAgentHeader":"python-requests/2.31.0","metricResponseType":"ClientOtherError"}}"""
                .formatted(SUBSCRIPTION)));

        assertThat(event.srcEndpoint().ip()).isEqualTo("1.1.1.1");
        assertThat(event.srcEndpoint().userAgent()).isEqualTo("python-requests/2.31.0");
        assertThat(event.status()).isEqualTo(EventStatus.FAILURE);
        assertThat(event.api().error().code()).isEqualTo("409");
        assertThat(event.api().service()).isEqualTo("Microsoft.Storage");
        assertThat(event.actor().type()).isEqualTo("SAS");
    }

    @Test
    void normalize_unparseableRequestBody_redactedWhole() {
        AuditEvent event = AzureActivityNormalizer.create().normalize(Fixtures.json("""
            {"time":"2026-11-20T10:00:00Z","operationName":"Microsoft.Compute/virtualMachines/write",
             "resultType":"Start",
             "properties":{
               "requestbody":"{\\"properties\\":{\\"osProfile\\":{\\"adminPassword\\":\\"Hunter2-cut-off"}}"""));

        assertThat(event.api().request().at("/requestbody/redacted").asBoolean()).isTrue();
        assertThat(Fixtures.policyJson(event)).doesNotContain("Hunter2");
    }

    private List<AuditEvent> allEvents() {
        return Stream.of(records.events(), table.events(), kube.events()).flatMap(List::stream).toList();
    }

    @Test
    void read_completeFixtures_noIssues() {
        assertThat(Stream.of(records, table, kube).flatMap(r -> r.events().stream()))
                .allSatisfy(e -> assertThat(e.metadata().issues()).as(e.metadata().uid()).isEmpty());
    }

    @Test
    void read_trimmedRecords_everyRecordNormalized() {
        assertThat(trimmed.quarantined()).isEmpty();
        assertThat(trimmed.counts().azure()).isEqualTo(new ReadCounts.Counts(6, 6, 0));
    }

    @Test
    void normalize_activityRecordWithoutTime_undatedWithIssues() {
        AuditEvent event = trimmed.events().stream()
                .filter(e -> e.api().action().equals("microsoft.compute/virtualmachines/write")
                        && e.metadata().uid().startsWith("sha256:"))
                .findFirst().orElseThrow();

        assertThat(event.dated()).isFalse();
        assertThat(event.api().service()).isEqualTo("Microsoft.Compute");
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.NO_EVENT_TIME,
                NormalizationIssues.NO_PRINCIPAL);
    }

    @Test
    void normalize_kubeAuditWithoutRecordTime_timeFromRequestReceivedTimestamp() {
        AuditEvent event = trimmed.event("kube-received");

        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-20T10:50:00.000001Z"));
        assertThat(event.api().action()).isEqualTo("k8s.pods.create");
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.TIME_FROM_REQUEST_RECEIVED);
    }

    @Test
    void normalize_kubeAuditWithOnlyStageTimestamp_timeFromStageTimestamp() {
        AuditEvent event = trimmed.event("kube-stage");

        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-20T10:51:00.5Z"));
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.TIME_FROM_STAGE_TIMESTAMP);
    }

    @Test
    void normalize_kubeAuditWithoutAnyTimeIdOrUser_undatedWithIssues() {
        AuditEvent event = trimmed.events().stream().filter(e -> e.api().action().equals("k8s.secrets.get"))
                .findFirst().orElseThrow();

        assertThat(event.time()).isEqualTo(AuditEvent.UNDATED);
        assertThat(event.srcEndpoint().ip()).isEqualTo("1.2.3.4");
        assertThat(event.metadata().readOnly()).isTrue();
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.NO_EVENT_TIME,
                NormalizationIssues.NO_PRINCIPAL, NormalizationIssues.NO_EVENT_ID);
    }

    @Test
    void normalize_propertiesTextNotJson_droppedWithIssue() {
        AuditEvent event = trimmed.event("az-properties-text");

        assertThat(event.api().action()).isEqualTo("microsoft.compute/virtualmachines/delete");
        assertThat(event.api().request().isMissingNode()).isTrue();
        assertThat(event.actor().principal()).isEqualTo("6f1e2c3d-0000-4a5b-9c8d-112233445566");
        assertThat(event.srcEndpoint().ip()).isEmpty();
        assertThat(event.metadata().issues()).containsExactlyInAnyOrder(NormalizationIssues.PROPERTIES_DROPPED,
                NormalizationIssues.CALLER_IP_ADDRESS_DROPPED);
    }

    @Test
    void normalize_logsQueryRowWithoutTimeGenerated_timeFromSubmissionAndCutPropertiesDropped() {
        AuditEvent event = trimmed.event("az-row-submission");

        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-20T11:00:05.1Z"));
        assertThat(event.api().request().isMissingNode()).isTrue();
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.PROPERTIES_DROPPED,
                NormalizationIssues.TIME_FROM_EVENT_SUBMISSION);
    }

    @Test
    void normalize_operationNameNumber_rejectedAsWrongType() {
        assertThatThrownBy(() -> AzureActivityNormalizer.create().normalize(Fixtures.json("""
            {"time":"2026-11-20T10:00:00Z","operationName":42,"resultType":"Success"}""")))
                .isInstanceOf(InvalidAuditRecordException.class)
                .extracting(e -> ((InvalidAuditRecordException) e).kind()).isEqualTo(QuarantineKind.WRONG_TYPE);
    }
}
