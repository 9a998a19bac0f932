package io.scalewatch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each planned incident is in the incident files with the shape and density its rule needs. */
class DemoIncidentsTest {
    @TempDir
    static Path dir;
    static List<DemoFact> incidents = new ArrayList<>();

    @BeforeAll
    static void generate() {
        DemoActivity.write(dir);
        for (DemoData.LoadedFile file : DemoData.load(dir)) {
            if (file.incidents()) {
                incidents.addAll(DemoFact.of(file));
            }
        }
    }

    private static int maxPerBucket(Predicate<DemoFact> filter) {
        Map<Long, Integer> buckets = new TreeMap<>();
        incidents.stream().filter(filter).forEach(f -> buckets.merge(f.bucket(), 1, Integer::sum));
        return buckets.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static long count(String action) {
        return incidents.stream().filter(f -> f.agent() && f.action().equals(action) && f.startOfOperation()).count();
    }

    @Test
    void l1_modelInvocationBurstAndLoggingChanges() {
        assertThat(maxPerBucket(f -> f.action().equals("bedrock:InvokeModel"))).isEqualTo(150);
        assertThat(count("bedrock:PutModelInvocationLoggingConfiguration")).isEqualTo(1);
        assertThat(count("bedrock:DeleteModelInvocationLoggingConfiguration")).isEqualTo(1);
        assertThat(count("microsoft.cognitiveservices/accounts/listkeys/action")).isEqualTo(1);
    }

    @Test
    void l2_secretsSnapshotBillingAndBucketDrain() {
        assertThat(count("secretsmanager:GetSecretValue")).isEqualTo(3);
        assertThat(incidents).filteredOn(f -> f.action().equals("ssm:GetParameter"))
                .singleElement().satisfies(f -> assertThat(f.record().at("/requestParameters/withDecryption")
                        .asBoolean()).isTrue());
        assertThat(incidents).filteredOn(f -> f.action().equals("ec2:ModifySnapshotAttribute")).singleElement()
                .satisfies(f -> assertThat(f.record().at("/requestParameters/createVolumePermission/add/items/0/userId")
                        .asText()).isEqualTo("444455556666"));
        assertThat(count("cur:PutReportDefinition") + count("cur:ModifyReportDefinition")).isEqualTo(2);
        assertThat(count("google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion")).isEqualTo(1);
        assertThat(maxPerBucket(f -> f.action().equals("s3:GetObject"))).isEqualTo(200);
        assertThat(incidents).filteredOn(f -> f.action().equals("s3:GetObject"))
                .allSatisfy(f -> assertThat(f.record().get("eventCategory").asText()).isEqualTo("Data"));
    }

    @Test
    void l3_rbacExecLoopAndScalingBurst() {
        assertThat(incidents)
                .filteredOn(f -> f.action().equals("io.k8s.authorization.rbac.v1.clusterrolebindings.create"))
                .singleElement()
                .satisfies(f -> assertThat(f.record().at("/protoPayload/request/roleRef/name").asText())
                        .isEqualTo("cluster-admin"));
        assertThat(count("k8s.pods.exec.create")).isEqualTo(1);
        assertThat(maxPerBucket(f -> f.action().equals("autoscaling:UpdateAutoScalingGroup"))).isEqualTo(60);
        Map<Long, int[]> loop = new TreeMap<>();
        for (DemoFact f : incidents) {
            if (f.agent() && f.region().equals("us-east-1") && (f.launch() || f.terminated() > 0)) {
                int[] counts = loop.computeIfAbsent(Math.floorDiv(f.timeMs(), IncidentSignatures.LOOP_BUCKET),
                        b -> new int[2]);
                counts[f.launch() ? 0 : 1]++;
            }
        }
        int run = 0;
        int longest = 0;
        long previous = Long.MIN_VALUE;
        for (Map.Entry<Long, int[]> bucket : loop.entrySet()) {
            boolean churn = bucket.getValue()[0] >= 5 && bucket.getValue()[1] >= 5;
            run = churn ? (bucket.getKey() == previous + 1 ? run + 1 : 1) : 0;
            longest = Math.max(longest, run);
            previous = bucket.getKey();
        }
        assertThat(longest).isEqualTo(8);
    }

    @Test
    void l3_systemMastersCertificateApprovedByTheAgent() {
        assertThat(incidents).filteredOn(f -> f.action().equals("k8s.certificatesigningrequests.approval.update"))
                .singleElement().satisfies(f -> {
                    assertThat(f.agent()).isTrue();
                    JsonNode csr = DemoFact.parseJson(f.record().at("/properties/log").asText()).get("requestObject");
                    assertThat(csr.at("/spec/signerName").asText()).isEqualTo("kubernetes.io/kube-apiserver-client");
                    assertThat(csr.at("/status/conditions/0/type").asText()).isEqualTo("Approved");
                    String pem = new String(Base64.getDecoder().decode(csr.at("/spec/request").asText()),
                            StandardCharsets.US_ASCII);
                    assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
                });
        assertThat(count("k8s.certificatesigningrequests.create")).isEqualTo(1);
    }

    @Test
    void l4_gpuExposureExecutionAndMassTermination() {
        assertThat(incidents).filteredOn(f -> f.instanceTypes().contains("p4d.24xlarge")).singleElement()
                .satisfies(f -> assertThat(f.record().at("/requestParameters/instancesSet/items/0/maxCount").asInt())
                        .isEqualTo(6));
        assertThat(incidents).anyMatch(f -> f.instanceTypes().contains("a2-highgpu-8g"));
        assertThat(incidents).anyMatch(f -> f.instanceTypes().contains("Standard_ND96asr_v4"));
        assertThat(incidents).filteredOn(f -> f.action().equals("ec2:AuthorizeSecurityGroupIngress")).singleElement()
                .satisfies(f -> assertThat(f.record().at(
                        "/requestParameters/ipPermissions/items/0/ipRanges/items/0/cidrIp").asText())
                        .isEqualTo("0.0.0.0/0"));
        assertThat(count("ec2:ModifyInstanceAttribute") + count("compute.instances.setMetadata")
                + count("ssm:SendCommand") + count("ec2:ImportKeyPair")).isEqualTo(4);
        assertThat(incidents).anyMatch(f -> f.record().at("/requestParameters/iamInstanceProfile/arn").asText()
                .endsWith("instance-profile/admin-ec2"));
        assertThat(maxPerBucket(f -> f.region().equals("us-west-2") && f.terminated() > 0)).isEqualTo(30);
        assertThat(incidents).filteredOn(f -> f.launch() && f.instances() == 60).singleElement()
                .satisfies(f -> assertThat(f.record().at("/responseElements/instancesSet/items").size()).isEqualTo(60));
    }

    @Test
    void l5_observabilityOffAndSpotFallback() {
        for (String action : List.of("cloudtrail:StopLogging", "cloudtrail:PutEventSelectors",
                "guardduty:UpdateDetector", "budgets:UpdateBudget", "eks:UpdateClusterConfig",
                "google.logging.v2.ConfigServiceV2.DeleteSink", "microsoft.insights/diagnosticsettings/delete")) {
            assertThat(count(action)).as(action).isEqualTo(1);
        }
        List<DemoFact> spotFailures = incidents.stream().filter(f -> f.action().equals("ec2:RunInstances")
                && (f.error().contains("InsufficientInstanceCapacity") || f.error().contains("SpotMaxPriceTooLow")))
                .toList();
        assertThat(spotFailures).hasSize(12);
        long hour = spotFailures.get(0).timeMs() / DemoTime.HOUR;
        assertThat(spotFailures).allSatisfy(f -> assertThat(f.timeMs() / DemoTime.HOUR).isEqualTo(hour));
        assertThat(incidents).filteredOn(f -> f.launch() && f.timeMs() > spotFailures.get(11).timeMs()
                && f.record().at("/requestParameters/instanceMarketOptions").isMissingNode()
                && f.region().equals("us-west-2")).hasSize(4);
    }

    @Test
    void l6_escalationProbingRegionAndGuardrails() {
        assertThat(incidents).filteredOn(f -> f.action().equals("iam:AttachRolePolicy")).singleElement()
                .satisfies(f -> assertThat(f.record().at("/requestParameters/policyArn").asText())
                        .endsWith("AdministratorAccess"));
        assertThat(count("iam:CreateAccessKey")).isEqualTo(1);
        List<DemoFact> denied = incidents.stream().filter(f -> f.error().startsWith("AccessDenied")).toList();
        assertThat(denied).hasSize(25);
        assertThat(denied.stream().map(DemoFact::action).collect(Collectors.toSet())).hasSize(8);
        assertThat(maxPerBucket(f -> f.error().startsWith("AccessDenied"))).isEqualTo(25);
        assertThat(incidents).filteredOn(f -> f.action().equals("SetIamPolicy")).singleElement()
                .satisfies(f -> assertThat(f.record()
                        .at("/protoPayload/serviceData/policyDelta/bindingDeltas/0/role").asText())
                        .isEqualTo("roles/owner"));
        assertThat(count("google.iam.admin.v1.CreateServiceAccountKey")).isEqualTo(1);
        assertThat(count("microsoft.authorization/roleassignments/write")).isEqualTo(1);
        assertThat(incidents).anyMatch(f -> f.agent() && f.launch() && f.region().equals("ap-southeast-1"));
        assertThat(count("organizations:DetachPolicy")).isEqualTo(1);
        assertThat(incidents).filteredOn(f -> f.action().equals("iam:DeleteRole")).singleElement()
                .satisfies(f -> assertThat(f.record().at("/requestParameters/roleName").asText())
                        .isNotEqualTo("castai-demo-node-role"));
    }

    @Test
    void l7_foreignCredentialsAndTrustPaths() {
        assertThat(incidents).filteredOn(f -> f.record().at("/userIdentity/type").asText().equals("IAMUser"))
                .hasSizeGreaterThanOrEqualTo(3).allSatisfy(f -> {
                    assertThat(f.ip()).isEqualTo("185.220.101.7");
                    assertThat(f.userAgent()).isEqualTo("python-requests/2.31.0");
                    assertThat(f.record().at("/userIdentity/accessKeyId").asText()).startsWith("AKIA");
                });
        assertThat(incidents).filteredOn(f -> f.action().equals("sts:AssumeRole")
                && f.record().at("/requestParameters/roleArn").asText().equals(DemoFact.AWS_ROLE)
                && f.record().at("/requestParameters/externalId").isMissingNode()).singleElement()
                .satisfies(f -> assertThat(f.record().at("/userIdentity/accountId").asText())
                        .isEqualTo("777766665555"));
        Collection<String> accounts = new TreeSet<>();
        incidents.stream().filter(f -> f.cloud().equals("aws") && f.agent()).forEach(f -> accounts.add(f.account()));
        assertThat(accounts).contains("111122223333", "222233334444", "333344445555", "444455556666");
        Set<String> keyIps = incidents.stream()
                .filter(f -> f.record().at("/protoPayload/authenticationInfo/serviceAccountKeyName").isTextual())
                .map(DemoFact::ip).collect(Collectors.toSet());
        assertThat(keyIps).containsExactly("45.148.10.92");
    }

    @Test
    void incidents_happenInTheAfternoonExceptTheMorningLoop() {
        assertThat(incidents).allSatisfy(f -> assertThat(f.timeMs()).isBetween(DemoTime.at(10, 0, 0),
                DemoTime.at(18, 0, 0)));
        assertThat(incidents).filteredOn(f -> f.timeMs() < DemoTime.at(12, 0, 0))
                .allSatisfy(f -> assertThat(f.action()).isIn("ec2:RunInstances", "ec2:TerminateInstances"));
    }
}
