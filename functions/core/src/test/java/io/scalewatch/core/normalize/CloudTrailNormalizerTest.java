package io.scalewatch.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.event.EventStatus;
import io.scalewatch.core.event.ResourceRef;
import io.scalewatch.core.identity.IdentityMatcher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CloudTrailNormalizerTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai/castai-eks-prod";
    private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/castai-eks-prod/castai-9f2c41";
    private static final String USER_DATA = "IyEvYmluL2Jhc2gKZXhwb3J0IEFXU19TRUNSRVRfQUNDRVNTX0tFWT13SmFsclhV"
            + "dG5GRU1JL0s3TURFTkcKL2V0Yy9la3MvYm9vdHN0cmFwLnNoIHByb2QtY2x1c3Rlcg==";
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENz+hFQSRq2i8wKDvYRkYr0pm1aZ3q5vTw==";

    private final Fixtures.Read trail = Fixtures.read("cloudtrail/castai-trail.json");
    private final Fixtures.Read trimmed = Fixtures.read("cloudtrail/trimmed-records.jsonl");

    @Test
    void read_recordsDocument_normalizesEveryRecord() {
        assertThat(trail.quarantined()).isEmpty();
        assertThat(trail.counts().aws()).isEqualTo(new ReadCounts.Counts(9, 9, 0));
        assertThat(trail.events()).extracting(e -> e.api().action()).containsExactly(
                "sts:AssumeRole", "ec2:RunInstances", "ec2:ModifyInstanceAttribute", "ec2:CreateLaunchTemplateVersion",
                "iam:CreateAccessKey", "s3:GetObject", "signin:ConsoleLogin", "kms:Decrypt", "cloudwatch:DeleteAlarms");
    }

    @Test
    void normalize_assumedRoleSession_mapsEveryField() {
        AuditEvent run = trail.event("0f6b2c9e-8d1a-4f3b-b7e2-9a4c5d6e7f80");

        assertThat(run.time()).isEqualTo(Instant.parse("2026-11-20T10:15:31Z"));
        assertThat(run.cloud().provider()).isEqualTo(CloudProvider.AWS);
        assertThat(run.cloud().account()).isEqualTo("111122223333");
        assertThat(run.cloud().region()).isEqualTo("us-east-1");
        assertThat(run.actor().principal()).isEqualTo(ROLE);
        assertThat(run.actor().type()).isEqualTo("AssumedRole");
        assertThat(run.actor().session()).isEqualTo(SESSION);
        assertThat(run.actor().credentialId()).isEqualTo("ASIAYKDLU6XQ7EXAMPLE");
        assertThat(run.actor().sourceIdentity()).isEqualTo("castai-autoscaler");
        assertThat(run.actor().account()).isEqualTo("111122223333");
        assertThat(run.api().service()).isEqualTo("ec2");
        assertThat(run.api().operation()).isEqualTo("RunInstances");
        assertThat(run.api().action()).isEqualTo("ec2:RunInstances");
        assertThat(run.api().request().path("instanceType").asText()).isEqualTo("p4d.24xlarge");
        assertThat(run.api().request().at("/iamInstanceProfile/arn").asText())
                .isEqualTo("arn:aws:iam::111122223333:instance-profile/eks-node-prod");
        assertThat(run.api().response().at("/instancesSet/items/0/instanceId").asText())
                .isEqualTo("i-0123456789abcdef0");
        assertThat(run.api().error().present()).isFalse();
        assertThat(run.srcEndpoint().ip()).isEqualTo("34.107.12.80");
        assertThat(run.srcEndpoint().userAgent()).endsWith("castai-cluster-controller");
        assertThat(run.status()).isEqualTo(EventStatus.SUCCESS);
        assertThat(run.metadata().uid()).isEqualTo("0f6b2c9e-8d1a-4f3b-b7e2-9a4c5d6e7f80");
        assertThat(run.metadata().logSource()).isEqualTo("cloudtrail");
        assertThat(run.metadata().readOnly()).isFalse();
    }

    @Test
    void normalize_assumedRoleSession_matchesWatchedRole() {
        IdentityMatcher agent = IdentityMatcher.parse(ROLE);

        assertThat(trail.events()).filteredOn(agent::matches).extracting(e -> e.api().action()).containsExactly(
                "sts:AssumeRole", "ec2:RunInstances", "ec2:ModifyInstanceAttribute", "ec2:CreateLaunchTemplateVersion",
                "s3:GetObject", "cloudwatch:DeleteAlarms");
    }

    @Test
    void normalize_assumeRoleByVendor_addsRoleResourceAndKeepsExternalId() {
        AuditEvent assume = trail.event("6a1e9c2d-3b4f-4e7a-9c8d-1f2e3a4b5c6d");

        assertThat(assume.actor().type()).isEqualTo("AWSAccount");
        assertThat(assume.actor().principal()).isEqualTo("AROAVENDOREXAMPLE9999:castai-control-plane");
        assertThat(assume.actor().account()).isEqualTo("444455556666");
        assertThat(assume.cloud().account()).isEqualTo("111122223333");
        assertThat(assume.api().request().path("externalId").asText()).isEqualTo("castai-7d1c3a52-cluster");
        assertThat(assume.resources()).containsExactly(new ResourceRef("AWS::IAM::Role", ROLE));
        assertThat(assume.metadata().readOnly()).isTrue();
    }

    @Test
    void normalize_assumedRoleWithoutSessionIssuer_derivesRoleArnFromSessionArn() {
        ObjectNode record = (ObjectNode) Fixtures.json("""
            {"eventTime":"2026-11-20T10:15:31Z","eventSource":"ec2.amazonaws.com","eventName":"TerminateInstances",
             "eventID":"e-1","awsRegion":"eu-west-1",
             "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/castai-eks-prod/s-1",
                             "accountId":"111122223333"}}""");

        AuditEvent event = CloudTrailNormalizer.create().normalize(record);

        assertThat(event.actor().principal()).isEqualTo("arn:aws:iam::111122223333:role/castai-eks-prod");
        assertThat(event.actor().session()).isEqualTo("arn:aws:sts::111122223333:assumed-role/castai-eks-prod/s-1");
        assertThat(IdentityMatcher.parse(ROLE).matches(event)).isTrue();
    }

    @Test
    void normalize_iamUserDenied_isFailureWithError() {
        AuditEvent denied = trail.event("e0d1c2b3-a495-4867-9786-f5e4d3c2b1a0");

        assertThat(denied.actor().principal()).isEqualTo("arn:aws:iam::111122223333:user/cast-eks-legacy");
        assertThat(denied.actor().type()).isEqualTo("IAMUser");
        assertThat(denied.actor().credentialId()).isEqualTo("AKIAYKDLU6XQ3EXAMPLE");
        assertThat(denied.actor().session()).isEmpty();
        assertThat(denied.status()).isEqualTo(EventStatus.FAILURE);
        assertThat(denied.api().error().code()).isEqualTo("AccessDenied");
        assertThat(denied.api().error().message()).contains("is not authorized to perform: iam:CreateAccessKey");
        assertThat(IdentityMatcher.parse("AKIAYKDLU6XQ3EXAMPLE").matches(denied)).isTrue();
    }

    @Test
    void normalize_failedConsoleLoginWithoutErrorCode_isFailure() {
        AuditEvent login = trail.event("2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d");

        assertThat(login.actor().principal()).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(login.actor().type()).isEqualTo("Root");
        assertThat(login.status()).isEqualTo(EventStatus.FAILURE);
        assertThat(login.api().error().code()).isEmpty();
        assertThat(login.api().error().message()).isEqualTo("Failed authentication");
    }

    @Test
    void normalize_awsServiceCaller_usesInvokedBy() {
        AuditEvent decrypt = trail.event("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");

        assertThat(decrypt.actor().principal()).isEqualTo("ec2.amazonaws.com");
        assertThat(decrypt.actor().type()).isEqualTo("AWSService");
        assertThat(decrypt.resources()).extracting(ResourceRef::type).containsExactly("AWS::KMS::Key");
    }

    @Test
    void normalize_dataEvent_keepsResourcesInOrder() {
        AuditEvent get = trail.event("7b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e");

        assertThat(get.resources()).containsExactly(
                new ResourceRef("AWS::S3::Object",
                        "arn:aws:s3:::cur-exports-111122223333/cur/prod/20261101-20261201/prod-00001.csv.gz"),
                new ResourceRef("AWS::S3::Bucket", "arn:aws:s3:::cur-exports-111122223333"));
        assertThat(get.metadata().readOnly()).isTrue();
    }

    @Test
    void normalize_monitoringEventSource_usesCloudWatchIamPrefix() {
        AuditEvent delete = trail.event("5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b");

        assertThat(delete.api().service()).isEqualTo("monitoring");
        assertThat(delete.api().action()).isEqualTo("cloudwatch:DeleteAlarms");
    }

    @Test
    void normalize_lambdaVersionedEventName_dropsVersionFromAction() {
        AuditEvent event = CloudTrailNormalizer.create().normalize(Fixtures.json("""
            {"eventTime":"2026-11-20T10:15:31Z","eventSource":"lambda.amazonaws.com",
             "eventName":"UpdateFunctionConfiguration20150331v2","eventID":"e-2"}"""));

        assertThat(event.api().operation()).isEqualTo("UpdateFunctionConfiguration20150331v2");
        assertThat(event.api().action()).isEqualTo("lambda:UpdateFunctionConfiguration");
    }

    @Test
    void normalize_userDataAnywhereInRequest_isRedactedButKept() {
        AuditEvent modify = trail.event("3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a");
        AuditEvent template = trail.event("c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f");

        JsonNode userData = modify.api().request().path("userData");
        assertThat(userData.path("redacted").asBoolean()).isTrue();
        assertThat(userData.path("length").asInt()).isPositive();
        assertThat(userData.path("sha256").asText()).hasSize(64);
        JsonNode templateData = template.api().request().at("/CreateLaunchTemplateVersionRequest/LaunchTemplateData");
        JsonNode templateUserData = templateData.path("UserData");
        assertThat(templateUserData.path("redacted").asBoolean()).isTrue();
        // the hash is over the value, so a rule can compare it with a known script to tell a change
        assertThat(templateUserData.path("sha256").asText()).isEqualTo(sha256(USER_DATA));
        assertThat(templateUserData.path("length").asInt()).isEqualTo(USER_DATA.length());
        assertThat(templateData.path("InstanceType").asText()).isEqualTo("g5.xlarge");
        for (AuditEvent event : trail.events()) {
            assertThat(Fixtures.policyJson(event)).doesNotContain(USER_DATA).doesNotContain(SESSION_TOKEN);
        }
    }

    @Test
    void normalize_assumeRoleResponse_redactsSessionTokenKeepsKeyId() {
        AuditEvent assume = trail.event("6a1e9c2d-3b4f-4e7a-9c8d-1f2e3a4b5c6d");

        assertThat(assume.api().response().at("/credentials/sessionToken/redacted").asBoolean()).isTrue();
        assertThat(assume.api().response().at("/credentials/accessKeyId").asText()).isEqualTo("ASIAYKDLU6XQ7EXAMPLE");
    }

    @Test
    void read_gzippedOneLineObject_givesSameEventsAsPrettyDocument() {
        // CloudTrail delivers .json.gz objects holding one line of JSON; the fixture is that form
        Fixtures.Read gz = Fixtures.read("cloudtrail/castai-trail.json.gz");

        assertThat(gz.quarantined()).isEmpty();
        assertThat(gz.events()).extracting(Fixtures::policyJson)
                .containsExactlyElementsOf(trail.events().stream().map(Fixtures::policyJson).toList());
    }

    @Test
    void read_lookupEventsOutput_normalizesEmbeddedCloudTrailEvents() {
        Fixtures.Read lookup = Fixtures.read("cloudtrail/lookup-events.json");

        assertThat(lookup.quarantined()).isEmpty();
        assertThat(lookup.events()).extracting(e -> e.metadata().uid()).containsExactly(
                "0f6b2c9e-8d1a-4f3b-b7e2-9a4c5d6e7f80", "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a",
                "6a1e9c2d-3b4f-4e7a-9c8d-1f2e3a4b5c6d");
        assertThat(Fixtures.policyJson(lookup.events().get(0)))
                .isEqualTo(Fixtures.policyJson(trail.event("0f6b2c9e-8d1a-4f3b-b7e2-9a4c5d6e7f80")));
        // this AssumeRole's CloudTrailEvent has no resources[]: the role comes from requestParameters.roleArn
        assertThat(lookup.events().get(2).resources()).containsExactly(new ResourceRef("AWS::IAM::Role", ROLE));
        assertThat(IdentityMatcher.parse(ROLE).matches(lookup.events().get(2))).isTrue();
    }

    @Test
    void normalizeJson_lookupEventString_normalizes() {
        AuditEvent event = CloudTrailNormalizer.create().normalizeJson("""
            {"eventTime":"2026-11-20T10:15:31Z","eventSource":"ec2.amazonaws.com","eventName":"StopInstances",
             "eventID":"e-3","recipientAccountId":"111122223333"}""");

        assertThat(event.api().action()).isEqualTo("ec2:StopInstances");
        assertThat(event.cloud().account()).isEqualTo("111122223333");
    }

    @Test
    void normalize_athenaLowercaseExport_readsLowercaseKeysAndStringParameters() {
        AuditEvent event = CloudTrailNormalizer.create().normalize(Fixtures.json("""
            {"eventversion":"1.08","eventtime":"2023-01-10 21:04:02","eventsource":"ec2.amazonaws.com",
             "eventname":"RunInstances","eventid":"5d4b45ed-a15c-41b6-80e9-031729fa060d","awsregion":"eu-west-1",
             "readonly":"false",
             "requestparameters":"{\\"instanceType\\":\\"p5.48xlarge\\",\\"userData\\":\\"c2VjcmV0\\"}",
             "useridentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/ops",
                             "accountid":"111122223333"}}"""));

        assertThat(event.time()).isEqualTo(Instant.parse("2023-01-10T21:04:02Z"));
        assertThat(event.api().action()).isEqualTo("ec2:RunInstances");
        assertThat(event.api().request().path("instanceType").asText()).isEqualTo("p5.48xlarge");
        assertThat(event.api().request().path("userData").path("redacted").asBoolean()).isTrue();
        assertThat(event.actor().principal()).isEqualTo("arn:aws:iam::111122223333:user/ops");
        assertThat(event.cloud().account()).isEqualTo("111122223333");
    }

    @Test
    void normalize_logstashExportWithoutEventTime_usesTimestampField() {
        AuditEvent event = CloudTrailNormalizer.create().normalize(Fixtures.json("""
            {"@timestamp":"2020-09-14T00:44:23.000Z","@version":"1","eventSource":"s3.amazonaws.com",
             "eventName":"ListBuckets","eventID":"fd4f1042-c7f6-4107-a6ee-d841d92596e7"}"""));

        assertThat(event.time()).isEqualTo(Instant.parse("2020-09-14T00:44:23Z"));
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.TIME_FROM_AT_TIMESTAMP,
                NormalizationIssues.NO_PRINCIPAL);
    }

    @Test
    void read_completeTrail_noIssues() {
        assertThat(trail.events()).allSatisfy(e -> {
            assertThat(e.metadata().issues()).as(e.metadata().uid()).isEmpty();
            assertThat(e.dated()).isTrue();
        });
    }

    @Test
    void read_trimmedRecords_everyRecordNormalized() {
        assertThat(trimmed.quarantined()).isEmpty();
        assertThat(trimmed.counts().aws()).isEqualTo(new ReadCounts.Counts(5, 5, 0));
    }

    @Test
    void normalize_noEventTime_undatedWithIssue() {
        AuditEvent event = trimmed.event("trim-no-time");

        assertThat(event.time()).isEqualTo(AuditEvent.UNDATED);
        assertThat(event.dated()).isFalse();
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.NO_EVENT_TIME);
        assertThat(event.api().action()).isEqualTo("secretsmanager:GetSecretValue");
        assertThat(event.actor().principal()).isEqualTo("arn:aws:iam::111122223333:role/castai-eks-prod");
        JsonNode input = Fixtures.policyTree(event);
        assertThat(input.has("time")).isFalse();
        assertThat(input.has("time_ms")).isFalse();
        assertThat(input.at("/metadata/issues/0").asText()).isEqualTo("no event time");
    }

    @Test
    void normalize_noEventSource_actionIsBareEventNameWithIssue() {
        AuditEvent event = trimmed.event("trim-no-source");

        assertThat(event.api().service()).isEmpty();
        assertThat(event.api().operation()).isEqualTo("DeleteBucket");
        assertThat(event.api().action()).isEqualTo("DeleteBucket");
        assertThat(event.status()).isEqualTo(EventStatus.FAILURE);
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.NO_EVENT_SOURCE,
                NormalizationIssues.NO_PRINCIPAL);
    }

    @Test
    void normalize_resourcesEntryPythonRepr_entryDroppedWithIssueOthersKept() {
        AuditEvent event = trimmed.event("trim-repr-resource");

        assertThat(event.resources()).containsExactly(
                new ResourceRef("AWS::IAM::Role", "arn:aws:iam::111122223333:role/Other"),
                new ResourceRef("AWS::IAM::Role", "arn:aws:iam::111122223333:role/SampleRole"));
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.RESOURCES_ENTRY_DROPPED);
    }

    @Test
    void normalize_wrongTypedContextFields_droppedWithIssues() {
        AuditEvent event = trimmed.event("trim-wrong-types");

        assertThat(event.api().action()).isEqualTo("ec2:RunInstances");
        assertThat(event.api().request().isMissingNode()).isTrue();
        assertThat(event.api().response().isMissingNode()).isTrue();
        assertThat(event.resources()).isEmpty();
        assertThat(event.cloud().region()).isEmpty();
        assertThat(event.srcEndpoint().ip()).isEmpty();
        assertThat(event.srcEndpoint().userAgent()).isEmpty();
        assertThat(event.metadata().issues()).containsExactlyInAnyOrder(
                NormalizationIssues.REQUEST_PARAMETERS_DROPPED, NormalizationIssues.RESPONSE_ELEMENTS_DROPPED,
                NormalizationIssues.RESOURCES_DROPPED, NormalizationIssues.AWS_REGION_DROPPED,
                NormalizationIssues.SOURCE_IP_ADDRESS_DROPPED, NormalizationIssues.USER_AGENT_DROPPED);
    }

    @Test
    void normalize_pantherEventTimeWithoutEventId_timeAndHashWithIssues() {
        AuditEvent event = trimmed.events().stream().filter(e -> e.api().action().equals("iam:CreateUser"))
                .findFirst().orElseThrow();

        assertThat(event.time()).isEqualTo(Instant.parse("2021-08-31T15:46:02Z"));
        assertThat(event.metadata().uid()).matches("sha256:[0-9a-f]{64}");
        assertThat(event.metadata().issues()).containsExactly(NormalizationIssues.TIME_FROM_P_EVENT_TIME,
                NormalizationIssues.NO_EVENT_ID);
    }

    @Test
    void normalize_eventNameObject_rejectedAsWrongType() {
        assertThatThrownBy(() -> CloudTrailNormalizer.create().normalizeJson("""
            {"eventTime":"2026-11-20T10:15:31Z","eventSource":"ec2.amazonaws.com","eventName":{"name":"Run"}}"""))
                .isInstanceOf(InvalidAuditRecordException.class)
                .hasMessage("eventName must be a string, got object")
                .extracting(e -> ((InvalidAuditRecordException) e).kind()).isEqualTo(QuarantineKind.WRONG_TYPE);
    }

    @Test
    void normalize_eventSourceWithoutEventName_rejectedAsMissingField() {
        assertThatThrownBy(() -> CloudTrailNormalizer.create().normalizeJson("""
            {"eventTime":"2026-11-20T10:15:31Z","eventSource":"ec2.amazonaws.com","eventID":"e-7"}"""))
                .isInstanceOf(InvalidAuditRecordException.class)
                .hasMessage("eventName is missing")
                .extracting(e -> ((InvalidAuditRecordException) e).kind()).isEqualTo(QuarantineKind.MISSING_FIELD);
    }

    @Test
    void normalize_noEventId_usesStableContentHash() {
        String text = """
            {"eventTime":"2026-11-20T10:15:31Z","eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances"}""";
        String reordered = """
            {"eventName":"DescribeInstances","eventSource":"ec2.amazonaws.com","eventTime":"2026-11-20T10:15:31Z"}""";
        CloudTrailNormalizer normalizer = CloudTrailNormalizer.create();

        String uid = normalizer.normalizeJson(text).metadata().uid();

        assertThat(uid).matches("sha256:[0-9a-f]{64}");
        assertThat(normalizer.normalizeJson(reordered).metadata().uid()).isEqualTo(uid);
        assertThat(normalizer.normalizeJson(text.replace("DescribeInstances", "StopInstances")).metadata().uid())
                .isNotEqualTo(uid);
    }

    @Test
    void normalize_recordNotMutated_inputUnchanged() {
        JsonNode record = Fixtures.json("""
            {"eventTime":"2026-11-20T10:15:31Z","eventSource":"ec2.amazonaws.com","eventName":"RunInstances",
             "eventID":"e-4","requestParameters":{"userData":"c2VjcmV0"}}""");
        String before = record.toString();

        CloudTrailNormalizer.create().normalize(record);

        assertThat(record).hasToString(before);
    }

    @Test
    void normalize_eventTimeNumber_rejectedAsWrongType() {
        assertThatThrownBy(() -> CloudTrailNormalizer.create().normalizeJson("""
            {"eventTime":1763633731,"eventSource":"ec2.amazonaws.com","eventName":"RunInstances","eventID":"e-5"}"""))
                .isInstanceOf(InvalidAuditRecordException.class)
                .hasMessage("eventTime must be a timestamp string, got number 1763633731")
                .extracting(e -> ((InvalidAuditRecordException) e).kind()).isEqualTo(QuarantineKind.WRONG_TYPE);
    }

    @Test
    void normalize_lookupEventWithBrokenJsonString_rejectedAsMalformed() {
        assertThatThrownBy(() -> CloudTrailNormalizer.create().normalizeJson("""
            {"EventId":"e-6","CloudTrailEvent":"{\\"eventTime\\":\\"2026-11-20T10:15:31Z\\","}"""))
                .isInstanceOf(InvalidAuditRecordException.class)
                .hasMessageStartingWith("CloudTrailEvent is not valid JSON: Unexpected end-of-input")
                .extracting(e -> ((InvalidAuditRecordException) e).kind()).isEqualTo(QuarantineKind.MALFORMED_JSON);
    }

    static String sha256(String value) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
