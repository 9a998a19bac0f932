package io.scalewatch.azure.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.run.ScanConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The Azure config's sources and errors (no config object: S3 is never called). */
class AzureScanConfigLoaderTest {
    private static final String OID = "0b5c2f6e-1111-4111-8111-111111111111";
    private static final String WORKSPACE = "5d7c1a9e-2b3f-4c6d-8e0a-1b2c3d4e5f60";
    private final S3Client s3 = S3Client.builder().region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create())
            .build();

    @AfterEach
    void close() {
        s3.close();
    }

    private AzureScanConfig load(Map<String, String> env, Map<String, Object> event) {
        return new AzureScanConfigLoader(env, s3).load(event);
    }

    private static Map<String, String> env() {
        return Map.of(AzureEnvironment.IDENTITY, OID, AzureEnvironment.WORKSPACES, WORKSPACE.toUpperCase(),
                AzureEnvironment.FINDINGS_BUCKET, "audit-findings", AzureEnvironment.GRAPH_ENABLED, "false");
    }

    @Test
    void load_environmentDefaults_fillEveryFieldWithGuidsLowercased() {
        AzureScanConfig config = load(env(), Map.of());

        assertThat(config.identity().value()).isEqualTo(OID);
        assertThat(config.workspaces()).containsExactly(WORKSPACE);
        assertThat(config.subscriptions()).isEmpty();
        assertThat(config.graphEnabled()).isFalse();
        assertThat(config.outputs().findingsBucket()).isEqualTo("audit-findings");
    }

    @Test
    void load_eventFields_overrideTheEnvironment() {
        AzureScanConfig config = load(env(), Map.of("subscriptions", List.of("3F2B8C1D-4E5A-4B6C-9D7E-8F9A0B1C2D3E"),
                "graphEnabled", true));

        assertThat(config.subscriptions()).containsExactly("3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e");
        assertThat(config.graphEnabled()).isTrue();
    }

    @Test
    void load_noWorkspaces_namesTheFieldAndItsVariable() {
        assertThatThrownBy(() -> load(Map.of(AzureEnvironment.IDENTITY, OID, AzureEnvironment.FINDINGS_BUCKET, "b-1"),
                Map.of())).isInstanceOf(ScanConfigException.class).hasMessageContaining("'workspaces' is required")
                .hasMessageContaining(AzureEnvironment.WORKSPACES);
    }

    @Test
    void load_gcpIdentity_isRefusedNamingTheField() {
        assertThatThrownBy(() -> load(env(), Map.of("identity", "castai@p-123456.iam.gserviceaccount.com")))
                .isInstanceOf(ScanConfigException.class).hasMessageContaining("'identity'")
                .hasMessageContaining("not an Azure principal");
    }

    @Test
    void load_badAppIdFromEnvironment_namesTheVariable() {
        Map<String, String> env = new java.util.HashMap<>(env());
        env.put(AzureEnvironment.APP_ID, "not-a-guid");
        assertThatThrownBy(() -> load(env, Map.of())).isInstanceOf(ScanConfigException.class)
                .hasMessageContaining("'appId'").hasMessageContaining("env " + AzureEnvironment.APP_ID);
    }

    @Test
    void load_inlineSuppressions_areValidatedAndKept() {
        Map<String, Object> entry = Map.of("rule", "SW-L4-001", "owner", "ml-platform@example.com",
                "reason", "GPU pool accepted in OPS-412", "expires", "2027-03-01");
        Map<String, Object> document = Map.of("version", 1, "suppressions", List.of(entry));

        AzureScanConfig config = new AzureScanConfigLoader(env(), s3, java.time.Clock.fixed(
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
