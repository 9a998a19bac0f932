package io.scalewatch.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.event.Actor;
import io.scalewatch.core.event.ApiCall;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudLocation;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.event.Endpoint;
import io.scalewatch.core.event.EventMetadata;
import io.scalewatch.core.event.EventStatus;
import io.scalewatch.core.event.ResourceRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityMatcherTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";

    private static AuditEvent event(CloudProvider cloud, Actor actor, String action, List<ResourceRef> resources) {
        return new AuditEvent(Instant.parse("2026-11-24T10:00:00Z"), new CloudLocation(cloud, "111122223333", "us-east-1"),
                actor, new ApiCall("ec2", "RunInstances", action, null, null, null), Endpoint.UNKNOWN, resources,
                EventStatus.SUCCESS, new EventMetadata("e-1", "cloudtrail", false));
    }

    private static Actor session(String principal, String sessionArn) {
        return new Actor(principal, "AssumedRole", sessionArn, "ASIAEXAMPLE", "", "", "111122223333");
    }

    @Test
    void matches_roleArnAndSessionIssuer_matchesEverySession() {
        IdentityMatcher matcher = IdentityMatcher.parse(ROLE);
        AuditEvent viaIssuer = event(CloudProvider.AWS, session(ROLE, ""), "ec2:RunInstances", List.of());
        AuditEvent viaSessionArn = event(CloudProvider.AWS,
                session("", "arn:aws:sts::111122223333:assumed-role/castai-eks-demo/castai-123"), "ec2:RunInstances",
                List.of());
        assertThat(matcher.kind()).isEqualTo(IdentityMatcher.Kind.AWS_ROLE);
        assertThat(matcher.matches(viaIssuer)).isTrue();
        assertThat(matcher.matches(viaSessionArn)).isTrue();
    }

    @Test
    void matches_otherRoleWithSamePrefix_doesNotMatch() {
        IdentityMatcher matcher = IdentityMatcher.parse(ROLE);
        AuditEvent other = event(CloudProvider.AWS,
                session("arn:aws:iam::111122223333:role/castai-eks-demo-2",
                        "arn:aws:sts::111122223333:assumed-role/castai-eks-demo-2/s"), "ec2:RunInstances", List.of());
        assertThat(matcher.matches(other)).isFalse();
    }

    @Test
    void matches_assumeRoleIntoWatchedRole_matchesVendorCall() {
        IdentityMatcher matcher = IdentityMatcher.parse(ROLE);
        AuditEvent assume = event(CloudProvider.AWS, Actor.of("arn:aws:iam::999988887777:user/vendor", "IAMUser"),
                "sts:AssumeRole", List.of(new ResourceRef("AWS::IAM::Role", ROLE)));
        assertThat(matcher.matches(assume)).isTrue();
    }

    @Test
    void matches_serviceAccountEmail_matchesPrincipalAndDelegate() {
        IdentityMatcher matcher = IdentityMatcher.parse("CastAI-GKE@demo-project.iam.gserviceaccount.com");
        Actor direct = Actor.of("castai-gke@demo-project.iam.gserviceaccount.com", "ServiceAccount");
        Actor delegated = new Actor("other@demo-project.iam.gserviceaccount.com", "ServiceAccount", "", "",
                "castai-gke@demo-project.iam.gserviceaccount.com", "", "");
        assertThat(matcher.matches(event(CloudProvider.GCP, direct, "compute.instances.insert", List.of()))).isTrue();
        assertThat(matcher.matches(event(CloudProvider.GCP, delegated, "compute.instances.insert", List.of())))
                .isTrue();
        assertThat(matcher.matches(event(CloudProvider.AWS, direct, "ec2:RunInstances", List.of()))).isFalse();
    }

    @Test
    void matches_azureAppId_matchesCallerApp() {
        IdentityMatcher matcher = IdentityMatcher.parse("6F1E1D2C-0000-4000-8000-000000000001");
        Actor actor = new Actor("0b5c2f6e-1111-4111-8111-111111111111", "ServicePrincipal", "", "", "",
                "6f1e1d2c-0000-4000-8000-000000000001", "");
        assertThat(matcher.matches(event(CloudProvider.AZURE, actor, "microsoft.compute/virtualmachines/write",
                List.of()))).isTrue();
    }

    @Test
    void anyOf_principalsOfThreeClouds_matchesEachAndNothingElse() {
        IdentityMatcher agent = IdentityMatcher.anyOf(List.of(IdentityMatcher.parse(ROLE),
                IdentityMatcher.parse("castai-gke@demo-project.iam.gserviceaccount.com")));
        assertThat(agent.kind()).isEqualTo(IdentityMatcher.Kind.ANY_OF);
        assertThat(agent.principals()).hasSize(2);
        assertThat(agent.matchesPrincipal(CloudProvider.AWS, ROLE)).isTrue();
        assertThat(agent.matchesPrincipal(CloudProvider.GCP, "castai-gke@demo-project.iam.gserviceaccount.com"))
                .isTrue();
        assertThat(agent.matchesPrincipal(CloudProvider.AWS, "arn:aws:iam::111122223333:role/other")).isFalse();
    }

    @Test
    void parse_garbage_namesAcceptedForms() {
        assertThatThrownBy(() -> IdentityMatcher.parse("castai"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'castai'")
                .hasMessageContaining("role ARN");
    }

    @Test
    void parse_star_matchesAll() {
        assertThat(IdentityMatcher.parse("*").matchesAll()).isTrue();
        assertThat(IdentityMatcher.anyOf(List.of(IdentityMatcher.parse(ROLE), IdentityMatcher.all())).matchesAll())
                .isTrue();
    }

    @Test
    void policyMatcher_composite_isOnePrincipalPerLine() {
        IdentityMatcher agent = IdentityMatcher.anyOf(List.of(IdentityMatcher.parse(ROLE),
                IdentityMatcher.parse("arn:aws:iam::111122223333:role/with,comma")));
        assertThat(agent.policyMatcher()).isEqualTo(ROLE + "\narn:aws:iam::111122223333:role/with,comma");
        assertThat(IdentityMatcher.all().policyMatcher()).isEqualTo("*");
    }
}
