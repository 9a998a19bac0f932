package io.scalewatch.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.aws.Moto;
import io.scalewatch.aws.S3Objects;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 config object between the event and the environment, read from moto. */
class AwsScanConfigLoaderFunctionalTest {
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void upload() {
        s3 = Moto.s3();
        bucket = S3Objects.newBucket(s3);
        s3.putObject(b -> b.bucket(bucket).key("scalewatch/config.json"),
                RequestBody.fromString(LambdaFixtures.resource("config-object.json")));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static Map<String, String> env(String configUrl) {
        Map<String, String> env = new HashMap<>();
        env.put(AwsEnvironment.CONFIG_S3, configUrl);
        env.put(AwsEnvironment.IDENTITY, "arn:aws:iam::111122223333:role/overridden-by-the-object");
        env.put(AwsEnvironment.FINDINGS_BUCKET, "audit-findings");
        env.put(AwsEnvironment.FINDINGS_PREFIX, "from-env");
        env.put(AwsEnvironment.WINDOW_OVERLAP, "PT5M");
        return env;
    }

    @Test
    void load_configObject_overridesTheEnvironmentAndTheEventOverridesIt() {
        AwsScanConfig config = new AwsScanConfigLoader(env("s3://" + bucket + "/scalewatch/config.json"), s3)
                .load(Map.of("findingsPrefix", "from-event"));

        assertThat(config.identity().value()).isEqualTo(LambdaFixtures.ROLE);
        assertThat(config.source().mode()).isEqualTo(CollectorMode.LAKE);
        assertThat(config.source().eventDataStoreAccount()).contains("111122223333");
        assertThat(config.source().eventDataStoreRegion()).contains("eu-west-1");
        assertThat(config.outputs().findingsBucket()).isEqualTo("audit-findings");
        assertThat(config.outputs().findingsPrefix()).isEqualTo("from-event");
        assertThat(config.window().overlap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.window().maxWindow()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void load_configObjectMissing_namesTheObjectAndTheError() {
        String url = "s3://" + bucket + "/scalewatch/missing.json";

        assertThatThrownBy(() -> new AwsScanConfigLoader(env(url), s3).load(Map.of()))
                .isInstanceOf(AwsScanConfigException.class).hasMessageContaining(url)
                .hasMessageContaining(AwsEnvironment.CONFIG_S3).hasMessageContaining("NoSuchKey")
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void load_configUrlNotS3_saysWhatIsExpected() {
        assertThatThrownBy(() -> new AwsScanConfigLoader(env("https://example.com/config.json"), s3).load(Map.of()))
                .isInstanceOf(AwsScanConfigException.class).hasMessageContaining("is not an S3 URL");
    }

    @Test
    void load_configObjectWithUnknownField_namesTheObject() {
        s3.putObject(b -> b.bucket(bucket).key("scalewatch/typo.json"),
                RequestBody.fromString(LambdaFixtures.resource("event-unknown-field.json")));
        String url = "s3://" + bucket + "/scalewatch/typo.json";

        assertThatThrownBy(() -> new AwsScanConfigLoader(env(url), s3).load(Map.of()))
                .isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("unknown config field 'findingBucket' in " + url);
    }

    @Test
    void load_suppressionsObject_isReadFromS3AndNamedByItsUrl() {
        s3.putObject(b -> b.bucket(bucket).key("scalewatch/suppressions.json"),
                RequestBody.fromString(LambdaFixtures.resource("suppressions-l6.json")));
        String url = "s3://" + bucket + "/scalewatch/suppressions.json";
        Map<String, String> env = new HashMap<>();
        env.put(AwsEnvironment.IDENTITY, LambdaFixtures.ROLE);
        env.put(AwsEnvironment.FINDINGS_BUCKET, "audit-findings");
        env.put(AwsEnvironment.SUPPRESSIONS, url);

        AwsScanConfig config = new AwsScanConfigLoader(env, s3, java.time.Clock.fixed(
                java.time.Instant.parse("2026-11-24T18:20:00Z"), java.time.ZoneOffset.UTC)).load(Map.of());

        assertThat(config.suppressions().source()).isEqualTo(url);
        assertThat(config.suppressions().entries()).hasSize(2);
    }

    @Test
    void load_suppressionsObjectMissing_isAConfigErrorNamingTheField() {
        String url = "s3://" + bucket + "/scalewatch/no-suppressions.json";

        assertThatThrownBy(() -> new AwsScanConfigLoader(env("s3://" + bucket + "/scalewatch/config.json"), s3)
                .load(Map.of("suppressions", url)))
                .isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("config field 'suppressions' (from the event)")
                .hasMessageContaining(url).hasMessageContaining("NoSuchKey");
    }
}
