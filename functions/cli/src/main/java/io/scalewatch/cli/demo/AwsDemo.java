package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.DemoTime.BUCKET;
import static io.scalewatch.cli.demo.DemoTime.DAY_START_MS;
import static io.scalewatch.cli.demo.DemoTime.HOUR;
import static io.scalewatch.cli.demo.DemoTime.MINUTE;
import static io.scalewatch.cli.demo.DemoTime.SECOND;
import static io.scalewatch.cli.demo.Json.arr;
import static io.scalewatch.cli.demo.Json.items;
import static io.scalewatch.cli.demo.Json.itemsOf;
import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS part of the demo day: two EKS clusters (us-east-1 {@code demo-eks}, us-west-2 {@code demo-eks-west})
 * managed by a CAST-AI-like agent through the role {@code castai-eks-demo}, the vendor's AssumeRole calls, other
 * principals' background, and the injected incidents ({@link AwsIncidents}).
 */
final class AwsDemo {
    static final String ACCOUNT = "111122223333";
    static final String VENDOR_ACCOUNT = "999988887777";
    static final String ROLE_NAME = "castai-eks-demo";
    static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/" + ROLE_NAME;
    static final String ROLE_ID = "AROARZ4CJ7QK2LDEMO5TQ";
    static final String VENDOR_ROLE_ARN = "arn:aws:iam::" + VENDOR_ACCOUNT + ":role/castai-control-plane";
    static final String EXTERNAL_ID = "6d1c8a2e-5b7f-4c3e-9a0d-2f4e6b8c1a3d";
    static final String LEGACY_USER = "cast-eks-demo";
    static final String LEGACY_USER_ARN = "arn:aws:iam::" + ACCOUNT + ":user/" + LEGACY_USER;
    static final String NODE_PROFILE = "castai-demo-node-profile";
    static final String NODE_PROFILE_ARN = "arn:aws:iam::" + ACCOUNT + ":instance-profile/" + NODE_PROFILE;
    static final String NODE_ROLE = "castai-demo-node-role";
    /** The vendor's egress range: every call of the agent comes from here. */
    static final String VENDOR_CIDR = "34.120.10.0/24";

    static final List<String> NODE_TYPES = List.of("m5.large", "m5.xlarge", "m6i.large", "m6i.xlarge", "m6i.2xlarge",
            "c6i.xlarge", "c6i.2xlarge", "r6i.large", "r6i.xlarge");

    /** One EKS cluster the agent manages. */
    record Cluster(String region, String name, String clusterId, String vpcId, String securityGroupId, String amiId,
            String launchTemplateId, String asgName, List<String> zones, List<String> subnets, double activity,
            int initialNodes, int sessionBase, String natIp) {
        String clusterTag() {
            return "kubernetes.io/cluster/" + name;
        }
    }

    /** A running node instance. */
    record Node(String instanceId, String type, String zone, String volumeId, boolean spot) {
    }

    static final Cluster EAST = new Cluster("us-east-1", "demo-eks", "3f6b2a91-4c1e-4d7a-9b3f-5e2a8c7d1f40",
            "vpc-0a1b2c3d4e5f60718", "sg-0c4d5e6f7a8b9c0d1", "ami-0b7e2f3a1c9d8e654", "lt-04f2a9c1e7b3d5f60",
            "eks-demo-default-20260912-6ac8f1e2", List.of("us-east-1a", "us-east-1b", "us-east-1c"),
            List.of("subnet-0a11b22c33d44e55f", "subnet-0b22c33d44e55f661", "subnet-0c33d44e55f66a772"),
            1.0, 14, 48_000, "52.2.118.36");
    static final Cluster WEST = new Cluster("us-west-2", "demo-eks-west", "8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e4f",
            "vpc-0d4e5f6a7b8c9d0e1", "sg-0e5f6a7b8c9d0e1f2", "ami-0e1f2a3b4c5d6e7f8", "lt-07c3e5a9b1d2f4e60",
            "eks-demo-west-default-20260914-1bd2c3e4", List.of("us-west-2a", "us-west-2b", "us-west-2c"),
            List.of("subnet-0d44e55f66a77b88c", "subnet-0e55f66a77b88c99d", "subnet-0f66a77b88c99d00e"),
            0.55, 8, 48_001, "44.230.17.91");

