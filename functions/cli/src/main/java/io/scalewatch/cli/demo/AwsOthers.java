package io.scalewatch.cli.demo;

import static io.scalewatch.cli.demo.DemoTime.DAY_START_MS;
import static io.scalewatch.cli.demo.DemoTime.HOUR;
import static io.scalewatch.cli.demo.DemoTime.MINUTE;
import static io.scalewatch.cli.demo.DemoTime.SECOND;
import static io.scalewatch.cli.demo.Json.arr;
import static io.scalewatch.cli.demo.Json.items;
import static io.scalewatch.cli.demo.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Background calls of principals other than the agent in one EKS region: the VPC CNI (IRSA), nodes pulling
 * images, the EKS control plane using KMS, an engineer in the console and a GitHub Actions deployment role. They
 * are outside the identity filter but make the log look like a real account's.
 */
final class AwsOthers {
    private static final String ACCOUNT = AwsDemo.ACCOUNT;
    private static final String BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final String CNI_AGENT = "aws-sdk-go/1.55.5 (go1.22.5; linux; amd64) amazon-vpc-cni-k8s/v1.18.3";
    private static final String ECR_AGENT = "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux"
            + " md/GOARCH#amd64 api/{api} ecr-credential-provider/v1.31.0";
    private static final String CLI = "aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-azure exe/x86_64.ubuntu.22"
            + " prompt/off command/{api}";

    private final AwsDemo.Cluster cluster;
    private final DemoRandom random;
    private final String oidcProvider;

    AwsOthers(AwsDemo.Cluster cluster, DemoRandom random) {
        this.cluster = cluster;
        this.random = random;
        this.oidcProvider = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/oidc.eks." + cluster.region()
                + ".amazonaws.com/id/" + random.upperHex(32);
    }

    void addTo(List<Entry> out) {
        vpcCni(out);
        imagePulls(out);
        eksKms(out);
        if (cluster == AwsDemo.EAST) {
            engineer(out);
            deployments(out);
        }
    }

    /** aws-node refreshes its IRSA credentials hourly and inspects ENIs every few minutes. */
    private void vpcCni(List<Entry> out) {
        String role = "demo-eks-vpc-cni";
        for (int hour = 0; hour < 24; hour++) {
            long start = DAY_START_MS + hour * HOUR + random.below(40 * SECOND);
            String session = String.valueOf(1_795_000_000_000L + start % 1_000_000_000L);
            String key = random.accessKey("ASIA");
            out.add(assumeRoleWithWebIdentity(start, role, session, "system:serviceaccount:kube-system:aws-node", key,
                    cluster.natIp(), CNI_AGENT));
            AwsCaller caller = new AwsCaller(webSession(role, "AROARZ4CJ7QK2LVPCCNI1", session, key, start),
                    cluster.natIp(), CNI_AGENT);
            int every = 5;
            for (int m = 1; m < 60; m += every) {
                long t = start + m * MINUTE + random.below(30 * SECOND);
                out.add(CloudTrailEvent.call(t, caller, AwsService.EC2, "DescribeNetworkInterfaces", cluster.region())
                        .request(obj("networkInterfaceIdSet", obj(), "filterSet", items(
                                AwsDemo.filter("tag:cluster.k8s.amazonaws.com/name", cluster.name()))))
                        .readOnly(true).build(random));
            }
        }
    }

    /** Nodes fetch ECR tokens through their instance role. */
    private void imagePulls(List<Entry> out) {
        int perHour = cluster == AwsDemo.EAST ? 3 : 2;
        for (int hour = 0; hour < 24; hour++) {
            for (int i = 0; i < perHour; i++) {
                long t = DAY_START_MS + hour * HOUR + random.below(HOUR - MINUTE);
                String instance = random.ec2Id("i");
                ObjectNode identity = AwsCaller.assumedRole(ACCOUNT, AwsDemo.NODE_ROLE, "", "AROARZ4CJ7QK2LNODER0L",
                        instance, random.accessKey("ASIA"), t - random.below(5 * HOUR));
                ((ObjectNode) identity.get("sessionContext")).put("ec2RoleDelivery", "2.0");
                AwsCaller caller = new AwsCaller(identity, cluster.natIp(), ECR_AGENT);
                out.add(CloudTrailEvent.call(t, caller, AwsService.ECR, "GetAuthorizationToken", cluster.region())
                        .request(obj("registryIds", arr(ACCOUNT))).readOnly(true).build(random));
            }
        }
    }

    /** The EKS control plane decrypts Kubernetes secrets with the cluster's KMS key. */
    private void eksKms(List<Entry> out) {
        String keyArn = "arn:aws:kms:" + cluster.region() + ":" + ACCOUNT + ":key/" + random.uuid();
        for (int bucket = 0; bucket < 144; bucket++) {
            long t = DAY_START_MS + bucket * DemoTime.BUCKET + random.below(9 * MINUTE);
            ObjectNode identity = AwsCaller.assumedRole(ACCOUNT, cluster.name() + "-cluster-role", "",
                    "AROARZ4CJ7QK2LEKSCLU5", "aws-go-sdk-" + (t - 600_000), random.accessKey("ASIA"), t - 600_000);
            identity.put("invokedBy", "eks.amazonaws.com");
            AwsCaller caller = new AwsCaller(identity, "eks.amazonaws.com", "eks.amazonaws.com");
            out.add(CloudTrailEvent.call(t, caller, AwsService.KMS, "Decrypt", cluster.region())
                    .request(obj("keyId", keyArn, "encryptionAlgorithm", "SYMMETRIC_DEFAULT"))
                    .readOnly(true)
                    .resources(arr(obj("accountId", ACCOUNT, "type", "AWS::KMS::Key", "ARN", keyArn)))
                    .build(random));
        }
    }

