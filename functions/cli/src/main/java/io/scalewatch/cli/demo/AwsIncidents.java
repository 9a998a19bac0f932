package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.DemoTime.MINUTE;
import static io.scalewatch.cli.demo.DemoTime.SECOND;
import static io.scalewatch.cli.demo.DemoTime.at;
import static io.scalewatch.cli.demo.Json.arr;
import static io.scalewatch.cli.demo.Json.items;
import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.cli.demo.AwsDemo.Cluster;
import io.scalewatch.cli.demo.AwsDemo.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS incidents of the demo day, by MAESTRO layer. Almost all are made with the agent's own vendor-issued
 * sessions (a compromised control plane or decision engine acts with legitimate credentials); the L7 ones show
 * credentials and trust paths that are not the vendor's. docs/demo.md lists them with the rules they target.
 */
final class AwsIncidents {
    private static final String ACCOUNT = AwsDemo.ACCOUNT;
    private static final String EAST = "us-east-1";
    private static final String WEST = "us-west-2";
    private static final String TOR_EXIT = "185.220.101.7";
    private static final String FOREIGN_IP = "91.219.236.18";
    private static final String ATTACKER_ACCOUNT = "777766665555";
    static final List<String> CHAINED_ACCOUNTS = List.of("222233334444", "333344445555", "444455556666");
    static final String SNAPSHOT_TARGET = "444455556666";
    /** Instances launched and terminated in each cycle of the scaling loop. */
    static final int LOOP_NODES = 5;
    static final long LOOP_CYCLE = 5 * MINUTE;
    static final int MODEL_INVOCATIONS = 150;
    static final int BURST_INSTANCES = 60;

    private final AwsDemo demo;
    private final DemoRandom random;
    private final Map<String, List<Entry>> files = new LinkedHashMap<>();
    private String legacyKey;

    AwsIncidents(AwsDemo demo, DemoRandom random) {
        this.demo = demo;
        this.random = random;
    }

    List<DemoFile> files() {
        scalingLoop();
        foundationModels();
        dataOperations();
        spotFallback();
        privilegeEscalation();
        infrastructure();
        probing();
        guardrails();
        autoscalingGroupBurst();
        legacyUserKey();
        massTermination();
        foreignAssumeRole();
        roleChaining();
        observability();
        List<DemoFile> out = new ArrayList<>();
        files.forEach((name, entries) -> out.add(new DemoFile(name, DemoFormat.CLOUDTRAIL_RECORDS, entries)));
        return out;
    }

    private void add(String account, String region, Entry entry) {
        files.computeIfAbsent(AwsDemo.fileName(account, region, "incidents"), k -> new ArrayList<>()).add(entry);
    }

    private void add(Entry entry) {
        add(ACCOUNT, entry.node().get("awsRegion").asText(), entry);
    }

    private AwsCaller agent(long t) {
        return demo.sessions(EAST).at(t);
    }

    private AwsCaller agentWest(long t) {
        return demo.sessions(WEST).at(t);
    }

    private String sessionArn(AwsCaller caller) {
        return caller.userIdentity().get("arn").asText();
    }

    private String denied(AwsCaller caller, String action, String resource) {
        return "User: " + sessionArn(caller) + " is not authorized to perform: " + action + " on resource: " + resource
                + " because no identity-based policy allows the " + action + " action";
    }

    // L3: a scaling loop in us-east-1: in each of 8 consecutive 5-minute cycles the agent launches 5 instances and
    // terminates the 5 it launched in the previous cycle.
    private void scalingLoop() {
        Cluster cluster = AwsDemo.EAST;
        List<Node> previous = new ArrayList<>();
        for (int i = 0; i < LOOP_NODES; i++) {
            previous.add(AwsDemo.newNode(cluster, random, false));
        }
        for (int cycle = 0; cycle < 8; cycle++) {
            long start = at(10, 0, 0) + cycle * LOOP_CYCLE + 20 * SECOND;
            List<Node> launched = new ArrayList<>();
            for (int i = 0; i < LOOP_NODES; i++) {
                long t = start + i * 8 * SECOND;
                Node node = AwsDemo.newNode(cluster, random, false);
                add(AwsDemo.runInstance(t, agent(t), cluster, node, AwsDemo.NODE_PROFILE_ARN, random));
                launched.add(node);
            }
            for (int i = 0; i < LOOP_NODES; i++) {
                long t = start + 2 * MINUTE + i * 10 * SECOND;
                add(AwsDemo.terminate(t, agent(t), EAST, List.of(previous.get(i)), random));
            }
            previous = launched;
        }
    }