    private final long seed;
    private final Map<String, AgentSessions> sessions = new LinkedHashMap<>();
    private final Map<String, List<Node>> pools = new LinkedHashMap<>();

    AwsDemo(long seed) {
        this.seed = seed;
        for (Cluster cluster : List.of(EAST, WEST)) {
            DemoRandom random = new DemoRandom(seed * 31 + cluster.sessionBase());
            sessions.put(cluster.region(), new AgentSessions(cluster, random));
        }
    }

    /** The agent's vendor-issued sessions in one cluster region. */
    AgentSessions sessions(String region) {
        return sessions.get(region);
    }

    /** Instances of the cluster still running at the end of the day (background only). */
    List<Node> pool(String region) {
        return pools.get(region);
    }

    List<DemoFile> files() {
        List<DemoFile> files = new ArrayList<>();
        for (Cluster cluster : List.of(EAST, WEST)) {
            files.add(new DemoFile(fileName(ACCOUNT, cluster.region(), "background"), DemoFormat.CLOUDTRAIL_RECORDS,
                    background(cluster)));
        }
        files.addAll(new AwsIncidents(this, new DemoRandom(seed * 37 + 5)).files());
        return files;
    }

    static String fileName(String account, String region, String kind) {
        return "aws/" + account + "_CloudTrail_" + region + "_20261124T0000Z_" + kind + ".json.gz";
    }

    static String vendorIp(DemoRandom random) {
        return "34.120.10." + random.between(11, 62);
    }

    // ---------------------------------------------------------------------------------------------- background

    private List<Entry> background(Cluster cluster) {
        DemoRandom random = new DemoRandom(seed * 41 + cluster.sessionBase());
        AgentSessions agent = sessions(cluster.region());
        List<Entry> out = new ArrayList<>(agent.assumeRoleEntries());
        polling(cluster, agent, random, out);
        List<Node> pool = initialPool(cluster, random);
        scaling(cluster, agent, pool, random, out);
        pools.put(cluster.region(), pool);
        autoscalingGroups(cluster, agent, random, out);
        new AwsOthers(cluster, new DemoRandom(seed * 43 + cluster.sessionBase())).addTo(out);
        return out;
    }

    private static long jitteredMinute(int minute, DemoRandom random) {
        return DAY_START_MS + minute * MINUTE + 5 * SECOND + random.below(50 * SECOND);
    }

    private void polling(Cluster cluster, AgentSessions agent, DemoRandom random, List<Entry> out) {
        int describeEvery = cluster.activity() >= 1.0 ? 1 : 2;
        for (int m = 0; m < 24 * 60; m++) {
            long t = jitteredMinute(m, random);
            AwsCaller caller = agent.at(t);
            if (m % describeEvery == 0) {
                out.add(describeInstances(t, caller, cluster, random));
            }
            if (m % 5 == 2) {
                out.add(describeSpotPriceHistory(t, caller, cluster, random));
            } else if (m % 5 == 3) {
                out.add(ec2Read(t, caller, cluster, "DescribeAutoScalingGroups", random));
            } else if (m % 10 == 4) {
                out.add(ec2Read(t, caller, cluster, "DescribeSubnets", random));
            } else if (m % 10 == 6) {
                out.add(ec2Read(t, caller, cluster, "DescribeSecurityGroups", random));
            } else if (m % 10 == 8) {
                out.add(ec2Read(t, caller, cluster, "DescribeCluster", random));
            } else if (m % 15 == 7) {
                out.add(ec2Read(t, caller, cluster, "DescribeLaunchTemplateVersions", random));
            }
            switch (m % 60) {
                case 11 -> out.add(ec2Read(t, caller, cluster, "DescribeInstanceTypes", random));
                case 23 -> out.add(ec2Read(t, caller, cluster, "DescribeImages", random));
                case 29 -> out.add(ec2Read(t, caller, cluster, "DescribeInstanceTypeOfferings", random));
                case 37 -> out.add(ec2Read(t, caller, cluster, "DescribeAvailabilityZones", random));
                case 41 -> out.add(ec2Read(t, caller, cluster, "GetInstanceProfile", random));
                case 47 -> out.add(ec2Read(t, caller, cluster, "GetProducts", random));
                case 53 -> out.add(ec2Read(t, caller, cluster, "DescribeVolumes", random));
                default -> {
                    // most minutes only poll instances
                }
            }
        }
    }