    /** An SSO engineer browsing the console during working hours. */
    private void engineer(List<Entry> out) {
        String session = "alice.martin@demo-corp.example";
        String role = "AWSReservedSSO_DevOps_5f1c2a9b8e7d6c4a";
        List<String> reads = List.of("DescribeInstances", "DescribeSecurityGroups", "DescribeVolumes",
                "DescribeInstanceStatus", "DescribeVpcs");
        for (int hour = 8; hour < 18; hour++) {
            long login = DAY_START_MS + hour * HOUR + random.below(20 * MINUTE);
            ObjectNode identity = AwsCaller.assumedRole(ACCOUNT, role, "aws-reserved/sso.amazonaws.com/", 
                    "AROARZ4CJ7QK2LSSODEV3", session, random.accessKey("ASIA"), login);
            AwsCaller caller = new AwsCaller(identity, "62.210.44." + random.between(10, 40), BROWSER);
            int clicks = random.between(4, 9);
            for (int i = 0; i < clicks; i++) {
                long t = login + i * random.between(20, 90) * SECOND;
                out.add(CloudTrailEvent.call(t, caller, AwsService.EC2, random.pick(reads), cluster.region())
                        .request(obj("filterSet", obj())).readOnly(true).build(random));
            }
        }
    }

    /** GitHub Actions deploys a few times a day through OIDC federation. */
    private void deployments(List<Entry> out) {
        String role = "github-actions-deploy";
        for (int deploy = 0; deploy < 5; deploy++) {
            long t = DemoTime.at(9 + deploy * 2, random.between(0, 50), random.between(5, 55));
            String session = "GitHubActions";
            String key = random.accessKey("ASIA");
            String ip = "4.148." + random.between(0, 255) + "." + random.between(1, 254);
            out.add(assumeRoleWithWebIdentity(t, role, session, "repo:demo-corp/shop:ref:refs/heads/main", key, ip,
                    CLI.replace("{api}", "sts.assume-role-with-web-identity")));
            AwsCaller caller = new AwsCaller(webSession(role, "AROARZ4CJ7QK2LGHADEP4", session, key, t), ip, CLI);
            out.add(CloudTrailEvent.call(t + 4 * SECOND, caller, AwsService.ECR, "GetAuthorizationToken",
                    cluster.region()).readOnly(true).build(random));
            out.add(CloudTrailEvent.call(t + 40 * SECOND, caller, AwsService.ECR, "PutImage", cluster.region())
                    .request(obj("repositoryName", "shop/web", "imageTag", "sha-" + random.hex(7),
                            "registryId", ACCOUNT))
                    .build(random));
            out.add(CloudTrailEvent.call(t + 55 * SECOND, caller, AwsService.EKS, "DescribeCluster", cluster.region())
                    .request(obj("name", cluster.name())).readOnly(true).build(random));
        }
    }

    private ObjectNode webSession(String role, String roleId, String session, String key, long created) {
        ObjectNode identity = AwsCaller.assumedRole(ACCOUNT, role, "", roleId, session, key, created);
        ((ObjectNode) identity.get("sessionContext")).set("webIdFederationData", obj(
                "federatedProvider", oidcProvider, "attributes", obj()));
        return identity;
    }

    private Entry assumeRoleWithWebIdentity(long t, String role, String session, String subject, String key,
            String ip, String userAgent) {
        String roleArn = "arn:aws:iam::" + ACCOUNT + ":role/" + role;
        ObjectNode identity = obj(
                "type", "WebIdentityUser",
                "principalId", oidcProvider + ":sts.amazonaws.com:" + subject,
                "userName", subject,
                "identityProvider", oidcProvider);
        ObjectNode response = obj(
                "credentials", obj("accessKeyId", key, "sessionToken", "IQoJb3JpZ2luX2VjE" + random.base64(300),
                        "expiration", DemoTime.human(t + HOUR)),
                "subjectFromWebIdentityToken", subject,
                "assumedRoleUser", obj("assumedRoleId", "AROARZ4CJ7QK2LWEBID00:" + session,
                        "arn", "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/" + session),
                "provider", oidcProvider,
                "audience", "sts.amazonaws.com");
        return CloudTrailEvent.call(t, new AwsCaller(identity, ip, userAgent), AwsService.STS,
                        "AssumeRoleWithWebIdentity", cluster.region())
                .request(obj("roleArn", roleArn, "roleSessionName", session, "durationSeconds", 3600))
                .response(response).readOnly(true)
                .resources(arr(obj("accountId", ACCOUNT, "type", "AWS::IAM::Role", "ARN", roleArn)))
                .build(random);
    }
}
