package io.scalewatch.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.event.EventStatus;
import io.scalewatch.core.event.PermissionCheck;
import io.scalewatch.core.event.ResourceRef;
import io.scalewatch.core.identity.IdentityMatcher;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GcpAuditLogNormalizerTest {
    private static final String SA = "castai-gke-tf-7d1c3a52@prod-platform-4821.iam.gserviceaccount.com";
    private static final String KEY = "//iam.googleapis.com/projects/prod-platform-4821/serviceAccounts/" + SA
            + "/keys/3f1b2c9d8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c";

    private final Fixtures.Read export = Fixtures.read("gcp/audit-export.json");
    private final Fixtures.Read trimmed = Fixtures.read("gcp/trimmed-entries.jsonl");

    @Test
    void read_exportArray_normalizesEveryEntry() {
        assertThat(export.quarantined()).isEmpty();
        assertThat(export.counts().gcp()).isEqualTo(new ReadCounts.Counts(8, 8, 0));
        assertThat(export.events()).extracting(e -> e.api().action()).containsExactly(
                "compute.instances.insert", "compute.instances.setMetadata", "compute.instances.delete",
                "io.k8s.core.v1.pods.exec.create", "compute.firewalls.insert",
                "google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion",
                "google.logging.v2.ConfigServiceV2.DeleteSink", "SetIamPolicy");
    }

    @Test
    void read_jsonLinesExport_equalsArrayExport() {
        Fixtures.Read lines = Fixtures.read("gcp/audit-export.jsonl");

        assertThat(lines.quarantined()).isEmpty();
        assertThat(lines.events()).extracting(Fixtures::policyJson)
                .containsExactlyElementsOf(export.events().stream().map(Fixtures::policyJson).toList());
    }

    @Test
    void normalize_instanceInsertWithKey_mapsEveryField() {
        AuditEvent insert = export.event("-7k3m2nq1abc");

        assertThat(insert.time()).isEqualTo(Instant.parse("2026-11-20T10:15:31.204918Z"));
        assertThat(insert.cloud().provider()).isEqualTo(CloudProvider.GCP);
        assertThat(insert.cloud().account()).isEqualTo("prod-platform-4821");
        assertThat(insert.cloud().region()).isEqualTo("us-central1-a");
        assertThat(insert.actor().principal()).isEqualTo(SA);
        assertThat(insert.actor().type()).isEqualTo("ServiceAccount");
        assertThat(insert.actor().credentialId()).isEqualTo(KEY);
        assertThat(insert.actor().sourceIdentity()).isEmpty();
        assertThat(insert.actor().account()).isEqualTo("prod-platform-4821");
        assertThat(insert.api().service()).isEqualTo("compute.googleapis.com");
        assertThat(insert.api().operation()).isEqualTo("v1.compute.instances.insert");
        assertThat(insert.api().action()).isEqualTo("compute.instances.insert");
        assertThat(insert.api().request().path("machineType").asText()).endsWith("/machineTypes/a2-highgpu-1g");
        assertThat(insert.api().request().path("guestAccelerators")).hasSize(1);
        assertThat(insert.api().response().path("operationType").asText()).isEqualTo("insert");
        assertThat(insert.srcEndpoint().ip()).isEqualTo("34.107.12.80");
        assertThat(insert.srcEndpoint().userAgent()).startsWith("castai-cluster-controller/v0.53.1");
        assertThat(insert.resources()).containsExactly(new ResourceRef("gce_instance",
                "projects/prod-platform-4821/zones/us-central1-a/instances/gke-prod-castai-gpu-7f3b9e"));
        assertThat(insert.status()).isEqualTo(EventStatus.SUCCESS);
        assertThat(insert.api().error().present()).isFalse();
        assertThat(insert.metadata().uid()).isEqualTo("-7k3m2nq1abc");
        assertThat(insert.metadata().logSource()).isEqualTo("gcp_audit");
        assertThat(insert.metadata().readOnly()).isFalse();
        assertThat(IdentityMatcher.parse(SA).matches(insert)).isTrue();
    }

    @Test
    void normalize_startupScriptAndKubeEnvMetadata_redactsValuesKeepsKeys() {
        AuditEvent insert = export.event("-7k3m2nq1abc");
        AuditEvent setMetadata = export.event("-2v9x8w7u6t5");

        assertThat(insert.api().request().at("/metadata/items/0/value").asText()).isEqualTo("prod");
        assertThat(insert.api().request().at("/metadata/items/1/key").asText()).isEqualTo("startup-script");
        assertThat(insert.api().request().at("/metadata/items/1/value/redacted").asBoolean()).isTrue();
        assertThat(insert.api().request().at("/metadata/items/2/key").asText()).isEqualTo("kube-env");
        assertThat(insert.api().request().at("/metadata/items/2/value/redacted").asBoolean()).isTrue();
        assertThat(setMetadata.api().request().at("/items/0/value/sha256").asText())
                .isEqualTo(insert.api().request().at("/metadata/items/1/value/sha256").asText());
        for (AuditEvent event : export.events()) {
            assertThat(Fixtures.policyJson(event)).doesNotContain("BOOTSTRAP_TOKEN").doesNotContain("KUBELET_KEY")
                    .doesNotContain("k8s-bootstrap-9a8b7c");
        }
    }

    @Test
    void normalize_protoPayloadMetadata_addedToResponse() {
        AuditEvent setMetadata = export.event("-2v9x8w7u6t5");

        assertThat(setMetadata.api().response().path("operationType").asText()).isEqualTo("setMetadata");
        assertThat(setMetadata.api().response().at("/metadata/instanceMetadataDelta/modifiedMetadataKeys/0").asText())
                .isEqualTo("startup-script");
    }

    @Test
    void normalize_serviceData_addedToResponse() {
        AuditEvent setIam = export.event("-m9n8b7v6c5x4");

        assertThat(setIam.api().action()).isEqualTo("SetIamPolicy");
        assertThat(setIam.api().response().at("/serviceData/policyDelta/bindingDeltas/0/role").asText())
                .isEqualTo("roles/owner");
        assertThat(setIam.api().response().path("etag").asText()).isEqualTo("BwYk9zB3d4e=");
    }

    @Test
    void normalize_impersonatedCall_firstDelegateIsSourceIdentity() {
        AuditEvent delete = export.event("-5p4o3i2u1y0");

        assertThat(delete.actor().principal()).isEqualTo(SA);
        assertThat(delete.actor().sourceIdentity()).isEqualTo("ops-oncall@example.com");
        assertThat(delete.actor().credentialId()).isEmpty();
        assertThat(IdentityMatcher.parse(SA).matches(delete)).isTrue();
        assertThat(IdentityMatcher.parse("ops-oncall@example.com").matches(delete)).isTrue();
    }

    @Test
    void normalize_gkeAuditEntry_keepsKubernetesMethodAsAction() {
        AuditEvent exec = export.event("a1b2c3d4e5f6");

        assertThat(exec.api().service()).isEqualTo("k8s.io");
        assertThat(exec.api().action()).isEqualTo("io.k8s.core.v1.pods.exec.create");
        assertThat(exec.cloud().region()).isEqualTo("us-central1");
        assertThat(exec.resources()).containsExactly(new ResourceRef("k8s_cluster",
                "core/v1/namespaces/castai-agent/pods/castai-agent-6d9f8b7c5-q2w3e/exec"));
    }

    @Test
    void normalize_permissionDenied_isFailureWithStatusCode() {
        AuditEvent firewall = export.event("-9z8y7x6w5v4");

        assertThat(firewall.status()).isEqualTo(EventStatus.FAILURE);
        assertThat(firewall.api().error().code()).isEqualTo("7");
        assertThat(firewall.api().error().message()).startsWith("Required 'compute.firewalls.create' permission");
    }

    @Test
    void normalize_dataAccessLog_isReadOnly() {
        AuditEvent access = export.event("1x2y3z4a5b6c");

        assertThat(access.metadata().readOnly()).isTrue();
        assertThat(access.api().request().path("name").asText())
                .isEqualTo("projects/318244910123/secrets/castai-api-token/versions/latest");
    }

    @ParameterizedTest
    @CsvSource({
        "v1.compute.instances.insert, compute.instances.insert",
        "beta.compute.instances.insert, compute.instances.insert",
        "alpha.compute.instances.setMetadata, compute.instances.setMetadata",
        "v1beta1.compute.regionInstanceGroupManagers.resize, compute.regionInstanceGroupManagers.resize",
        "v2.deploymentmanager.deployments.insert, deploymentmanager.deployments.insert",
        "google.logging.v2.ConfigServiceV2.DeleteSink, google.logging.v2.ConfigServiceV2.DeleteSink",
        "io.k8s.core.v1.pods.exec.create, io.k8s.core.v1.pods.exec.create",
        "v1.GetIamPolicy, v1.GetIamPolicy",
        "storage.objects.get, storage.objects.get"})
    void action_methodName_stripsLeadingVersionOnlyBeforeServiceWord(String methodName, String action) {
        assertThat(GcpAuditLogNormalizer.action(methodName)).isEqualTo(action);
    }

    @Test
    void normalize_pantherShapedEntry_toleratesLowercaseKeysAndAtSignType() {
        AuditEvent event = GcpAuditLogNormalizer.create().normalize(Fixtures.json("""
            {"insertid":"-xxxxxxxxxxxx",
             "logname":"projects/test-project-123456/logs/cloudaudit.googleapis.com%2Factivity",
             "p_log_type":"GCP.AuditLog","p_event_time":"2023-05-23 19:19:40.578",
             "protopayload":{"at_sign_type":"type.googleapis.com/google.cloud.audit.AuditLog",
               "authenticationInfo":{"principalSubject":"user:user@domain.com"},
               "methodName":"beta.compute.instances.insert","serviceName":"compute.googleapis.com",
               "requestMetadata":{"callerIP":"12.12.12.12"}},
             "receivetimestamp":"2023-05-23 19:19:41.0"}"""));

        assertThat(event.time()).isEqualTo(Instant.parse("2023-05-23T19:19:41Z"));
        assertThat(event.cloud().account()).isEqualTo("test-project-123456");
        assertThat(event.actor().principal()).isEqualTo("user@domain.com");
        assertThat(event.actor().type()).isEqualTo("User");
        assertThat(event.srcEndpoint().ip()).isEqualTo("12.12.12.12");
        assertThat(event.metadata().uid()).isEqualTo("-xxxxxxxxxxxx");
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.TIME_FROM_RECEIVE_TIMESTAMP);
    }

    @Test
    void normalize_organizationLog_accountIsOrganization() {
        AuditEvent event = GcpAuditLogNormalizer.create().normalize(Fixtures.json("""
            {"insertId":"-yoga2udnx8s","logName":"organizations/888888888888/logs/cloudaudit.googleapis.com%2Factivity",
             "timestamp":"2026-11-20T10:00:00Z",
             "protoPayload":{"methodName":"SetIamPolicy","serviceName":"cloudresourcemanager.googleapis.com"}}"""));

        assertThat(event.cloud().account()).isEqualTo("organizations/888888888888");
    }

    @Test
    void normalize_nonAuditPayloadType_rejectedAsUnknownShape() {
        assertThatThrownBy(() -> GcpAuditLogNormalizer.create().normalize(Fixtures.json("""
            {"insertId":"x","timestamp":"2026-11-20T10:00:00Z",
             "protoPayload":{"@type":"type.googleapis.com/google.appengine.logging.v1.RequestLog",
                             "methodName":"GET"}}""")))
                .isInstanceOf(InvalidAuditRecordException.class)
                .hasMessageContaining("is not a Cloud Audit Logs entry")
                .extracting(e -> ((InvalidAuditRecordException) e).kind()).isEqualTo(QuarantineKind.UNKNOWN_SHAPE);
    }

    @Test
    void read_exportEntries_noIssues() {
        assertThat(export.events()).allSatisfy(e -> assertThat(e.metadata().issues()).as(e.metadata().uid()).isEmpty());
    }

    @Test
    void read_trimmedEntries_everyEntryNormalized() {
        assertThat(trimmed.quarantined()).isEmpty();
        assertThat(trimmed.counts().gcp()).isEqualTo(new ReadCounts.Counts(7, 7, 0));
    }

    @Test
    void normalize_bareTopLevelMethodName_undatedEventWithIssues() {
        AuditEvent event = byAction("compute.firewalls.insert");

        assertThat(event.api().operation()).isEqualTo("v1.compute.firewalls.insert");
        assertThat(event.dated()).isFalse();
        assertThat(event.metadata().uid()).matches("sha256:[0-9a-f]{64}");
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.METHOD_NAME_AT_TOP_LEVEL,
                NormalizationIssues.NO_EVENT_TIME, NormalizationIssues.NO_EVENT_ID, NormalizationIssues.NO_PRINCIPAL);
    }

    @Test
    void normalize_onlyAuthorizationInfo_actionFromPermissionOperationEmpty() {
        AuditEvent event = byAction("iam.roles.update");

        assertThat(event.api().operation()).isEmpty();
        assertThat(event.api().service()).isEmpty();
        assertThat(event.metadata().issues()).startsWith(NormalizationIssues.ACTION_FROM_PERMISSION)
                .contains(NormalizationIssues.NO_EVENT_TIME);
    }

    @Test
    void normalize_placeholdersWhereObjectsBelong_droppedWithIssues() {
        AuditEvent event = trimmed.event("gcp-placeholders");

        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-20T10:20:00.25Z"));
        assertThat(event.api().action()).isEqualTo("google.cloud.run.v1.Services.CreateService");
        assertThat(event.actor().principal()).isEqualTo("alice@example.com");
        assertThat(event.api().request().isMissingNode()).isTrue();
        assertThat(event.api().response().isMissingNode()).isTrue();
        assertThat(event.srcEndpoint().ip()).isEmpty();
        assertThat(event.cloud().account()).isEqualTo("prod-platform-4821");
        assertThat(event.cloud().region()).isEmpty();
        assertThat(event.resources()).containsExactly(new ResourceRef("", "namespaces/prod/services/exfil"));
        assertThat(event.metadata().issues()).containsExactlyInAnyOrder(
                NormalizationIssues.REQUEST_METADATA_DROPPED, NormalizationIssues.RESOURCE_DROPPED,
                NormalizationIssues.REQUEST_DROPPED, NormalizationIssues.RESPONSE_DROPPED,
                NormalizationIssues.METADATA_DROPPED, NormalizationIssues.SERVICE_DATA_DROPPED,
                NormalizationIssues.RESOURCE_LOCATION_DROPPED);
    }

    @Test
    void normalize_logEntryFieldsInsideLowercasePayload_timeFromPayloadTimestampActionFromPermission() {
        AuditEvent event = trimmed.event("gcp-bigquery");

        assertThat(event.time()).isEqualTo(Instant.parse("2023-03-28T18:37:06.079Z"));
        assertThat(event.api().action()).isEqualTo("bigquery.tables.delete");
        assertThat(event.actor().principal()).isEqualTo("user@example.com");
        assertThat(event.cloud().account()).isEqualTo("gcp-project1");
        assertThat(event.api().response().at("/metadata/tableDeletion/reason").asText()).isEqualTo("QUERY");
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.ACTION_FROM_PERMISSION,
                NormalizationIssues.TIME_FROM_PAYLOAD_TIMESTAMP);
    }

    @Test
    void normalize_auditFieldsAtTopLevel_usedWithIssuesTimeFromReceiveTimestamp() {
        AuditEvent event = trimmed.event("gcp-top-level");

        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-20T10:30:00.123Z"));
        assertThat(event.api().service()).isEqualTo("compute.googleapis.com");
        assertThat(event.api().action()).isEqualTo("compute.instances.delete");
        assertThat(event.actor().principal()).isEqualTo("castai@prod-platform-4821.iam.gserviceaccount.com");
        assertThat(event.resources()).extracting(ResourceRef::uid)
                .containsExactly("projects/prod-platform-4821/zones/us-central1-a/instances/gke-node-1");
        assertThat(event.srcEndpoint().ip()).isEqualTo("34.107.12.80");
        assertThat(event.srcEndpoint().userAgent()).isEmpty();
        assertThat(event.metadata().issues()).containsExactlyInAnyOrder(
                NormalizationIssues.METHOD_NAME_AT_TOP_LEVEL, NormalizationIssues.TIME_FROM_RECEIVE_TIMESTAMP,
                NormalizationIssues.RESOURCE_NAME_AT_TOP_LEVEL, NormalizationIssues.AUTHENTICATION_INFO_AT_TOP_LEVEL,
                NormalizationIssues.SERVICE_NAME_AT_TOP_LEVEL, NormalizationIssues.CALLER_USER_AGENT_DROPPED);
    }

    @Test
    void normalize_gkeEntryWithoutAnyTime_undatedWithIssue() {
        AuditEvent event = byAction("io.k8s.core.v1.pods.list");

        assertThat(event.time()).isEqualTo(AuditEvent.UNDATED);
        assertThat(event.actor().principal()).isEqualTo("user@example.com");
        assertThat(event.srcEndpoint().ip()).isEqualTo("203.0.113.9");
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.NO_EVENT_TIME,
                NormalizationIssues.NO_EVENT_ID);
    }

    @Test
    void normalize_onlyRequestAttributesTime_usedWithIssue() {
        AuditEvent event = trimmed.event("gcp-request-time");

        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-20T10:40:00Z"));
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.TIME_FROM_REQUEST_ATTRIBUTES);
    }

    @Test
    void normalize_methodNameObject_rejectedAsWrongType() {
        assertThatThrownBy(() -> GcpAuditLogNormalizer.create().normalize(Fixtures.json("""
            {"insertId":"x","timestamp":"2026-11-20T10:00:00Z","protoPayload":{"methodName":{"name":"insert"}}}""")))
                .isInstanceOf(InvalidAuditRecordException.class)
                .hasMessage("protoPayload.methodName must be a string, got object")
                .extracting(e -> ((InvalidAuditRecordException) e).kind()).isEqualTo(QuarantineKind.WRONG_TYPE);
    }

    @Test
    void normalize_noOperationAnywhere_rejectedAsMissingField() {
        assertThatThrownBy(() -> GcpAuditLogNormalizer.create().normalize(Fixtures.json("""
            {"insertId":"x","timestamp":"2026-11-20T10:00:00Z","protoPayload":{"serviceName":"k8s.io"}}""")))
                .isInstanceOf(InvalidAuditRecordException.class)
                .hasMessageStartingWith("protoPayload.methodName is missing (nor methodName, "
                        + "protoPayload.authorizationInfo[0].permission)")
                .extracting(e -> ((InvalidAuditRecordException) e).kind()).isEqualTo(QuarantineKind.MISSING_FIELD);
    }

    @Test
    void normalize_authorizationInfo_keepsDistinctPermissionChecksInLogOrder() {
        AuditEvent insert = Fixtures.read("gcp/authorization-info.json").event("-3h2j1k0l9m8");

        assertThat(insert.api().permissions()).containsExactly(
                new PermissionCheck("compute.instances.create", true),
                new PermissionCheck("compute.disks.create", true),
                new PermissionCheck("compute.subnetworks.use", true),
                new PermissionCheck("compute.instances.setServiceAccount", true),
                new PermissionCheck("iam.serviceAccounts.actAs", true));
        JsonNode policy = Fixtures.policyTree(insert).path("api").path("permissions");
        assertThat(policy).hasSize(5);
        assertThat(policy.get(4).path("permission").asText()).isEqualTo("iam.serviceAccounts.actAs");
        assertThat(policy.get(4).path("granted").booleanValue()).isTrue();
    }

    @Test
    void normalize_deniedCallWithoutGrantedField_permissionNotGranted() {
        AuditEvent denied = Fixtures.read("gcp/authorization-info.json").event("1q7w3e5r9t2y");

        assertThat(denied.status()).isEqualTo(EventStatus.FAILURE);
        assertThat(denied.api().error().code()).isEqualTo("7");
        assertThat(denied.api().permissions())
                .containsExactly(new PermissionCheck("compute.projects.setCommonInstanceMetadata", false));
        assertThat(Fixtures.policyTree(denied).at("/api/permissions/0/granted").isBoolean()).isTrue();
        assertThat(Fixtures.policyTree(denied).at("/api/permissions/0/granted").booleanValue()).isFalse();
        assertThat(denied.metadata().issues()).isEmpty();
    }

    @Test
    void normalize_noAuthorizationInfo_leavesPermissionsOutOfPolicyInput() {
        AuditEvent setMetadata = export.event("-2v9x8w7u6t5");

        assertThat(setMetadata.api().permissions()).isEmpty();
        assertThat(Fixtures.policyTree(setMetadata).path("api").has("permissions")).isFalse();
    }

    @Test
    void normalize_malformedAuthorizationEntries_skippedNotRejected() {
        AuditEvent event = GcpAuditLogNormalizer.create().normalize(Fixtures.json("""
            {"insertId":"x","timestamp":"2026-11-20T10:00:00Z","protoPayload":{"methodName":"v1.compute.instances.get",
             "authorizationInfo":["compute.instances.get",{"granted":true},{"permission":7},
             {"permission":"compute.instances.get","granted":"true"}]}}"""));

        assertThat(event.api().permissions()).containsExactly(new PermissionCheck("compute.instances.get", true));
    }

    @Test
    void normalize_authorizationInfoNotArray_droppedWithIssue() {
        AuditEvent event = GcpAuditLogNormalizer.create().normalize(Fixtures.json("""
            {"insertId":"x","timestamp":"2026-11-20T10:00:00Z","protoPayload":{"methodName":"v1.compute.instances.get",
             "authorizationInfo":{"permission":"compute.instances.get"}}}"""));

        assertThat(event.api().permissions()).isEmpty();
        assertThat(event.metadata().issues()).contains(NormalizationIssues.AUTHORIZATION_INFO_DROPPED);
    }

    private AuditEvent byAction(String action) {
        return trimmed.events().stream().filter(e -> e.api().action().equals(action)).findFirst()
                .orElseThrow(() -> new AssertionError("no event with action " + action));
    }
}
