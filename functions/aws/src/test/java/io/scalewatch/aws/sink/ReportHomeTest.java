package io.scalewatch.aws.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.aws.SinkFixtures;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.posture.Boundary;
import io.scalewatch.core.posture.Posture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportHomeTest {
    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    private static final String SUBSCRIPTION = "3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e";
    private static final String AZURE_SP = "0b5c2f6e-1111-4111-8111-111111111111";

    @Test
    void of_awsRole_isTheRolesAccountWhateverTheFindings() {
        ReportHome home = ReportHome.of(SinkFixtures.report("r", T, SinkFixtures.ruleFindings("multi-cloud.jsonl")));

        assertThat(home).isEqualTo(new ReportHome("aws", "111122223333"));
    }

    @Test
    void of_gcpServiceAccount_isItsProject() {
        ReportHome home = ReportHome.of(SinkFixtures.report("r", T, List.of(), List.of(),
                "castai-gke@demo-project.iam.gserviceaccount.com"));

        assertThat(home).isEqualTo(new ReportHome("gcp", "demo-project"));
    }

    @Test
    void of_azurePrincipalWithAPosture_isThePosturesSubscription() {
        Posture posture = new Posture(CloudProvider.AZURE, AZURE_SP, SUBSCRIPTION, List.of(), List.of(), List.of(),
                Boundary.NONE, Map.of(), "role-assignments.json");

        assertThat(ReportHome.of(SinkFixtures.report("r", T, List.of(), List.of(posture), AZURE_SP)))
                .isEqualTo(new ReportHome("azure", SUBSCRIPTION));
    }

    @Test
    void of_azurePrincipalWithNothingToGoBy_isItsCloudWithUnknownAccount() {
        assertThat(ReportHome.of(SinkFixtures.report("r", T, List.of(), List.of(), AZURE_SP)))
                .isEqualTo(new ReportHome("azure", "unknown"));
    }

    @Test
    void of_allPrincipalsWithFindingsInThreeClouds_isMulti() {
        List<RuleFinding> findings = SinkFixtures.ruleFindings("multi-cloud.jsonl");

        assertThat(ReportHome.of(SinkFixtures.report("r", T, findings, List.of(), "*")))
                .isEqualTo(new ReportHome("multi", "multi"));
    }
}
