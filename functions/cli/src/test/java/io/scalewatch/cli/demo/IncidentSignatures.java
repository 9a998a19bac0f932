package io.scalewatch.cli.demo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Why a record is incident material, judged the way the rules are meant to judge it: sensitive actions, GPU
 * shapes, foreign regions, addresses, clients, accounts and credentials. The benign background must have none.
 */
final class IncidentSignatures {
    static final Set<String> SENSITIVE_ACTIONS = Set.of(
            "bedrock:InvokeModel", "bedrock:PutModelInvocationLoggingConfiguration",
            "bedrock:DeleteModelInvocationLoggingConfiguration", "secretsmanager:GetSecretValue", "ssm:GetParameter",
            "ec2:ModifySnapshotAttribute", "cur:PutReportDefinition", "cur:ModifyReportDefinition", "s3:GetObject",
            "s3:PutObject", "iam:AttachRolePolicy", "iam:CreateAccessKey", "ec2:AuthorizeSecurityGroupIngress",
            "ec2:ImportKeyPair", "ec2:ModifyInstanceAttribute", "ssm:SendCommand", "organizations:DetachPolicy",
            "iam:DetachRolePolicy", "iam:DeleteRole", "guardduty:UpdateDetector", "budgets:UpdateBudget",
            "eks:UpdateClusterConfig", "cloudtrail:PutEventSelectors", "cloudtrail:StopLogging", "kms:DescribeKey",
            "google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion",
            "google.iam.admin.v1.CreateServiceAccountKey", "SetIamPolicy",
            "io.k8s.authorization.rbac.v1.clusterrolebindings.create", "compute.instances.setMetadata",
            "google.logging.v2.ConfigServiceV2.DeleteSink", "microsoft.cognitiveservices/accounts/listkeys/action",
            "microsoft.authorization/roleassignments/write", "microsoft.insights/diagnosticsettings/delete",
            "k8s.pods.exec.create", "k8s.certificatesigningrequests.create",
            "k8s.certificatesigningrequests.approval.update");
    static final Set<String> SCALING_WRITES = Set.of("autoscaling:UpdateAutoScalingGroup",
            "google.container.v1.ClusterManager.SetNodePoolSize",
            "microsoft.containerservice/managedclusters/agentpools/write");
    static final List<String> ALLOWED_REGIONS = List.of("us-east-1", "us-west-2", "us-central1", "westeurope");
    /** The scaling-loop rule's buckets and minimum calls of each kind per bucket (SW-L3-004). */
    static final long LOOP_BUCKET = 5 * DemoTime.MINUTE;
    static final int LOOP_MIN_CALLS = 4;
    private static final Pattern GPU = Pattern.compile("^(p[0-9]|g[0-9]|a[0-9]-|standard_n[cdvg]).*",
            Pattern.CASE_INSENSITIVE);
    private static final List<Pattern> AGENT_CLIENTS = List.of(Pattern.compile("castai-agent/[0-9]+\\.[0-9]+\\.[0-9]+"),
            Pattern.compile("^castai-cluster-controller/v[0-9]+"));


    private IncidentSignatures() {
    }

    /** The first reason the record is incident material, if any. */
    static Optional<String> of(DemoFact fact) {
        if (SENSITIVE_ACTIONS.contains(fact.action())) {
            return Optional.of("sensitive action " + fact.action());
        }
        if (fact.record().path("userIdentity").path("type").asText().equals("IAMUser")) {
            return Optional.of("long-term IAM user key");
        }
        if (fact.record().path("protoPayload").path("authenticationInfo").has("serviceAccountKeyName")) {
            return Optional.of("user-managed service account key");
        }
        if (fact.action().equals("sts:AssumeRole") && fact.agent()) {
            String caller = fact.record().path("userIdentity").path("accountId").asText();
            if (!fact.record().path("requestParameters").has("externalId") || !caller.equals("999988887777")) {
                return Optional.of("agent role assumed without ExternalId or by an untrusted account");
            }
        }
        if (!fact.agent()) {
            return Optional.empty();
        }
        return agentSignature(fact);
    }

