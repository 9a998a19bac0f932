package io.scalewatch.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The config's suppressions given inline (event or environment); no network (S3 URLs: the functional tests). */
class AwsScanConfigSuppressionsTest {
    private static final S3Client UNUSED = S3Client.builder().region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .endpointOverride(URI.create("http://127.0.0.1:9")).build();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T18:20:00Z"), ZoneOffset.UTC);

    @AfterAll
    static void close() {
        UNUSED.close();
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put(AwsEnvironment.IDENTITY, LambdaFixtures.ROLE);
        env.put(AwsEnvironment.FINDINGS_BUCKET, "audit-findings");
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> document() throws IOException {
        return new ObjectMapper().readValue(LambdaFixtures.resource("suppressions-l6.json"), Map.class);
    }

    private static AwsScanConfig load(Map<String, String> env, Map<String, Object> event) {
        return new AwsScanConfigLoader(env, UNUSED, CLOCK).load(event);
    }

    @Test
    void load_noSuppressions_isEmpty() {
        assertThat(load(env(), Map.of()).suppressions().isEmpty()).isTrue();
    }

    @Test
    void load_inlineDocumentInTheEvent_isValidatedAndKept() throws IOException {
        AwsScanConfig config = load(env(), Map.of("suppressions", document()));

        assertThat(config.suppressions().source()).isEqualTo("inline");
        assertThat(config.suppressions().entries()).hasSize(2);
        assertThat(config.suppressions().entries().get(0).owner()).isEqualTo("iam-team@example.com");
    }

    @Test
    void load_inlineDocumentInTheEnvironment_isRead() {
        Map<String, String> env = env();
        env.put(AwsEnvironment.SUPPRESSIONS, LambdaFixtures.resource("suppressions-l6.json"));

        assertThat(load(env, Map.of()).suppressions().entries()).hasSize(2);
    }

    @Test
    void load_eventDocument_replacesTheEnvironmentsWholeInsteadOfMerging() {
        Map<String, String> env = env();
        env.put(AwsEnvironment.SUPPRESSIONS, LambdaFixtures.resource("suppressions-l6.json"));
        Map<String, Object> one = Map.of("version", 1, "suppressions", java.util.List.of(Map.of("rule", "SW-L4-001",
                "owner", "ops", "reason", "GPU pool", "expires", "2027-01-01")));

        assertThat(load(env, Map.of("suppressions", one)).suppressions().entries()).singleElement()
                .satisfies(s -> assertThat(s.rule()).isEqualTo("SW-L4-001"));
    }

    @Test
    void load_expiryBeyondTheDefaultHorizon_isInvalidAndALongerConfiguredHorizonAcceptsIt() {
        Map<String, Object> far = Map.of("version", 1, "suppressions", java.util.List.of(Map.of("rule", "SW-L4-001",
                "owner", "ops", "reason", "GPU pool", "expires", "2028-06-01")));

        assertThatThrownBy(() -> load(env(), Map.of("suppressions", far)))
                .isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("config field 'suppressions' (from the event)")
                .hasMessageContaining("suppressions[0].expires '2028-06-01' is more than 365 days after now");
        Map<String, String> env = env();
        env.put(AwsEnvironment.SUPPRESSION_MAX_DAYS, "730");
        assertThat(load(env, Map.of("suppressions", far)).suppressions().entries()).hasSize(1);
    }

    @Test
    void load_maxDaysOutOfRange_namesTheField() {
        assertThatThrownBy(() -> load(env(), Map.of("suppressionMaxDays", 0)))
                .isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("config field 'suppressionMaxDays' (from the event): must be a whole number"
                        + " within 1..3650, got 0");
    }

    @Test
    void load_suppressionsOfTheWrongType_orNotAnS3Url_sayWhatIsValid() {
        assertThatThrownBy(() -> load(env(), Map.of("suppressions", 42)))
                .isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("must be an s3:// URL of a suppression file or the suppression document");
        assertThatThrownBy(() -> load(env(), Map.of("suppressions", "/etc/suppressions.json")))
                .isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("'/etc/suppressions.json' is not an S3 URL");
    }
}
