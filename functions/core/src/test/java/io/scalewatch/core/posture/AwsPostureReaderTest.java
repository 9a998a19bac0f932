package io.scalewatch.core.posture;

import static io.scalewatch.core.posture.PostureFixtures.AWS_ACCOUNT;
import static io.scalewatch.core.posture.PostureFixtures.CASTAI_ROLE;
import static io.scalewatch.core.posture.PostureFixtures.CAST_POLICY;
import static io.scalewatch.core.posture.PostureFixtures.EC2_READ_ONLY;
import static io.scalewatch.core.posture.PostureFixtures.IAM_READ_ONLY;
import static io.scalewatch.core.posture.PostureFixtures.loader;
import static io.scalewatch.core.posture.PostureFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsPostureReaderTest {
    private static final String INLINE = "inline:" + CASTAI_ROLE + ":castai-user-policy-demo#";
    private static final String USER = "arn:aws:iam::111122223333:user/cast-eks-legacy";
    private static final String DEPLOYER = "arn:aws:iam::111122223333:role/ci/github-actions-deployer";

    private static Posture only(PostureLoadResult result) {
        assertThat(result.postures()).hasSize(1);
        return result.postures().get(0);
    }

    private static Grant grant(Posture posture, String source) {
        return posture.grants().stream().filter(g -> g.source().equals(source)).findFirst()
                .orElseThrow(() -> new AssertionError("no grant " + source + " in " + posture.grants()));
    }

    @Test
    void load_authorizationDetails_castaiRoleHasInlineThenAttachedDefaultVersionGrants() {
        PostureLoadResult result = loader().load(List.of(resource("posture/aws")), IdentityMatcher.parse(CASTAI_ROLE));

        Posture posture = only(result);
        assertThat(posture.cloud()).isEqualTo(CloudProvider.AWS);
        assertThat(posture.identity()).isEqualTo(CASTAI_ROLE);
        assertThat(posture.account()).isEqualTo(AWS_ACCOUNT);
        assertThat(posture.source()).endsWith("authorization-details.json");
        assertThat(posture.tags()).isEqualTo(Map.of("managed-by", "terraform", "cast.ai/cluster", "demo"));
        assertThat(posture.boundary().present()).isFalse();
        assertThat(posture.credentials()).isEmpty();
        assertThat(posture.grants()).extracting(Grant::source).containsExactly(
                INLINE + "RunInstancesTagRestriction", INLINE + "RunInstancesVpcRestriction",
                INLINE + "InstanceActionsTagRestriction", INLINE + "VpcRestrictedActions",
                INLINE + "AutoscalingActionsTagRestriction", INLINE + "EKS",
                CAST_POLICY + "#PassRoleEC2", CAST_POLICY + "#NonResourcePermissions",
                CAST_POLICY + "#RunInstancesPermissions",
                EC2_READ_ONLY + "#0", EC2_READ_ONLY + "#1", EC2_READ_ONLY + "#2", EC2_READ_ONLY + "#3",
                IAM_READ_ONLY + "#0");
        assertThat(result.warnings()).isEmpty();
        assertThat(result.unresolved()).isEmpty();
    }

    @Test
    void load_castPolicy_passRoleKeepsResourceAndPassedToServiceCondition() {
        Posture posture = only(loader().load(List.of(resource("posture/aws")), IdentityMatcher.parse(CASTAI_ROLE)));

        Grant passRole = grant(posture, CAST_POLICY + "#PassRoleEC2");
        assertThat(passRole.effect()).isEqualTo(Grant.Effect.ALLOW);
        assertThat(passRole.actions()).containsExactly("iam:PassRole");
        assertThat(passRole.notActions()).isEmpty();
        assertThat(passRole.resources()).containsExactly("arn:aws:iam::*:role/*");
        assertThat(passRole.conditions().at("/StringEquals/iam:PassedToService").asText())
                .isEqualTo("ec2.amazonaws.com");
        assertThat(passRole.role()).isEmpty();
        Grant destructive = grant(posture, CAST_POLICY + "#NonResourcePermissions");
        assertThat(destructive.actions()).contains("iam:DeleteRole", "iam:DetachRolePolicy",
                "iam:DeleteInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:CreateServiceLinkedRole",
                "iam:DeleteServiceLinkedRole", "ec2:CreateSecurityGroup", "ec2:ImportKeyPair", "ec2:CreateTags");
        assertThat(destructive.resources()).containsExactly("*");
        assertThat(destructive.conditions().isEmpty()).isTrue();
        // v1 of the policy is not the default version and so not in force.
        assertThat(posture.grants()).extracting(Grant::source).doesNotContain(CAST_POLICY + "#LegacyDescribe");
    }

    @Test
    void load_castaiRole_carriesTheNodeRoleItMayPassToEc2WithTheGrantThatAllowsIt() {
        PostureLoadResult result = loader().load(List.of(resource("posture/aws")), IdentityMatcher.parse(CASTAI_ROLE));

        Posture posture = only(result);
        assertThat(posture.passableRoles()).hasSize(1);
        PassableRole node = posture.passableRoles().get(0);
        assertThat(node.role().identity()).isEqualTo("arn:aws:iam::111122223333:role/castai-eks-instance-demo");
        assertThat(node.via()).containsExactly(CAST_POLICY + "#PassRoleEC2");
        assertThat(node.role().grants()).extracting(Grant::source)
                .containsExactly("arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy#WorkerNodePermissions");
        assertThat(node.role().trust()).extracting(TrustStatement::principals)
                .containsExactly(List.of("Service:ec2.amazonaws.com"));
    }

    @Test
    void load_passRoleOnNamePattern_passesOnlyMatchingRolesThatTrustEc2() {
        String controller = "arn:aws:iam::123456789012:role/KarpenterControllerRole-demo";
        PostureLoadResult result =
                loader().load(List.of(resource("posture-passable/aws")), IdentityMatcher.parse(controller));

        Posture posture = only(result);
        // ops-admin trusts EC2 but is outside the KarpenterNodeRole-* pattern; the -lambda role matches the
        // pattern but EC2 cannot assume it.
        assertThat(posture.passableRoles()).extracting(r -> r.role().identity()).containsExactly(
                "arn:aws:iam::123456789012:role/KarpenterNodeRole-demo",
                "arn:aws:iam::123456789012:role/KarpenterNodeRole-legacy-admin");
        assertThat(posture.passableRoles()).allSatisfy(r -> assertThat(r.via()).containsExactly(
                "inline:" + controller + ":KarpenterControllerPolicy#AllowPassingInstanceRole"));
        assertThat(posture.passableRoles().get(1).role().grants()).extracting(Grant::actions)
                .containsExactly(List.of("*"));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void load_wildcardAdminAndNodeRole_adminPassesEveryEc2RoleNodeRoleNone() {
        PostureLoadResult result = loader().load(List.of(resource("posture-passable/aws")),
                IdentityMatcher.parse("arn:aws:iam::123456789012:role/ops-admin"));

        // ops-admin's "*" covers iam:PassRole: every other EC2-trusting role of the account is passable.
        assertThat(only(result).passableRoles()).extracting(r -> r.role().identity()).containsExactly(
                "arn:aws:iam::123456789012:role/KarpenterNodeRole-demo",
                "arn:aws:iam::123456789012:role/KarpenterNodeRole-legacy-admin");
        PostureLoadResult node = loader().load(List.of(resource("posture-passable/aws")),
                IdentityMatcher.parse("arn:aws:iam::123456789012:role/KarpenterNodeRole-demo"));
        assertThat(only(node).passableRoles()).isEmpty();
    }

    @Test
    void load_castaiRoleTrust_keepsVendorPrincipalAndExternalIdCondition() {
        Posture posture = only(loader().load(List.of(resource("posture/aws")), IdentityMatcher.parse(CASTAI_ROLE)));

        assertThat(posture.trust()).hasSize(1);
        TrustStatement trust = posture.trust().get(0);
        assertThat(trust.effect()).isEqualTo(Grant.Effect.ALLOW);
        assertThat(trust.principals()).containsExactly("AWS:arn:aws:iam::444455556666:user/cast-crossrole-demo");
        assertThat(trust.actions()).containsExactly("sts:AssumeRole");
        assertThat(trust.conditions().at("/StringEquals/sts:ExternalId").asText())
                .isEqualTo("c9a1e0d2-7f3b-4c1e-9d2a-5b6c7d8e9f00");
        assertThat(trust.source()).isEqualTo("trust:" + CASTAI_ROLE + "#0");
    }

    @Test
    void load_user_getsOwnInlineGroupInlineAndGroupAttachedGrants() {
        Posture posture = only(loader().load(List.of(resource("posture/aws")), IdentityMatcher.parse(USER)));

        assertThat(posture.identity()).isEqualTo(USER);
        assertThat(posture.trust()).isEmpty();
        assertThat(posture.tags()).containsEntry("onboarding", "legacy-access-key");
        assertThat(posture.grants()).extracting(Grant::source).containsExactly(
                "inline:" + USER + ":cast-legacy-describe#0",
                "inline:arn:aws:iam::111122223333:group/castai-onboarding:onboarding-iam-read#ReadRoles",
                EC2_READ_ONLY + "#0", EC2_READ_ONLY + "#1", EC2_READ_ONLY + "#2", EC2_READ_ONLY + "#3");
        // A single Statement object with a string Action reads like the array form.
        assertThat(posture.grants().get(0).actions()).containsExactly("eks:Describe*");
        assertThat(posture.grants().get(0).resources()).containsExactly("*");
    }

    @Test
    void load_roleWithPathAndBoundary_readsFederatedTrustAndBoundaryStatements() {
        Posture posture = only(loader().load(List.of(resource("posture/aws")), IdentityMatcher.parse(DEPLOYER)));

        assertThat(posture.trust()).singleElement().satisfies(trust -> {
            assertThat(trust.principals()).containsExactly(
                    "Federated:arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com");
            assertThat(trust.actions()).containsExactly("sts:AssumeRoleWithWebIdentity");
            assertThat(trust.conditions().at("/StringLike/token.actions.githubusercontent.com:sub").asText())
                    .isEqualTo("repo:example-org/shop:ref:refs/heads/main");
        });
        String boundary = "arn:aws:iam::111122223333:policy/DeveloperBoundary";
        assertThat(posture.boundary().sources()).containsExactly(boundary);
        assertThat(posture.boundary().grants()).extracting(Grant::source)
                .containsExactly(boundary + "#AllowDelivery", boundary + "#DenyIamWrites");
        Grant deny = posture.boundary().grants().get(1);
        assertThat(deny.effect()).isEqualTo(Grant.Effect.DENY);
        assertThat(deny.actions()).isEmpty();
        assertThat(deny.notActions()).containsExactly("iam:Get*", "iam:List*");
        assertThat(deny.resources()).containsExactly("arn:aws:iam::111122223333:*");
    }

    @Test
    void load_roleMatcher_selectsOnlyThatRole() {
        PostureLoadResult result = loader().load(List.of(resource("posture/aws")),
                IdentityMatcher.parse("arn:aws:iam::111122223333:role/castai-eks-instance-demo"));

        assertThat(result.postures()).extracting(Posture::identity)
                .containsExactly("arn:aws:iam::111122223333:role/castai-eks-instance-demo");
        assertThat(only(result).trust().get(0).principals()).containsExactly("Service:ec2.amazonaws.com");
    }

    @Test
    void load_allPrincipals_givesEveryRoleAndUserButNoGroup() {
        PostureLoadResult result = loader().load(List.of(resource("posture/aws")), IdentityMatcher.all());

        assertThat(result.postures()).extracting(Posture::identity).containsExactly(
                CASTAI_ROLE, "arn:aws:iam::111122223333:role/castai-eks-instance-demo", DEPLOYER, USER);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void load_otherAccountRole_givesNoPostureAndSaysSo() {
        PostureLoadResult result = loader().load(List.of(resource("posture/aws")),
                IdentityMatcher.parse("arn:aws:iam::999999999999:role/castai-eks-demo"));

        assertThat(result.postures()).isEmpty();
        assertThat(result.warnings()).singleElement().asString()
                .contains("arn:aws:iam::999999999999:role/castai-eks-demo", "no posture");
    }

    @Test
    void load_urlEncodedDocuments_decodesTrustInlineAndManagedPolicies() {
        PostureLoadResult result = loader().load(List.of(resource("posture-cases/aws-encoded")), IdentityMatcher.all());

        Posture posture = only(result);
        String role = "arn:aws:iam::111122223333:role/encoded-role";
        assertThat(posture.trust()).hasSize(2);
        assertThat(posture.trust().get(0).principals()).containsExactly("*");
        assertThat(posture.trust().get(0).conditions().at("/StringEquals/aws:PrincipalOrgID").asText())
                .isEqualTo("o-a1b2c3d4e5");
        assertThat(posture.trust().get(1).principals())
                .containsExactly("Service:ec2.amazonaws.com", "Service:eks.amazonaws.com");
        assertThat(posture.grants()).extracting(Grant::source).containsExactly(
                "inline:" + role + ":wide#Everything", "inline:" + role + ":wide#NoTrailTampering",
                "inline:" + role + ":wide#2", "inline:" + role + ":as-json-string#0",
                "arn:aws:iam::111122223333:policy/Tagger#TagWithPlus");
        Grant everything = posture.grants().get(0);
        assertThat(everything.effect()).isEqualTo(Grant.Effect.ALLOW);
        assertThat(everything.actions()).isEmpty();
        assertThat(everything.notActions()).containsExactly("iam:*", "organizations:*");
        Grant deny = posture.grants().get(1);
        assertThat(deny.effect()).isEqualTo(Grant.Effect.DENY);
        assertThat(deny.actions()).containsExactly("cloudtrail:StopLogging", "cloudtrail:DeleteTrail");
        Grant notResource = posture.grants().get(2);
        assertThat(notResource.resources()).isEmpty();
        assertThat(notResource.notResources()).containsExactly("arn:aws:s3:::secret-bucket/*");
        assertThat(posture.grants().get(3).actions()).containsExactly("sqs:SendMessage");
        // RFC 3986 decoding keeps a literal '+' (URLDecoder alone would turn it into a space).
        assertThat(posture.grants().get(4).conditions().at("/StringEquals/aws:RequestTag~1team").asText())
                .isEqualTo("a+b team");
    }

    @Test
    void load_trustWithNotPrincipal_leavesStatementOutAndWarns() {
        PostureLoadResult result = loader().load(List.of(resource("posture-cases/aws-encoded")), IdentityMatcher.all());

        assertThat(only(result).trust()).extracting(TrustStatement::source).containsExactly(
                "trust:arn:aws:iam::111122223333:role/encoded-role#0",
                "trust:arn:aws:iam::111122223333:role/encoded-role#1");
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w)
                .contains("authorization-details.json", "encoded-role#2", "NotPrincipal"));
    }

    @Test
    void load_accessKeyList_givesTheUserAccessKeyCredentialsAndWarnsAboutUnknownUsers() {
        List<Path> files = List.of(resource("posture/aws"), resource("posture-cases/aws-access-keys"));
        PostureLoadResult result = loader().load(files, IdentityMatcher.parse(USER));

        assertThat(only(result).credentials()).containsExactly(
                new Credential("access_key", "AKIAYDEMOLEGACY00001", Instant.parse("2022-03-14T09:13:20Z"),
                        "Active"),
                new Credential("access_key", "AKIAYDEMOLEGACY00002", Instant.parse("2021-11-02T16:45:01Z"),
                        "Inactive"));
        assertThat(result.warnings()).singleElement().asString()
                .contains("list-access-keys.json", "AKIAYDEMODEPARTED001", "departed-user");
    }

    @Test
    void load_accessKeyMatcher_selectsTheUserOwningTheKey() {
        List<Path> files = List.of(resource("posture/aws"), resource("posture-cases/aws-access-keys"));

        PostureLoadResult result = loader().load(files, IdentityMatcher.parse("AKIAYDEMOLEGACY00002"));

        assertThat(result.postures()).extracting(Posture::identity).containsExactly(USER);
    }

    @Test
    void load_missingManagedPolicyAndBoundary_reportsThemUnresolvedWithoutEmptyGrants() {
        PostureLoadResult result = loader().load(List.of(resource("posture-cases/aws-encoded")), IdentityMatcher.all());

        Posture posture = only(result);
        String s3ReadOnly = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
        String boundary = "arn:aws:iam::111122223333:policy/MissingBoundary";
        assertThat(result.unresolved()).containsExactly(s3ReadOnly, boundary);
        assertThat(posture.grants()).noneMatch(g -> g.source().startsWith(s3ReadOnly));
        assertThat(posture.grants()).allMatch(g -> !g.actions().isEmpty() || !g.notActions().isEmpty());
        assertThat(posture.boundary().sources()).containsExactly(boundary);
        assertThat(posture.boundary().grants()).isEmpty();
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains(s3ReadOnly, "not in the files"));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains(boundary, "permissions boundary"));
    }

    @Test
    void load_cliOutputs_combinesGetRoleInlineAttachedAndPolicyVersions() {
        PostureLoadResult result = loader().load(List.of(resource("posture-cases/aws-cli")),
                IdentityMatcher.parse(CASTAI_ROLE));

        Posture posture = only(result);
        assertThat(posture.grants()).extracting(Grant::source).containsExactly(
                INLINE + "EKS", CAST_POLICY + "#NonResourcePermissions", EC2_READ_ONLY + "#0");
        assertThat(posture.trust()).singleElement().satisfies(trust -> {
            assertThat(trust.principals()).containsExactly("AWS:arn:aws:iam::444455556666:user/cast-crossrole-demo",
                    "AWS:arn:aws:iam::444455556666:root");
            assertThat(trust.actions()).containsExactly("sts:AssumeRole", "sts:TagSession");
        });
        assertThat(posture.tags()).containsEntry("managed-by", "terraform");
        assertThat(posture.source()).contains("get-role.json", "get-role-policy.json",
                "list-attached-role-policies.json");
        assertThat(result.unresolved()).containsExactly(IAM_READ_ONLY, "inline:" + CASTAI_ROLE + ":castai-extra",
                "arn:aws:iam::111122223333:policy/CastBoundary");
        assertThat(posture.boundary().sources()).containsExactly("arn:aws:iam::111122223333:policy/CastBoundary");
    }

    @Test
    void load_bareVersionWithTwoCandidatePolicies_ignoresItWithReason(@TempDir Path dir)
            throws IOException {
        Path cli = resource("posture-cases/aws-cli");
        Files.copy(cli.resolve("get-role.json"), dir.resolve("get-role.json"));
        Files.copy(cli.resolve("list-attached-role-policies.json"), dir.resolve("list-attached-role-policies.json"));
        Files.copy(cli.resolve("ec2-readonly/get-policy.json"), dir.resolve("a-get-policy.json"));
        String other = Files.readString(cli.resolve("ec2-readonly/get-policy.json"))
                .replace("AmazonEC2ReadOnlyAccess", "AmazonEC2FullAccess");
        Files.writeString(dir.resolve("b-get-policy.json"), other);
        Files.copy(cli.resolve("ec2-readonly/get-policy-version.json"), dir.resolve("get-policy-version.json"));

        PostureLoadResult result = loader().load(List.of(dir), IdentityMatcher.parse(CASTAI_ROLE));

        assertThat(result.warnings()).anySatisfy(w -> assertThat(w)
                .contains("get-policy-version.json", "ignored", "2 get-policy file(s)", "PolicyArn"));
        assertThat(result.unresolved()).contains(EC2_READ_ONLY);
        assertThat(only(result).grants()).isEmpty();
    }

    @Test
    void load_getPolicyAndVersionMergedInOneFile_resolvesThePolicy(@TempDir Path dir)
            throws IOException {
        Path cli = resource("posture-cases/aws-cli");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode merged = (ObjectNode) mapper.readTree(cli.resolve("ec2-readonly/get-policy.json").toFile());
        merged.setAll((ObjectNode) mapper.readTree(
                cli.resolve("ec2-readonly/get-policy-version.json").toFile()));
        Files.writeString(dir.resolve("ec2-readonly.json"), mapper.writeValueAsString(merged));
        Files.copy(cli.resolve("get-role.json"), dir.resolve("get-role.json"));
        Files.copy(cli.resolve("list-attached-role-policies.json"), dir.resolve("list-attached-role-policies.json"));

        PostureLoadResult result = loader().load(List.of(dir), IdentityMatcher.parse(CASTAI_ROLE));

        assertThat(only(result).grants()).extracting(Grant::source).containsExactly(EC2_READ_ONLY + "#0");
        assertThat(result.unresolved()).doesNotContain(EC2_READ_ONLY);
    }

    @Test
    void read_statementWithNumericAction_throwsNamingDocumentAndStatement() throws IOException {
        String json = """
            {"RoleDetailList":[{"RoleName":"r","Arn":"arn:aws:iam::111122223333:role/r",
              "RolePolicyList":[{"PolicyName":"p","PolicyDocument":{"Statement":[{"Sid":"S1","Effect":"Allow",
              "Action":5,"Resource":"*"}]}}]}]}""";
        PostureDocument document = new PostureDocument("hostile.json", new ObjectMapper().readTree(json));

        assertThatThrownBy(() -> AwsPostureReader.read(List.of(document), IdentityMatcher.all()))
                .isInstanceOf(PostureFileException.class)
                .hasMessageStartingWith("hostile.json: ")
                .hasMessageContaining("inline:arn:aws:iam::111122223333:role/r:p#S1")
                .hasMessageContaining("Action must be a string or an array of strings, found NUMBER");
    }

    @Test
    void read_gcpDocument_throwsNotAnAwsFile() throws IOException {
        PostureDocument document = new PostureDocument("gcp.json",
                new ObjectMapper().readTree("{\"bindings\":[],\"etag\":\"x\"}"));

        assertThatThrownBy(() -> AwsPostureReader.read(List.of(document), IdentityMatcher.all()))
                .isInstanceOf(PostureFileException.class)
                .hasMessageStartingWith("gcp.json: not an AWS IAM file");
    }
}