    /**
     * The first windowed reason a set of records is incident material: bursts and loops no single record shows.
     * The thresholds are the benign envelope the background test asserts.
     */
    static Optional<String> ofWindow(List<DemoFact> facts) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Set<Long>> churn = new TreeMap<>();
        Map<String, int[]> shortChurn = new TreeMap<>();
        for (DemoFact fact : facts) {
            if (!fact.agent() || !fact.startOfOperation()) {
                continue;
            }
            String place = fact.cloud() + "/" + fact.region() + "/";
            if (fact.terminated() > 0) {
                counts.merge("terminations " + place + fact.bucket(), fact.terminated(), Integer::sum);
            }
            if (fact.launch()) {
                counts.merge("instances launched " + place + fact.bucket(), fact.instances(), Integer::sum);
            }
            if (fact.launch() || fact.terminated() > 0) {
                int[] calls = shortChurn.computeIfAbsent(place + Math.floorDiv(fact.timeMs(), LOOP_BUCKET),
                        k -> new int[2]);
                calls[fact.launch() ? 0 : 1]++;
            }
            if (SCALING_WRITES.contains(fact.action())) {
                counts.merge("scaling writes " + place + fact.bucket(), 1, Integer::sum);
            }
            if (!fact.error().isEmpty()) {
                counts.merge("errors " + place + fact.timeMs() / DemoTime.HOUR, 1, Integer::sum);
            }
            if (fact.launch()) {
                churn.computeIfAbsent(place + "launch", k -> new TreeSet<>()).add(fact.bucket());
            }
            if (fact.terminated() > 0) {
                churn.computeIfAbsent(place + "terminate", k -> new TreeSet<>()).add(fact.bucket());
            }
        }
        for (Map.Entry<String, Integer> count : counts.entrySet()) {
            int limit = count.getKey().startsWith("errors") ? 2 : count.getKey().startsWith("instances") ? 10 : 5;
            if (count.getValue() > limit) {
                return Optional.of(count.getValue() + " " + count.getKey());
            }
        }
        Map<String, Integer> loops = new TreeMap<>();
        shortChurn.forEach((key, calls) -> {
            if (calls[0] >= LOOP_MIN_CALLS && calls[1] >= LOOP_MIN_CALLS) {
                loops.merge(key.substring(0, key.lastIndexOf('/')), 1, Integer::sum);
            }
        });
        for (Map.Entry<String, Integer> loop : loops.entrySet()) {
            if (loop.getValue() >= 3) {
                return Optional.of(loop.getValue() + " five-minute buckets of launch/terminate churn in "
                        + loop.getKey());
            }
        }
        for (String key : churn.keySet()) {
            if (key.endsWith("launch")) {
                Set<Long> both = new TreeSet<>(churn.get(key));
                both.retainAll(churn.getOrDefault(key.replace("launch", "terminate"), Set.of()));
                for (long bucket : both) {
                    if (both.contains(bucket + 1) && both.contains(bucket + 2)) {
                        return Optional.of("launch/terminate churn from bucket " + bucket + " in " + key);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> agentSignature(DemoFact fact) {
        for (String type : fact.instanceTypes()) {
            if (GPU.matcher(type).matches()) {
                return Optional.of("GPU shape " + type);
            }
        }
        if (!ALLOWED_REGIONS.contains(fact.region()) && !fact.region().equals("global")) {
            return Optional.of("region " + fact.region());
        }
        if (!fact.ip().startsWith("34.120.10.") && !fact.ip().startsWith("34.120.11.")) {
            return Optional.of("source " + fact.ip());
        }
        if (!fact.userAgent().isEmpty() && AGENT_CLIENTS.stream().noneMatch(p -> p.matcher(fact.userAgent()).find())) {
            return Optional.of("client " + fact.userAgent());
        }
        if (fact.cloud().equals("aws") && !fact.account().equals("111122223333")) {
            return Optional.of("account " + fact.account());
        }
        String profile = fact.record().path("requestParameters").path("iamInstanceProfile").path("arn").asText("");
        if (!profile.isEmpty() && !profile.endsWith("/castai-demo-node-profile")) {
            return Optional.of("instance profile " + profile);
        }
        if (fact.error().contains("AccessDenied") || fact.error().contains("Unauthorized")) {
            return Optional.of("denied " + fact.action());
        }
        return Optional.empty();
    }
}
