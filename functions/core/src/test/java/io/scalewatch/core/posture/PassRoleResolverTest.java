package io.scalewatch.core.posture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.event.CloudProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PassRoleResolverTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NODE = "arn:aws:iam::123456789012:role/castai-node-a";

    private static Grant grant(Grant.Effect effect, List<String> actions, List<String> notActions,
            List<String> resources, List<String> notResources, String conditions, String source) throws Exception {
        JsonNode condition = conditions.isEmpty() ? null : MAPPER.readTree(conditions);
        return new Grant(effect, actions, notActions, resources, notResources, condition, source, "");
    }

    private static Grant allow(List<String> resources, String conditions) throws Exception {
        return grant(Grant.Effect.ALLOW, List.of("iam:PassRole"), List.of(), resources, List.of(), conditions, "allow");
    }

    private static PassRoleResolver resolver(Boundary boundary, Grant... grants) {
        return new PassRoleResolver(new Posture(CloudProvider.AWS, "arn:aws:iam::123456789012:role/castai-eks",
                "123456789012", List.of(grants), List.of(), List.of(), boundary, Map.of(), "test"));
    }

    @Test
    void allowingSources_passedToServiceOtherThanEc2_notPassable() throws Exception {
        PassRoleResolver lambdaOnly = resolver(Boundary.NONE, allow(List.of("*"),
                "{\"StringEquals\": {\"iam:PassedToService\": [\"lambda.amazonaws.com\"]}}"));
        PassRoleResolver ec2Like = resolver(Boundary.NONE, allow(List.of("*"),
                "{\"StringLike\": {\"iam:PassedToService\": \"ec2.*\"}}"));
        PassRoleResolver notEc2 = resolver(Boundary.NONE, allow(List.of("*"),
                "{\"StringNotEquals\": {\"iam:PassedToService\": \"ec2.amazonaws.com\"}}"));
        PassRoleResolver otherCondition = resolver(Boundary.NONE, allow(List.of("*"),
                "{\"StringEquals\": {\"aws:RequestedRegion\": \"eu-west-1\"}}"));

        assertThat(lambdaOnly.allowingSources(NODE)).isEmpty();
        assertThat(ec2Like.allowingSources(NODE)).containsExactly("allow");
        assertThat(notEc2.allowingSources(NODE)).isEmpty();
        assertThat(otherCondition.allowingSources(NODE)).containsExactly("allow");
    }

    @Test
    void allowingSources_notActionAndNotResource_readAsIamDoes() throws Exception {
        PassRoleResolver allButS3 = resolver(Boundary.NONE, grant(Grant.Effect.ALLOW, List.of(), List.of("s3:*"),
                List.of(), List.of("arn:aws:iam::*:role/admin-*"), "", "notaction"));

        assertThat(allButS3.mayPassAny()).isTrue();
        assertThat(allButS3.allowingSources(NODE)).containsExactly("notaction");
        assertThat(allButS3.allowingSources("arn:aws:iam::123456789012:role/admin-1")).isEmpty();
    }

    @Test
    void allowingSources_unconditionalDenyWins_conditionalDenyDoesNot() throws Exception {
        Grant deny = grant(Grant.Effect.DENY, List.of("iam:*"), List.of(), List.of(NODE), List.of(), "", "deny");
        Grant conditionalDeny = grant(Grant.Effect.DENY, List.of("iam:PassRole"), List.of(), List.of(NODE), List.of(),
                "{\"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}}", "deny-no-mfa");

        assertThat(resolver(Boundary.NONE, allow(List.of("*"), ""), deny).allowingSources(NODE)).isEmpty();
        assertThat(resolver(Boundary.NONE, allow(List.of("*"), ""), conditionalDeny).allowingSources(NODE))
                .containsExactly("allow");
    }

    @Test
    void allowingSources_boundaryWithoutPassRole_notPassable() throws Exception {
        Boundary ec2Only = new Boundary(List.of("boundary"), List.of(grant(Grant.Effect.ALLOW, List.of("ec2:*"),
                List.of(), List.of("*"), List.of(), "", "boundary#0")));
        Boundary passNodes = new Boundary(List.of("boundary"), List.of(allow(List.of("arn:aws:iam::*:role/castai-*"),
                "")));

        assertThat(resolver(ec2Only, allow(List.of("*"), "")).allowingSources(NODE)).isEmpty();
        assertThat(resolver(passNodes, allow(List.of("*"), "")).allowingSources(NODE)).containsExactly("allow");
    }

    @Test
    void mayPassAny_noPassRoleGrant_false() throws Exception {
        PassRoleResolver readOnly = resolver(Boundary.NONE, grant(Grant.Effect.ALLOW, List.of("ec2:Describe*"),
                List.of(), List.of("*"), List.of(), "", "ro"));

        assertThat(readOnly.mayPassAny()).isFalse();
    }
}
