package io.scalewatch.gcp.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.run.ScanConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The GCP config's sources and errors (no config object: S3 is never called). */
class GcpScanConfigLoaderTest {
    private static final String SA = "castai-gke@demo-project.iam.gserviceaccount.com";
    private final S3Client s3 = S3Client.builder().region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create())
            .build();

    @AfterEach
    void close() {
        s3.close();
    }

    private GcpScanConfig load(Map<String, String> env, Map<String, Object> event) {
        return new GcpScanConfigLoader(env, s3).load(event);
    }

    private static Map<String, String> env() {
        return Map.of(GcpEnvironment.IDENTITY, SA, GcpEnvironment.PROJECTS, "demo-project, other-project",
                GcpEnvironment.FINDINGS_BUCKET, "audit-findings", GcpEnvironment.DATA_ACCESS, "true",
                GcpEnvironment.WINDOW_MAX, "PT6H");
    }

    @Test
    void load_environmentDefaults_fillEveryField() {
        GcpScanConfig config = load(env(), Map.of());

        assertThat(config.identity().value()).isEqualTo(SA);
        assertThat(config.projects()).containsExactly("demo-project", "other-project");
        assertThat(config.dataAccess()).isTrue();
        assertThat(config.window().maxWindow()).isEqualTo(Duration.ofHours(6));
        assertThat(config.outputs().findingsBucket()).isEqualTo("audit-findings");
        assertThat(config.outputs().stateBucket()).isEqualTo("audit-findings");
        assertThat(config.outputs().securityHubEnabled()).isTrue();
    }

    @Test
    void load_eventFields_overrideTheEnvironment() {
        GcpScanConfig config = load(env(), Map.of("projects", List.of("third-project"), "dataAccess", false,
                "organizations", "organizations/123456789012"));

        assertThat(config.projects()).containsExactly("third-project");
        assertThat(config.dataAccess()).isFalse();
        assertThat(config.organizations()).containsExactly("organizations/123456789012");
    }

    @Test
    void load_noProjects_namesTheFieldAndItsVariable() {
        assertThatThrownBy(() -> load(Map.of(GcpEnvironment.IDENTITY, SA, GcpEnvironment.FINDINGS_BUCKET, "b-1"),
                Map.of())).isInstanceOf(ScanConfigException.class).hasMessageContaining("'projects' is required")
                .hasMessageContaining(GcpEnvironment.PROJECTS);
    }

    @Test
    void load_badFolder_namesTheFieldAndWhereItCameFrom() {
        assertThatThrownBy(() -> load(env(), Map.of("folders", List.of("1234"))))
                .isInstanceOf(ScanConfigException.class).hasMessageContaining("'folders'")
                .hasMessageContaining("folders/<number>").hasMessageContaining("(from the event)");
    }

    @Test
    void load_awsOnlyField_isUnknownHere() {
        assertThatThrownBy(() -> load(env(), Map.of("accounts", List.of("111122223333"))))
                .isInstanceOf(ScanConfigException.class).hasMessageContaining("unknown config field 'accounts'");
    }

    @Test
    void load_inlineSuppressions_areValidatedAndKept() {
        Map<String, Object> entry = Map.of("rule", "SW-L4-001", "owner", "ml-platform@example.com",
                "reason", "GPU pool accepted in OPS-412", "expires", "2027-03-01");
        Map<String, Object> document = Map.of("version", 1, "suppressions", List.of(entry));

        GcpScanConfig config = new GcpScanConfigLoader(env(), s3, java.time.Clock.fixed(
                java.time.Instant.parse("2026-11-25T12:00:00Z"), java.time.ZoneOffset.UTC))
                .load(Map.of("suppressions", document, "suppressionMaxDays", 120));

        assertThat(config.suppressions().entries()).singleElement()
                .satisfies(s -> assertThat(s.owner()).isEqualTo("ml-platform@example.com"));
    }

    @Test
    void load_suppressionWithoutOwner_isAConfigErrorNamingTheField() {
        Map<String, Object> entry = Map.of("rule", "SW-L4-001", "reason", "no owner", "expires", "2099-01-01");

        assertThatThrownBy(() -> load(env(), Map.of("suppressions", Map.of("version", 1, "suppressions",
                List.of(entry)))))
                .isInstanceOf(ScanConfigException.class).hasMessageContaining("config field 'suppressions'")
                .hasMessageContaining("owner");
    }

    @Test
    void load_noSuppressions_noneApplied() {
        assertThat(load(env(), Map.of()).suppressions().entries()).isEmpty();
    }
}