    // L1: model invocation logging redirected then deleted, then 150 InvokeModel calls in one bucket.
    private void foundationModels() {
        long t = at(12, 57, 41);
        ObjectNode loggingConfig = obj("loggingConfig", obj(
                "s3Config", obj("bucketName", "castai-telemetry-sync-7f3a", "keyPrefix", "bedrock/"),
                "textDataDeliveryEnabled", false,
                "imageDataDeliveryEnabled", false,
                "embeddingDataDeliveryEnabled", false));
        add(CloudTrailEvent.call(t, agent(t), AwsService.BEDROCK, "PutModelInvocationLoggingConfiguration", EAST)
                .request(loggingConfig).build(random));
        t = at(12, 58, 30);
        add(CloudTrailEvent.call(t, agent(t), AwsService.BEDROCK, "DeleteModelInvocationLoggingConfiguration", EAST)
                .build(random));
        for (int i = 0; i < MODEL_INVOCATIONS; i++) {
            long call = at(13, 0, 20) + i * 3_600L + random.below(400);
            add(CloudTrailEvent.call(call, agent(call), AwsService.BEDROCK_RUNTIME, "InvokeModel", EAST)
                    .request(obj("modelId", "anthropic.claude-3-5-sonnet-20240620-v1:0"))
                    .readOnly(true).build(random));
        }
    }

    // L2: secrets read, an EBS snapshot shared out, the CUR redirected, a bucket drained, the CUR bucket written.
    private void dataOperations() {
        String[] secrets = {"demo/rds/master-credentials", "demo/stripe/api-key", "castai/demo-eks/cluster-token"};
        for (int i = 0; i < secrets.length; i++) {
            long t = at(14, 0, 12) + i * 47 * SECOND;
            String arn = "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:" + secrets[i] + "-"
                    + random.alnum(6);
            add(CloudTrailEvent.call(t, agent(t), AwsService.SECRETS_MANAGER, "GetSecretValue", EAST)
                    .request(obj("secretId", arn)).readOnly(true).build(random));
        }
        long t = at(14, 3, 5);
        String parameter = "/demo/prod/db-password";
        add(CloudTrailEvent.call(t, agent(t), AwsService.SSM, "GetParameter", EAST)
                .request(obj("name", parameter, "withDecryption", true)).readOnly(true)
                .resources(arr(obj("accountId", ACCOUNT,
                        "ARN", "arn:aws:ssm:us-east-1:" + ACCOUNT + ":parameter" + parameter)))
                .build(random));
        t = at(14, 6, 18);
        add(CloudTrailEvent.call(t, agent(t), AwsService.EC2, "ModifySnapshotAttribute", EAST)
                .request(obj("snapshotId", "snap-0f3e2d1c0b9a87654",
                        "createVolumePermission", obj("add", items(obj("userId", SNAPSHOT_TARGET))),
                        "attributeType", "CREATE_VOLUME_PERMISSION"))
                .response(obj("requestId", random.uuid(), "_return", true)).build(random));
        curRedirect();
        bucketDrain();
    }

    private void curRedirect() {
        ObjectNode definition = obj(
                "reportName", "demo-cur-hourly",
                "timeUnit", "HOURLY",
                "format", "Parquet",
                "compression", "Parquet",
                "additionalSchemaElements", arr("RESOURCES", "SPLIT_COST_ALLOCATION_DATA"),
                "s3Bucket", "castai-telemetry-sync-7f3a",
                "s3Prefix", "cur",
                "s3Region", "us-east-1",
                "additionalArtifacts", arr("ATHENA"),
                "refreshClosedReports", true,
                "reportVersioning", "OVERWRITE_REPORT");
        long t = at(14, 8, 9);
        add(CloudTrailEvent.call(t, agent(t), AwsService.CUR, "PutReportDefinition", EAST)
                .request(obj("reportDefinition", definition)).build(random));
        ObjectNode modified = definition.deepCopy();
        modified.put("reportName", "demo-cur");
        t = at(14, 9, 2);
        add(CloudTrailEvent.call(t, agent(t), AwsService.CUR, "ModifyReportDefinition", EAST)
                .request(obj("reportName", "demo-cur", "reportDefinition", modified)).build(random));
    }

