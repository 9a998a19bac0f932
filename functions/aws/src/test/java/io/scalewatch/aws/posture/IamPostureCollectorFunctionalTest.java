package io.scalewatch.aws.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.aws.Moto;
import io.scalewatch.aws.access.AccountAccess;
import io.scalewatch.aws.access.AccountSession;
import io.scalewatch.aws.access.AwsClients;
import io.scalewatch.aws.collect.DemoTrail;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.posture.Grant;
import io.scalewatch.core.posture.Posture;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/** IAM posture from moto's IAM, in an account of its own reached through AccountAccess. */
class IamPostureCollectorFunctionalTest {
    private static String account;
    private static String role;
    private static StsClient sts;
    private static AwsClients clients;
    private static AccountSession session;

    @BeforeAll
    static void createAccount() {
        account = String.format("%012d", ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        role = "arn:aws:iam::" + account + ":role/castai-eks";
        sts = StsClient.builder().endpointOverride(Moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(Moto.credentials()).build();
        clients = AwsClients.builder().endpointOverride(Moto.endpoint()).build();
        session = AccountAccess.builder().sts(sts).roleName("scalewatch-read").externalId("scalewatch-test-external-id")
                .runId("posture-test").clients(clients).build().assume(account);
        IamClient iam = session.iam();
        String boundary = iam.createPolicy(b -> b.policyName("castai-boundary")
                .policyDocument(DemoTrail.resource("iam/castai-boundary.json"))).policy().arn();
        String cast = iam.createPolicy(b -> b.policyName("CastEKSPolicy")
                .policyDocument(DemoTrail.resource("iam/cast-eks-policy-v1.json"))).policy().arn();
        iam.createPolicyVersion(b -> b.policyArn(cast).setAsDefault(true)
                .policyDocument(DemoTrail.resource("iam/cast-eks-policy-v2.json")));
        String node = iam.createPolicy(b -> b.policyName("castai-node-policy")
                .policyDocument(DemoTrail.resource("iam/node-policy.json"))).policy().arn();
        iam.createRole(b -> b.roleName("castai-eks")
                .assumeRolePolicyDocument(DemoTrail.resource("iam/castai-trust.json"))
                .permissionsBoundary(boundary).tags(t -> t.key("team").value("platform")));
        iam.attachRolePolicy(b -> b.roleName("castai-eks").policyArn(cast));
        iam.putRolePolicy(b -> b.roleName("castai-eks").policyName("castai-inline")
                .policyDocument(DemoTrail.resource("iam/castai-inline.json")));
        String ec2 = DemoTrail.resource("iam/ec2-trust.json");
        iam.createRole(b -> b.roleName("castai-node-a").assumeRolePolicyDocument(ec2)
                .tags(t -> t.key("kubernetes.io/cluster/demo-eks").value("owned")));
        iam.attachRolePolicy(b -> b.roleName("castai-node-a").policyArn(node));
        iam.putRolePolicy(b -> b.roleName("castai-node-a").policyName("node-inline")
                .policyDocument(DemoTrail.resource("iam/node-inline.json")));
        iam.createRole(b -> b.roleName("castai-node-lambda")
                .assumeRolePolicyDocument(DemoTrail.resource("iam/lambda-trust.json")));
        iam.createRole(b -> b.roleName("castai-node-denied").assumeRolePolicyDocument(ec2));
        iam.createRole(b -> b.roleName("shared-ec2").assumeRolePolicyDocument(ec2));
        iam.createRole(b -> b.roleName("other-admin").assumeRolePolicyDocument(ec2));
        iam.createRole(b -> b.roleName("castai-node-b").path("/nodes/").assumeRolePolicyDocument(ec2));
    }

    @AfterAll
    static void close() {
        session.close();
        clients.close();
        sts.close();
    }

    private static IamPostureCollector collector() {
        return IamPostureCollector.builder().iam(session.iam()).account(account).runId("posture-test").build();
    }

    @Test
    void collect_watchedRole_readsTrustBoundaryTagsAndDefaultVersionsOfItsPolicies() {
        IamPostureResult result = collector().collect(role);

        Posture posture = result.identity();
        assertThat(posture.identity()).isEqualTo(role);
        assertThat(posture.account()).isEqualTo(account);
        assertThat(posture.tags()).containsEntry("team", "platform");
        assertThat(posture.grants()).extracting(Grant::source).containsExactlyInAnyOrder(
                "arn:aws:iam::" + account + ":policy/CastEKSPolicy#RunInstances",
                "arn:aws:iam::" + account + ":policy/CastEKSPolicy#PassRoleEC2",
                "inline:" + role + ":castai-inline#PassSharedRoles",
                "inline:" + role + ":castai-inline#NeverTheDeniedNode");
        assertThat(posture.grants()).noneSatisfy(g -> assertThat(g.actions()).contains("*"));
        Grant pass = posture.grants().stream().filter(g -> g.source().endsWith("#PassRoleEC2")).findFirst()
                .orElseThrow();
        assertThat(pass.conditions().path("StringEquals").path("iam:PassedToService").asText())
                .isEqualTo("ec2.amazonaws.com");
        assertThat(posture.trust()).singleElement().satisfies(t -> {
            assertThat(t.principals()).containsExactly("AWS:arn:aws:iam::999988887777:role/castai-control-plane");
            assertThat(t.actions()).containsExactly("sts:AssumeRole");
            assertThat(t.conditions().path("StringEquals").path("sts:ExternalId").asText())
                    .isEqualTo("6d1c8a2e-5b7f-4c3e-9a0d-2f4e6b8c1a3d");
        });
        assertThat(posture.boundary().sources()).containsExactly("arn:aws:iam::" + account + ":policy/castai-boundary");
        assertThat(posture.boundary().grants()).extracting(Grant::source).containsExactly(
                "arn:aws:iam::" + account + ":policy/castai-boundary#NodeLifecycle",
                "arn:aws:iam::" + account + ":policy/castai-boundary#PassNodeRolesOnly");
        assertThat(result.warnings()).isEmpty();
        assertThat(result.unresolved()).isEmpty();
    }

    @Test
    void collect_passRole_keepsOnlyEc2TrustingRolesTheGrantsBoundaryAndDenyLetItPass() {
        IamPostureResult result = collector().collect(role);

        assertThat(result.passableRoles()).extracting(Posture::identity)
                .containsExactly("arn:aws:iam::" + account + ":role/castai-node-a");
        Posture node = result.passableRoles().get(0);
        assertThat(node.tags())
                .containsEntry("kubernetes.io/cluster/demo-eks", "owned")
                .containsEntry(IamPostureResult.PASSABLE_BY, role)
                .containsEntry(IamPostureResult.PASSABLE_VIA,
                        "arn:aws:iam::" + account + ":policy/CastEKSPolicy#PassRoleEC2");
        assertThat(node.grants()).extracting(Grant::source).containsExactlyInAnyOrder(
                "inline:arn:aws:iam::" + account + ":role/castai-node-a:node-inline#ReadImages",
                "arn:aws:iam::" + account + ":policy/castai-node-policy#WorkerNode");
        assertThat(node.trust()).singleElement().satisfies(t ->
                assertThat(t.principals()).containsExactly("Service:ec2.amazonaws.com"));
        assertThat(result.postures()).extracting(Posture::identity).containsExactly(role,
                "arn:aws:iam::" + account + ":role/castai-node-a");
    }

    @Test
    void collect_identityMatcher_collectsTheRolesOfThisAccountOnly() {
        IdentityMatcher agent = IdentityMatcher.anyOf(List.of(IdentityMatcher.parse(role),
                IdentityMatcher.parse("arn:aws:iam::111122223333:role/castai-eks-demo"),
                IdentityMatcher.parse("castai-gke@demo-project.iam.gserviceaccount.com")));

        List<IamPostureResult> results = collector().collect(agent);

        assertThat(results).singleElement().satisfies(r -> assertThat(r.identity().identity()).isEqualTo(role));
    }

    @Test
    void collect_missingRole_throwsNamingTheRole() {
        assertThatThrownBy(() -> collector().collect("arn:aws:iam::" + account + ":role/no-such-role"))
                .isInstanceOf(IamPostureException.class)
                .hasMessage("role arn:aws:iam::" + account + ":role/no-such-role does not exist in account " + account);
    }

    @Test
    void collect_roleOfAnotherAccount_rejected() {
        assertThatThrownBy(() -> collector().collect("arn:aws:iam::111122223333:role/castai-eks"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a role ARN of account " + account);
    }

    @Test
    void collect_roleWithoutPassRole_hasNoPassableRoles() {
        IamPostureResult node = collector().collect("arn:aws:iam::" + account + ":role/castai-node-a");

        assertThat(node.passableRoles()).isEmpty();
        assertThat(node.identity().boundary().present()).isFalse();
    }
}