    static Entry describeInstances(long t, AwsCaller caller, Cluster cluster, DemoRandom random) {
        ObjectNode request = obj(
                "instancesSet", obj(),
                "filterSet", items(
                        filter("tag:" + cluster.clusterTag(), "owned"),
                        filter("instance-state-name", "pending", "running")));
        return CloudTrailEvent.call(t, caller, AwsService.EC2, "DescribeInstances", cluster.region())
                .request(request).readOnly(true).build(random);
    }

    static ObjectNode filter(String name, String... values) {
        ArrayNode valueItems = arr();
        for (String value : values) {
            valueItems.add(obj("value", value));
        }
        return obj("name", name, "valueSet", obj("items", valueItems));
    }

    static Entry describeSpotPriceHistory(long t, AwsCaller caller, Cluster cluster, DemoRandom random) {
        List<ObjectNode> types = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            types.add(obj("instanceType", random.pick(NODE_TYPES)));
        }
        ObjectNode request = obj(
                "startTime", t - HOUR,
                "instanceTypeSet", itemsOf(types),
                "productDescriptionSet", items(obj("productDescription", "Linux/UNIX")),
                "filterSet", obj(),
                "availabilityZone", random.pick(cluster.zones()));
        return CloudTrailEvent.call(t, caller, AwsService.EC2, "DescribeSpotPriceHistory", cluster.region())
                .request(request).readOnly(true).build(random);
    }

    private static Entry ec2Read(long t, AwsCaller caller, Cluster cluster, String name, DemoRandom random) {
        String region = cluster.region();
        return switch (name) {
            case "DescribeAutoScalingGroups" -> CloudTrailEvent.call(t, caller, AwsService.AUTOSCALING, name, region)
                    .request(obj("autoScalingGroupNames", arr(cluster.asgName()))).readOnly(true).build(random);
            case "DescribeSubnets" -> CloudTrailEvent.call(t, caller, AwsService.EC2, name, region)
                    .request(obj("subnetSet", obj(), "filterSet", items(filter("vpc-id", cluster.vpcId()))))
                    .readOnly(true).build(random);
            case "DescribeSecurityGroups" -> CloudTrailEvent.call(t, caller, AwsService.EC2, name, region)
                    .request(obj("securityGroupSet", obj(), "securityGroupIdSet", obj(),
                            "filterSet", items(filter("vpc-id", cluster.vpcId()))))
                    .readOnly(true).build(random);
            case "DescribeCluster" -> CloudTrailEvent.call(t, caller, AwsService.EKS, name, region)
                    .request(obj("name", cluster.name())).readOnly(true).build(random);
            case "DescribeLaunchTemplateVersions" -> CloudTrailEvent.call(t, caller, AwsService.EC2, name, region)
                    .request(obj("DescribeLaunchTemplateVersionsRequest", obj(
                            "LaunchTemplateId", cluster.launchTemplateId(), "LaunchTemplateVersion", "$Latest")))
                    .readOnly(true).build(random);
            case "DescribeInstanceTypes" -> CloudTrailEvent.call(t, caller, AwsService.EC2, name, region)
                    .request(obj("DescribeInstanceTypesRequest", obj("MaxResults", 100))).readOnly(true).build(random);
            case "DescribeImages" -> CloudTrailEvent.call(t, caller, AwsService.EC2, name, region)
                    .request(obj("executableBySet", obj(), "imagesSet", items(obj("imageId", cluster.amiId())),
                            "ownersSet", obj(), "filterSet", obj()))
                    .readOnly(true).build(random);
            case "DescribeInstanceTypeOfferings" -> CloudTrailEvent.call(t, caller, AwsService.EC2, name, region)
                    .request(obj("DescribeInstanceTypeOfferingsRequest", obj("LocationType", "availability-zone")))
                    .readOnly(true).build(random);
            case "DescribeAvailabilityZones" -> CloudTrailEvent.call(t, caller, AwsService.EC2, name, region)
                    .request(obj("availabilityZoneSet", obj(), "availabilityZoneIdSet", obj()))
                    .readOnly(true).build(random);
            case "GetInstanceProfile" -> CloudTrailEvent.call(t, caller, AwsService.IAM, name, "us-east-1")
                    .request(obj("instanceProfileName", NODE_PROFILE)).readOnly(true).build(random);
            case "GetProducts" -> CloudTrailEvent.call(t, caller, AwsService.PRICING, name, "us-east-1")
                    .request(obj("serviceCode", "AmazonEC2", "formatVersion", "aws_v1", "maxResults", 100,
                            "filters", arr(
                                    obj("type", "TERM_MATCH", "field", "capacitystatus", "value", "Used"),
                                    obj("type", "TERM_MATCH", "field", "regionCode", "value", region))))
                    .readOnly(true).build(random);
            case "DescribeVolumes" -> CloudTrailEvent.call(t, caller, AwsService.EC2, name, region)
                    .request(obj("volumeSet", obj(), "filterSet", items(filter("tag:" + cluster.clusterTag(),
                            "owned"))))
                    .readOnly(true).build(random);
            default -> throw new IllegalArgumentException("no read named " + name);
        };
    }

    private static List<Node> initialPool(Cluster cluster, DemoRandom random) {
        List<Node> pool = new ArrayList<>();
        for (int i = 0; i < cluster.initialNodes(); i++) {
            pool.add(newNode(cluster, random, random.chance(0.6)));
        }
        return pool;
    }

    static Node newNode(Cluster cluster, DemoRandom random, boolean spot) {
        return new Node(random.ec2Id("i"), random.pick(NODE_TYPES), random.pick(cluster.zones()), random.ec2Id("vol"),
                spot);
    }

    /** Launch and consolidation, per 10-minute bucket: never both in one bucket, so there is no churn. */
    private void scaling(Cluster cluster, AgentSessions agent, List<Node> pool, DemoRandom random, List<Entry> out) {
        long spotErrorAfter = cluster == EAST ? DemoTime.at(9, 40, 0) : Long.MAX_VALUE;
        long lastTemplate = DAY_START_MS - 5 * HOUR;
        int templateVersion = 41;
        for (int bucket = 0; bucket < 144; bucket++) {
            int hour = bucket / 6;
            long start = DAY_START_MS + bucket * BUCKET;
            if (pool.size() > 6 && random.chance(terminateProbability(hour))) {
                long t = start + 20 * SECOND + random.below(8 * MINUTE);
                int count = Math.min(random.between(hour >= 17 ? 2 : 1, 3), pool.size() - 6);
                List<Node> victims = new ArrayList<>(pool.subList(0, count));
                pool.subList(0, count).clear();
                out.add(terminate(t, agent.at(t), cluster.region(), victims, random));
            } else if (random.chance(launchProbability(hour) * cluster.activity())) {
                long t = start + 20 * SECOND + random.below(6 * MINUTE);
                if (t - lastTemplate > 4 * HOUR) {
                    templateVersion++;
                    out.add(createLaunchTemplateVersion(t, agent.at(t), cluster, templateVersion, random));
                    lastTemplate = t;
                    t += 4 * SECOND;
                }
                if (t > spotErrorAfter) {
                    out.add(spotCapacityError(t, agent.at(t), cluster, random));
                    spotErrorAfter = Long.MAX_VALUE;
                    t += 3 * SECOND;
                }
                int count = launchBatchSize(random);
                for (int i = 0; i < count; i++) {
                    Node node = newNode(cluster, random, random.chance(0.6));
                    out.add(runInstance(t, agent.at(t), cluster, node, NODE_PROFILE_ARN, random));
                    out.add(tagVolume(t + 2 * SECOND, agent.at(t), cluster, node, random));
                    pool.add(node);
                    t += random.between(3, 7) * SECOND;
                }
            }
        }
    }

    private static int launchBatchSize(DemoRandom random) {
        double roll = random.unit();
        return roll < 0.35 ? 1 : roll < 0.7 ? 2 : roll < 0.9 ? 3 : 4;
    }

    /** Morning scale-up (06-10 UTC), steady day, evening scale-down (17-22 UTC). */
    static double launchProbability(int hour) {
        if (hour >= 6 && hour < 10) {
            return 0.45;
        }
        if (hour >= 10 && hour < 17) {
            return 0.15;
        }
        if (hour >= 17 && hour < 22) {
            return 0.05;
        }
        return 0.08;
    }

    static double terminateProbability(int hour) {
        if (hour >= 6 && hour < 10) {
            return 0.0;
        }
        if (hour >= 17 && hour < 22) {
            return 0.55;
        }
        return hour >= 10 && hour < 17 ? 0.04 : 0.1;
    }

    static Entry runInstance(long t, AwsCaller caller, Cluster cluster, Node node, String profileArn,
            DemoRandom random) {
        String subnet = cluster.subnets().get(cluster.zones().indexOf(node.zone()));
        String clientToken = random.uuid();
        String nodeId = random.uuid();
        ArrayNode tags = arr(
                obj("key", "Name", "value", cluster.name() + "-cast-" + nodeId.substring(0, 8)),
                obj("key", cluster.clusterTag(), "value", "owned"),
                obj("key", "cast:cluster-id", "value", cluster.clusterId()),
                obj("key", "cast:node-id", "value", nodeId),
                obj("key", "cast:managed-by", "value", "cast.ai"));
        ObjectNode request = obj(
                "instancesSet", items(obj("imageId", cluster.amiId(), "minCount", 1, "maxCount", 1)),
                "userData", "<sensitiveDataRemoved>",
                "instanceType", node.type(),
                "blockDeviceMapping", items(obj("deviceName", "/dev/xvda", "ebs", obj(
                        "volumeSize", 100, "deleteOnTermination", true, "volumeType", "gp3", "encrypted", true))),
                "monitoring", obj("enabled", false),
                "subnetId", subnet,
                "disableApiTermination", false,
                "disableApiStop", false,
                "clientToken", clientToken,
                "groupSet", items(obj("groupId", cluster.securityGroupId())),
                "iamInstanceProfile", obj("arn", profileArn));
        if (node.spot()) {
            request.set("instanceMarketOptions", obj("marketType", "spot", "spotOptions", obj(
                    "spotInstanceType", "one-time", "instanceInterruptionBehavior", "terminate")));
        }
        request.set("tagSpecificationSet", items(
                obj("resourceType", "instance", "tags", tags),
                obj("resourceType", "volume", "tags", tags.deepCopy())));
        request.set("metadataOptions", obj("httpTokens", "required", "httpPutResponseHopLimit", 2,
                "httpEndpoint", "enabled"));
        ObjectNode response = runResponse(t, cluster, List.of(node), profileArn, subnet, clientToken, tags, random);
        return CloudTrailEvent.call(t, caller, AwsService.EC2, "RunInstances", cluster.region())
                .request(request).response(response).build(random);
    }

    static ObjectNode runResponse(long t, Cluster cluster, List<Node> nodes, String profileArn, String subnet,
            String clientToken, ArrayNode tags, DemoRandom random) {
        ArrayNode instances = arr();
        int index = 0;
        for (Node node : nodes) {
            String ip = "10.0." + random.between(16, 95) + "." + random.between(4, 250);
            ObjectNode instance = obj(
                    "instanceId", node.instanceId(),
                    "imageId", cluster.amiId(),
                    "instanceState", obj("code", 0, "name", "pending"),
                    "privateDnsName", "ip-" + ip.replace('.', '-') + dnsSuffix(cluster.region()),
                    "amiLaunchIndex", index++,
                    "productCodes", obj(),
                    "instanceType", node.type(),
                    "launchTime", t,
                    "placement", obj("availabilityZone", node.zone(), "tenancy", "default"),
                    "monitoring", obj("state", "disabled"),
                    "subnetId", subnet,
                    "vpcId", cluster.vpcId(),
                    "privateIpAddress", ip,
                    "stateReason", obj("code", "pending", "message", "pending"),
                    "architecture", "x86_64",
                    "rootDeviceType", "ebs",
                    "rootDeviceName", "/dev/xvda",
                    "blockDeviceMapping", obj(),
                    "virtualizationType", "hvm",
                    "clientToken", clientToken,
                    "tagSet", obj("items", tags.deepCopy()),
                    "groupSet", items(obj("groupId", cluster.securityGroupId(),
                            "groupName", "eks-cluster-sg-" + cluster.name())),
                    "sourceDestCheck", true,
                    "hypervisor", "xen",
                    "iamInstanceProfile", obj("arn", profileArn, "id", "AIPARZ4CJ7QK2LNODE7X2"),
                    "ebsOptimized", true,
                    "enaSupport", true,
                    "metadataOptions", obj("state", "pending", "httpTokens", "required",
                            "httpPutResponseHopLimit", 2, "httpEndpoint", "enabled"),
                    "bootMode", "uefi-preferred",
                    "currentInstanceBootMode", "legacy-bios");
            if (node.spot()) {
                instance.put("instanceLifecycle", "spot");
                instance.put("spotInstanceRequestId", "sir-" + random.alnum(8));
            }
            instances.add(instance);
        }
        return obj(
                "requestId", random.uuid(),
                "reservationId", random.ec2Id("r"),
                "ownerId", ACCOUNT,
                "groupSet", obj(),
                "instancesSet", obj("items", instances));
    }

    private static String dnsSuffix(String region) {
        return region.equals("us-east-1") ? ".ec2.internal" : "." + region + ".compute.internal";
    }

    static Entry tagVolume(long t, AwsCaller caller, Cluster cluster, Node node, DemoRandom random) {
        ObjectNode request = obj(
                "resourcesSet", items(obj("resourceId", node.volumeId())),
                "tagSet", items(
                        obj("key", cluster.clusterTag(), "value", "owned"),
                        obj("key", "cast:cluster-id", "value", cluster.clusterId())));
        return CloudTrailEvent.call(t, caller, AwsService.EC2, "CreateTags", cluster.region())
                .request(request).response(obj("requestId", random.uuid(), "_return", true)).build(random);
    }

    static Entry terminate(long t, AwsCaller caller, String region, List<Node> nodes, DemoRandom random) {
        ArrayNode requested = arr();
        ArrayNode states = arr();
        for (Node node : nodes) {
            requested.add(obj("instanceId", node.instanceId()));
            states.add(obj("instanceId", node.instanceId(),
                    "currentState", obj("code", 32, "name", "shutting-down"),
                    "previousState", obj("code", 16, "name", "running")));
        }
        return CloudTrailEvent.call(t, caller, AwsService.EC2, "TerminateInstances", region)
                .request(obj("instancesSet", obj("items", requested)))
                .response(obj("requestId", random.uuid(), "instancesSet", obj("items", states)))
                .build(random);
    }

    private static Entry createLaunchTemplateVersion(long t, AwsCaller caller, Cluster cluster, int version,
            DemoRandom random) {
        ObjectNode data = obj(
                "ImageId", cluster.amiId(),
                "InstanceType", "m6i.large",
                "IamInstanceProfile", obj("Arn", NODE_PROFILE_ARN),
                "UserData", "<sensitiveDataRemoved>",
                "MetadataOptions", obj("HttpTokens", "required", "HttpPutResponseHopLimit", 2));
        ObjectNode request = obj("CreateLaunchTemplateVersionRequest", obj(
                "LaunchTemplateId", cluster.launchTemplateId(),
                "SourceVersion", "$Latest",
                "VersionDescription", "castai node template " + cluster.name() + "-default",
                "LaunchTemplateData", data));
        ObjectNode response = obj("CreateLaunchTemplateVersionResponse", obj(
                "xmlns", "http://ec2.amazonaws.com/doc/2016-11-15/",
                "requestId", random.uuid(),
                "launchTemplateVersion", obj(
                        "launchTemplateId", cluster.launchTemplateId(),
                        "launchTemplateName", "castai-" + cluster.name() + "-default",
                        "versionNumber", version,
                        "createTime", DemoTime.iso(t),
                        "createdBy", caller.userIdentity().path("arn").asText(),
                        "defaultVersion", false)));
        return CloudTrailEvent.call(t, caller, AwsService.EC2, "CreateLaunchTemplateVersion", cluster.region())
                .request(request).response(response).build(random);
    }

    /** A spot launch refused for capacity: the agent retries another type at once. */
    static Entry spotCapacityError(long t, AwsCaller caller, Cluster cluster, DemoRandom random) {
        String type = "c6i.2xlarge";
        String zone = cluster.zones().get(0);
        ObjectNode request = obj(
                "instancesSet", items(obj("imageId", cluster.amiId(), "minCount", 1, "maxCount", 1)),
                "userData", "<sensitiveDataRemoved>",
                "instanceType", type,
                "subnetId", cluster.subnets().get(0),
                "clientToken", random.uuid(),
                "iamInstanceProfile", obj("arn", NODE_PROFILE_ARN),
                "instanceMarketOptions", obj("marketType", "spot", "spotOptions", obj(
                        "spotInstanceType", "one-time", "instanceInterruptionBehavior", "terminate")));
        String message = "We currently do not have sufficient " + type + " capacity in the Availability Zone you"
                + " requested (" + zone + "). Our system will be working on provisioning additional capacity. You can"
                + " currently get " + type + " capacity by not specifying an Availability Zone in your request or"
                + " choosing " + cluster.zones().get(1) + ", " + cluster.zones().get(2) + ".";
        return CloudTrailEvent.call(t, caller, AwsService.EC2, "RunInstances", cluster.region())
                .error("Server.InsufficientInstanceCapacity", message).request(request).build(random);
    }

    private static void autoscalingGroups(Cluster cluster, AgentSessions agent, DemoRandom random, List<Entry> out) {
        for (int hour = 0; hour < 24; hour++) {
            int calls = random.between(1, cluster.activity() >= 1.0 ? 3 : 2);
            for (int i = 0; i < calls; i++) {
                long t = DAY_START_MS + hour * HOUR + (i * 20 + random.between(1, 18)) * MINUTE
                        + random.below(50 * SECOND) + 5 * SECOND;
                out.add(updateAutoScalingGroup(t, agent.at(t), cluster, random.between(0, 2), random));
            }
        }
    }

    static Entry updateAutoScalingGroup(long t, AwsCaller caller, Cluster cluster, int desired, DemoRandom random) {
        ObjectNode request = obj(
                "autoScalingGroupName", cluster.asgName(),
                "minSize", 0,
                "maxSize", 10,
                "desiredCapacity", desired);
        return CloudTrailEvent.call(t, caller, AwsService.AUTOSCALING, "UpdateAutoScalingGroup", cluster.region())
                .request(request).build(random);
    }

    // ---------------------------------------------------------------------------------------------- sessions

    /**
     * The vendor's control plane assumes the agent role every 15 minutes per cluster (with ExternalId, from its
     * egress range); every agent call in that window is signed with that session's key.
     */
    static final class AgentSessions {
        private static final long PERIOD = 15 * MINUTE;
        private final List<AwsCaller> callers = new ArrayList<>();
        private final List<Entry> assumeRoleEntries = new ArrayList<>();

        AgentSessions(Cluster cluster, DemoRandom random) {
            for (int k = 0; k < 96; k++) {
                long start = DAY_START_MS + k * PERIOD + random.below(3 * SECOND);
                String session = "castai-" + (cluster.sessionBase() + 2 * k);
                String key = random.accessKey("ASIA");
                String ip = vendorIp(random);
                callers.add(new AwsCaller(AwsCaller.assumedRole(ACCOUNT, ROLE_NAME, "", ROLE_ID, session, key, start),
                        ip, AwsCaller.AGENT_USER_AGENT));
                assumeRoleEntries.add(vendorAssumeRole(start, cluster.region(), session, key, random));
            }
        }

        AwsCaller at(long t) {
            int k = (int) Math.floorDiv(t - DAY_START_MS, PERIOD);
            return callers.get(Math.max(0, Math.min(callers.size() - 1, k)));
        }

        List<Entry> assumeRoleEntries() {
            return assumeRoleEntries;
        }

        private static Entry vendorAssumeRole(long t, String region, String session, String key, DemoRandom random) {
            String vendorSession = "castai-cp-" + random.alnum(10);
            ObjectNode vendor = AwsCaller.assumedRole(VENDOR_ACCOUNT, "castai-control-plane", "",
                    "AROA5VENDORCP7Q3XK2LM", vendorSession, random.accessKey("ASIA"), t - 20 * MINUTE);
            AwsCaller caller = new AwsCaller(vendor, vendorIp(random), AwsCaller.AGENT_USER_AGENT);
            return assumeRole(t, caller, region, ROLE_ARN, ROLE_ID, session, EXTERNAL_ID, key, ACCOUNT, random);
        }
    }

    static Entry assumeRole(long t, AwsCaller caller, String region, String roleArn, String roleId, String session,
            String externalId, String issuedKey, String recipient, DemoRandom random) {
        ObjectNode request = obj("roleArn", roleArn, "roleSessionName", session);
        if (externalId != null) {
            request.put("externalId", externalId);
        }
        request.put("durationSeconds", 3600);
        String roleAccount = roleArn.substring(13, 25);
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        ObjectNode response = obj(
                "credentials", obj(
                        "accessKeyId", issuedKey,
                        "sessionToken", "IQoJb3JpZ2luX2VjE" + random.base64(360),
                        "expiration", DemoTime.human(t + HOUR)),
                "assumedRoleUser", obj(
                        "assumedRoleId", roleId + ":" + session,
                        "arn", "arn:aws:sts::" + roleAccount + ":assumed-role/" + roleName + "/" + session));
        return CloudTrailEvent.call(t, caller, AwsService.STS, "AssumeRole", region)
                .request(request).response(response).readOnly(true)
                .resources(arr(obj("accountId", roleAccount, "type", "AWS::IAM::Role", "ARN", roleArn)))
                .recipient(recipient).sharedEventId(random.uuid())
                .build(random);
    }
}