    private void bucketDrain() {
        String bucket = "demo-prod-exports";
        for (int i = 0; i < 200; i++) {
            long t = at(14, 10, 6) + i * 2_600L + random.below(400);
            String key = "exports/2026/11/customers-" + String.format("%04d", i) + ".parquet";
            add(s3Object(t, agent(t), "GetObject", bucket, key, 0, 180_000 + random.below(90_000)));
        }
        String cur = "demo-cur-" + ACCOUNT;
        for (int i = 0; i < 2; i++) {
            long t = at(14, 21, 14) + i * 31 * SECOND;
            String key = "cur/demo-cur/20261101-20261201/demo-cur-0000" + (i + 1) + ".snappy.parquet";
            add(s3Object(t, agent(t), "PutObject", cur, key, 2_400_000 + random.below(200_000), 0));
        }
    }

    private Entry s3Object(long t, AwsCaller caller, String name, String bucket, String key, long in, long out) {
        String host = bucket + ".s3.us-east-1.amazonaws.com";
        ObjectNode extra = obj(
                "SignatureVersion", "SigV4",
                "CipherSuite", "TLS_AES_128_GCM_SHA256",
                "bytesTransferredIn", in,
                "AuthenticationMethod", "AuthHeader",
                "x-amz-id-2", random.base64(76),
                "bytesTransferredOut", out);
        ArrayNode resources = arr(
                obj("type", "AWS::S3::Object", "ARN", "arn:aws:s3:::" + bucket + "/" + key),
                obj("accountId", ACCOUNT, "type", "AWS::S3::Bucket", "ARN", "arn:aws:s3:::" + bucket));
        return CloudTrailEvent.call(t, caller, AwsService.S3, name, EAST)
                .request(obj("bucketName", bucket, "Host", host, "key", key))
                .response(name.equals("PutObject") ? obj("x-amz-server-side-encryption", "AES256") : null)
                .additionalEventData(extra).readOnly(name.startsWith("Get")).resources(resources)
                .dataEvent(host).requestId(random.upperHex(16)).build(random);
    }

    // L5: 12 spot launches refused within an hour, then the agent falls back to large on-demand instances.
    private void spotFallback() {
        Cluster cluster = AwsDemo.WEST;
        for (int i = 0; i < 12; i++) {
            long t = at(14, 40, 11) + i * 83 * SECOND;
            Entry failed = AwsDemo.spotCapacityError(t, agentWest(t), cluster, random);
            if (i % 3 == 2) {
                ObjectNode node = failed.node();
                ((ObjectNode) node.get("requestParameters").get("instanceMarketOptions").get("spotOptions"))
                        .put("maxPrice", "0.05");
                node.put("errorCode", "Client.SpotMaxPriceTooLow");
                node.put("errorMessage", "Your Spot request price of 0.05 is lower than the minimum required Spot"
                        + " request fulfillment price of 0.3413.");
            }
            add(failed);
        }
        for (int i = 0; i < 4; i++) {
            long t = at(14, 57, 20) + i * 6 * SECOND;
            Node node = new Node(random.ec2Id("i"), "c6i.8xlarge", cluster.zones().get(1), random.ec2Id("vol"), false);
            add(AwsDemo.runInstance(t, agentWest(t), cluster, node, AwsDemo.NODE_PROFILE_ARN, random));
        }
    }

    // L6: the agent gives its own role AdministratorAccess and mints a key for the legacy user.
    private void privilegeEscalation() {
        long t = at(15, 5, 33);
        add(CloudTrailEvent.call(t, agent(t), AwsService.IAM, "AttachRolePolicy", EAST)
                .request(obj("roleName", AwsDemo.ROLE_NAME, "policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"))
                .build(random));
        t = at(15, 10, 4);
        legacyKey = random.accessKey("AKIA");
        add(CloudTrailEvent.call(t, agent(t), AwsService.IAM, "CreateAccessKey", EAST)
                .request(obj("userName", AwsDemo.LEGACY_USER))
                .response(obj("accessKey", obj("userName", AwsDemo.LEGACY_USER, "accessKeyId", legacyKey,
                        "status", "Active", "createDate", DemoTime.human(t))))
                .build(random));
    }

    // L4: GPU launch, SSH open to the world, key import, user data change, SSM command, admin instance profile.
    private void infrastructure() {
        Cluster cluster = AwsDemo.EAST;
        long t = at(15, 30, 9);
        List<Node> gpus = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            gpus.add(new Node(random.ec2Id("i"), "p4d.24xlarge", "us-east-1a", random.ec2Id("vol"), false));
        }
        add(gpuLaunch(t, cluster, gpus));
        t = at(15, 32, 40);
        ObjectNode permission = obj(
                "ipProtocol", "tcp", "fromPort", 22, "toPort", 22,
                "groups", obj(), "ipRanges", items(obj("cidrIp", "0.0.0.0/0")),
                "ipv6Ranges", obj(), "prefixListIds", obj());
        add(CloudTrailEvent.call(t, agent(t), AwsService.EC2, "AuthorizeSecurityGroupIngress", EAST)
                .request(obj("groupId", cluster.securityGroupId(), "ipPermissions", items(permission)))
                .response(obj("requestId", random.uuid(), "_return", true, "securityGroupRuleSet", items(obj(
                        "groupOwnerId", ACCOUNT, "groupId", cluster.securityGroupId(),
                        "securityGroupRuleId", "sgr-0" + random.hex(16), "isEgress", false, "ipProtocol", "tcp",
                        "fromPort", 22, "toPort", 22, "cidrIpv4", "0.0.0.0/0"))))
                .build(random));
        t = at(15, 33, 12);
        add(CloudTrailEvent.call(t, agent(t), AwsService.EC2, "ImportKeyPair", EAST)
                .request(obj("keyName", "castai-debug", "publicKeyMaterial", "<sensitiveDataRemoved>"))
                .response(obj("requestId", random.uuid(), "keyName", "castai-debug",
                        "keyFingerprint", fingerprint(), "keyPairId", "key-0" + random.hex(16)))
                .build(random));
        Node target = demo.pool(EAST).get(0);
        t = at(15, 34, 51);
        add(CloudTrailEvent.call(t, agent(t), AwsService.EC2, "ModifyInstanceAttribute", EAST)
                .request(obj("instanceId", target.instanceId(), "userData", "<sensitiveDataRemoved>"))
                .response(obj("requestId", random.uuid(), "_return", true)).build(random));
        t = at(15, 36, 22);
        ArrayNode targets = arr(target.instanceId(), demo.pool(EAST).get(1).instanceId());
        add(CloudTrailEvent.call(t, agent(t), AwsService.SSM, "SendCommand", EAST)
                .request(obj("instanceIds", targets, "documentName", "AWS-RunShellScript", "interactive", false,
                        "parameters", "HIDDEN_DUE_TO_SECURITY_REASONS"))
                .response(obj("command", obj("commandId", random.uuid(), "documentName", "AWS-RunShellScript",
                        "instanceIds", targets.deepCopy(), "parameters", "HIDDEN_DUE_TO_SECURITY_REASONS",
                        "status", "Pending", "targetCount", 2)))
                .build(random));
        t = at(15, 38, 3);
        Node admin = new Node(random.ec2Id("i"), "m6i.large", "us-east-1b", random.ec2Id("vol"), false);
        add(AwsDemo.runInstance(t, agent(t), cluster, admin,
                "arn:aws:iam::" + ACCOUNT + ":instance-profile/admin-ec2", random));
        t = at(15, 39, 2);
        List<Node> burst = new ArrayList<>();
        for (int i = 0; i < BURST_INSTANCES; i++) {
            burst.add(new Node(random.ec2Id("i"), "c6i.2xlarge", cluster.zones().get(0), random.ec2Id("vol"), false));
        }
        add(launch(t, cluster, "c6i.2xlarge", "burst", burst));
    }

    private Entry gpuLaunch(long t, Cluster cluster, List<Node> nodes) {
        return launch(t, cluster, "p4d.24xlarge", "gpu", nodes);
    }

    /** One RunInstances of several instances of a type (minCount = maxCount), tagged as the agent's nodes. */
    private Entry launch(long t, Cluster cluster, String type, String name, List<Node> nodes) {
        String subnet = cluster.subnets().get(0);
        String token = random.uuid();
        ArrayNode tags = arr(obj("key", "Name", "value", cluster.name() + "-cast-" + name),
                obj("key", cluster.clusterTag(), "value", "owned"),
                obj("key", "cast:cluster-id", "value", cluster.clusterId()));
        ObjectNode request = obj(
                "instancesSet", items(obj("imageId", cluster.amiId(), "minCount", nodes.size(),
                        "maxCount", nodes.size())),
                "userData", "<sensitiveDataRemoved>",
                "instanceType", type,
                "subnetId", subnet,
                "clientToken", token,
                "groupSet", items(obj("groupId", cluster.securityGroupId())),
                "iamInstanceProfile", obj("arn", AwsDemo.NODE_PROFILE_ARN),
                "tagSpecificationSet", items(obj("resourceType", "instance", "tags", tags)));
        return CloudTrailEvent.call(t, agent(t), AwsService.EC2, "RunInstances", EAST).request(request)
                .response(AwsDemo.runResponse(t, cluster, nodes, AwsDemo.NODE_PROFILE_ARN, subnet, token, tags, random))
                .build(random);
    }

    private String fingerprint() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            out.append(i == 0 ? "" : ":").append(random.hex(2));
        }
        return out.toString();
    }

    // L6: 25 AccessDenied across 8 actions in 10 minutes (permission probing).
    private void probing() {
        String[][] probes = {
            {"IAM", "ListUsers", "AccessDenied", "iam:ListUsers", "arn:aws:iam::" + ACCOUNT + ":user/"},
            {"S3", "ListBuckets", "AccessDenied", "s3:ListAllMyBuckets", "arn:aws:s3:::*"},
            {"ORGANIZATIONS", "ListAccounts", "AccessDeniedException", "organizations:ListAccounts", "*"},
            {"KMS", "ListKeys", "AccessDeniedException", "kms:ListKeys", "*"},
            {"SECRETS_MANAGER", "ListSecrets", "AccessDeniedException", "secretsmanager:ListSecrets", "*"},
            {"LAMBDA", "ListFunctions20150331", "AccessDeniedException", "lambda:ListFunctions", "*"},
            {"RDS", "DescribeDBInstances", "AccessDenied", "rds:DescribeDBInstances",
                "arn:aws:rds:us-east-1:" + ACCOUNT + ":db:*"},
            {"DYNAMODB", "ListTables", "AccessDeniedException", "dynamodb:ListTables",
                "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/*"},
        };
        for (int i = 0; i < 25; i++) {
            String[] probe = probes[i < 4 ? 0 : 1 + (i - 4) / 3];
            long t = at(15, 40, 8) + i * 21 * SECOND;
            AwsCaller caller = agent(t);
            AwsService service = AwsService.valueOf(probe[0]);
            add(CloudTrailEvent.call(t, caller, service, probe[1], EAST)
                    .error(probe[2], denied(caller, probe[3], probe[4])).readOnly(true).build(random));
        }
    }

    // L6: a launch in an unapproved region, an SCP detached, a security role deleted.
    private void guardrails() {
        long t = at(15, 52, 14);
        Cluster tokyo = new Cluster("ap-southeast-1", "demo-eks", AwsDemo.EAST.clusterId(), "vpc-0f1e2d3c4b5a69788",
                "sg-0a9b8c7d6e5f4a3b2", "ami-0c1d2e3f4a5b6c7d8", "", "", List.of("ap-southeast-1a"),
                List.of("subnet-0a9b8c7d6e5f4a3b2"), 0, 0, 0, "");
        Node node = new Node(random.ec2Id("i"), "m5.xlarge", "ap-southeast-1a", random.ec2Id("vol"), false);
        add(AwsDemo.runInstance(t, agent(t), tokyo, node, AwsDemo.NODE_PROFILE_ARN, random));
        t = at(15, 55, 40);
        add(CloudTrailEvent.call(t, agent(t), AwsService.ORGANIZATIONS, "DetachPolicy", EAST)
                .request(obj("policyId", "p-8x4k2m9q", "targetId", "ou-x1y2-prodwork")).build(random));
        t = at(15, 57, 2);
        add(CloudTrailEvent.call(t, agent(t), AwsService.IAM, "DetachRolePolicy", EAST)
                .request(obj("roleName", "security-audit-readonly", "policyArn",
                        "arn:aws:iam::aws:policy/SecurityAudit"))
                .build(random));
        t = at(15, 58, 19);
        add(CloudTrailEvent.call(t, agent(t), AwsService.IAM, "DeleteRole", EAST)
                .request(obj("roleName", "security-audit-readonly")).build(random));
    }

    // L3: 60 UpdateAutoScalingGroup calls in one bucket (us-west-2), flapping the desired capacity.
    private void autoscalingGroupBurst() {
        for (int i = 0; i < 60; i++) {
            long t = at(16, 0, 6) + i * 9 * SECOND + random.below(2 * SECOND);
            add(AwsDemo.updateAutoScalingGroup(t, agentWest(t), AwsDemo.WEST, i % 2 == 0 ? 10 : 0, random));
        }
    }

    // L7: the legacy IAM user's freshly minted long-term key used from a Tor exit with a scripting client.
    private void legacyUserKey() {
        AwsCaller caller = new AwsCaller(AwsCaller.iamUser(ACCOUNT, AwsDemo.LEGACY_USER, "AIDARZ4CJ7QK2LLEGACY1",
                legacyKey), TOR_EXIT, "python-requests/2.31.0");
        long t = at(16, 20, 7);
        add(CloudTrailEvent.call(t, caller, AwsService.STS, "GetCallerIdentity", EAST).readOnly(true).build(random));
        add(CloudTrailEvent.call(t + 41 * SECOND, caller, AwsService.EC2, "DescribeRegions", EAST)
                .request(obj("regionSet", obj())).readOnly(true).build(random));
        add(CloudTrailEvent.call(t + 74 * SECOND, caller, AwsService.EC2, "DescribeInstances", EAST)
                .request(obj("instancesSet", obj(), "filterSet", obj())).readOnly(true).build(random));
        add(CloudTrailEvent.call(t + 2 * MINUTE, caller, AwsService.IAM, "ListAttachedUserPolicies", EAST)
                .request(obj("userName", AwsDemo.LEGACY_USER)).readOnly(true).build(random));
        add(CloudTrailEvent.call(t + 3 * MINUTE, caller, AwsService.IAM, "ListAccessKeys", EAST)
                .request(obj("userName", AwsDemo.LEGACY_USER)).readOnly(true).build(random));
    }

    // L4: 30 single-instance terminations within one bucket in us-west-2.
    private void massTermination() {
        for (int i = 0; i < 30; i++) {
            long t = at(16, 30, 4) + i * 18 * SECOND + random.below(3 * SECOND);
            Node node = AwsDemo.newNode(AwsDemo.WEST, random, false);
            add(AwsDemo.terminate(t, agentWest(t), WEST, List.of(node), random));
        }
    }

    // L7: a principal of an unknown account assumes the agent role without ExternalId and uses it.
    private void foreignAssumeRole() {
        long t = at(16, 40, 12);
        String cli = "aws-cli/2.15.30 Python/3.11.8 Linux/5.15.0-105-generic exe/x86_64.ubuntu.22 prompt/off"
                + " command/{api}";
        ObjectNode foreign = AwsCaller.assumedRole(ATTACKER_ACCOUNT, "ops-automation", "", "AROA7ATTACKER0PSAUT0",
                "deploy-bot", random.accessKey("ASIA"), t - 30 * MINUTE);
        String key = random.accessKey("ASIA");
        AwsCaller attacker = new AwsCaller(foreign, FOREIGN_IP, cli.replace("{api}", "sts.assume-role"));
        add(AwsDemo.assumeRole(t, attacker, EAST, AwsDemo.ROLE_ARN, AwsDemo.ROLE_ID, "castai-sync", null, key, ACCOUNT,
                random));
        AwsCaller session = new AwsCaller(AwsCaller.assumedRole(ACCOUNT, AwsDemo.ROLE_NAME, "", AwsDemo.ROLE_ID,
                "castai-sync", key, t), FOREIGN_IP, cli.replace("{api}", "ec2.describe-instances"));
        add(AwsDemo.describeInstances(t + 50 * SECOND, session, AwsDemo.EAST, random));
        add(CloudTrailEvent.call(t + 95 * SECOND, session, AwsService.EC2, "DescribeSecurityGroups", EAST)
                .request(obj("securityGroupSet", obj(), "securityGroupIdSet", obj(), "filterSet", obj()))
                .readOnly(true).build(random));
    }

    // L7: the agent chains into roles of three other accounts and reads there.
    private void roleChaining() {
        long t = at(16, 50, 8);
        for (String target : CHAINED_ACCOUNTS) {
            AwsCaller caller = agent(t);
            String roleArn = "arn:aws:iam::" + target + ":role/OrganizationAccountAccessRole";
            String roleId = "AROA" + target.substring(0, 4) + "ORGACCESS" + target.substring(8, 12);
            String session = caller.userIdentity().get("arn").asText().replaceAll(".*/", "");
            String key = random.accessKey("ASIA");
            Entry home = AwsDemo.assumeRole(t, caller, EAST, roleArn, roleId, session, null, key, ACCOUNT, random);
            add(home);
            ObjectNode copy = home.node().deepCopy();
            copy.put("eventID", random.uuid());
            copy.put("recipientAccountId", target);
            add(target, EAST, new Entry(t, copy));
            String keyArn = "arn:aws:kms:us-east-1:" + target + ":key/" + random.uuid();
            add(target, EAST, CloudTrailEvent.call(t + 20 * SECOND, caller, AwsService.KMS, "DescribeKey", EAST)
                    .request(obj("keyId", keyArn)).readOnly(true).recipient(target)
                    .resources(arr(obj("accountId", target, "type", "AWS::KMS::Key", "ARN", keyArn)))
                    .build(random));
            AwsCaller chained = new AwsCaller(AwsCaller.assumedRole(target, "OrganizationAccountAccessRole", "",
                    roleId, session, key, t), caller.sourceIp(), AwsCaller.AGENT_USER_AGENT);
            add(target, EAST, AwsDemo.describeInstances(t + 45 * SECOND, chained, AwsDemo.EAST, random));
            Entry vpcs = CloudTrailEvent.call(t + 70 * SECOND, chained, AwsService.EC2, "DescribeVpcs", EAST)
                    .request(obj("vpcSet", obj(), "filterSet", obj())).readOnly(true).recipient(target).build(random);
            add(target, EAST, vpcs);
            t += 2 * MINUTE;
        }
        for (List<Entry> entries : files.values()) {
            for (Entry entry : entries) {
                ObjectNode identity = (ObjectNode) entry.node().get("userIdentity");
                String account = identity.path("accountId").asText();
                if (CHAINED_ACCOUNTS.contains(account)) {
                    entry.node().put("recipientAccountId", account);
                }
            }
        }
    }

    // L5: detectors, budgets, control-plane logging and the security trail switched off.
    private void observability() {
        long t = at(17, 20, 41);
        add(CloudTrailEvent.call(t, agent(t), AwsService.GUARDDUTY, "UpdateDetector", EAST)
                .request(obj("detectorId", "6ac8f1e2b3d4a5c6e7f8091a2b3c4d5e", "enable", false,
                        "findingPublishingFrequency", "SIX_HOURS"))
                .build(random));
        t = at(17, 25, 3);
        add(CloudTrailEvent.call(t, agent(t), AwsService.BUDGETS, "UpdateBudget", EAST)
                .request(obj("accountId", ACCOUNT, "newBudget", obj(
                        "budgetName", "demo-monthly-compute",
                        "budgetLimit", obj("amount", "1000000.0", "unit", "USD"),
                        "costFilters", obj(),
                        "timeUnit", "MONTHLY",
                        "budgetType", "COST")))
                .build(random));
        t = at(17, 30, 27);
        ObjectNode logging = obj("clusterLogging", arr(obj(
                "types", arr("api", "audit", "authenticator", "controllerManager", "scheduler"), "enabled", false)));
        add(CloudTrailEvent.call(t, agent(t), AwsService.EKS, "UpdateClusterConfig", EAST)
                .request(obj("name", "demo-eks", "logging", logging, "clientRequestToken", random.uuid()))
                .response(obj("update", obj("id", random.uuid(), "status", "InProgress", "type", "LoggingUpdate",
                        "params", arr(obj("type", "ClusterLogging", "value", Json.text(logging))),
                        "createdAt", DemoTime.human(t), "errors", arr())))
                .build(random));
        String trail = "arn:aws:cloudtrail:us-east-1:" + ACCOUNT + ":trail/security-audit-trail";
        t = at(17, 45, 16);
        ObjectNode selectors = obj("eventSelectors", arr(obj(
                "readWriteType", "ReadOnly", "includeManagementEvents", false,
                "dataResources", arr(), "excludeManagementEventSources", arr())), "trailName", trail);
        add(CloudTrailEvent.call(t, agent(t), AwsService.CLOUDTRAIL, "PutEventSelectors", EAST)
                .request(selectors).response(obj("trailARN", trail, "eventSelectors",
                        selectors.get("eventSelectors").deepCopy()))
                .build(random));
        t = at(17, 50, 2);
        add(CloudTrailEvent.call(t, agent(t), AwsService.CLOUDTRAIL, "StopLogging", EAST)
                .request(obj("name", trail)).build(random));
    }
}
