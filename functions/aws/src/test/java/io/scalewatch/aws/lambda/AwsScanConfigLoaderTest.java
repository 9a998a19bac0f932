package io.scalewatch.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.identity.IdentityMatcher;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Config from environment defaults and the scheduler event; no network (the S3 layer is a functional test). */
class AwsScanConfigLoaderTest {
    // Never called here: no SCALEWATCH_CONFIG_S3 is set.
    private static final S3Client UNUSED = S3Client.builder().region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .endpointOverride(URI.create("http://127.0.0.1:9")).build();

    @AfterAll
    static void close() {
        UNUSED.close();
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put(AwsEnvironment.IDENTITY, LambdaFixtures.ROLE);
        env.put(AwsEnvironment.FINDINGS_BUCKET, "audit-findings");
        env.put(AwsEnvironment.FINDINGS_PREFIX, "scalewatch");
        env.put(AwsEnvironment.KMS_KEY_ID, "alias/scalewatch");
        env.put(AwsEnvironment.ACCOUNTS, "111122223333, 222233334444");
        env.put(AwsEnvironment.READ_ROLE, "scalewatch-read");
        env.put(AwsEnvironment.EXTERNAL_ID, LambdaFixtures.EXTERNAL_ID);
        env.put(AwsEnvironment.WINDOW_OVERLAP, "PT5M");
        env.put(AwsEnvironment.WINDOW_INGESTION_DELAY, "PT20M");
        env.put(AwsEnvironment.SETTINGS, "{\"allowed_instance_families\": [\"m5\"], \"max_launches\": 10}");
        return env;
    }

    private static AwsScanConfig load(Map<String, String> env, Map<String, Object> event) {
        return new AwsScanConfigLoader(env, UNUSED).load(event);
    }

    @Test
    void load_environmentOnly_takesEveryDefaultAndTheBuiltInOnesForTheRest() {
        AwsScanConfig config = load(env(), Map.of());

        assertThat(config.identity().kind()).isEqualTo(IdentityMatcher.Kind.AWS_ROLE);
        assertThat(config.identity().value()).isEqualTo(LambdaFixtures.ROLE);
        assertThat(config.accounts()).containsExactly("111122223333", "222233334444");
        assertThat(config.regions()).isEmpty();
        assertThat(config.source()).isEqualTo(AwsScanConfig.Source.lookup());
        assertThat(config.crossAccount().readRoleName()).isEqualTo("scalewatch-read");
        assertThat(config.crossAccount().externalId()).isEqualTo(LambdaFixtures.EXTERNAL_ID);
        assertThat(config.outputs()).isEqualTo(new AwsScanConfig.Outputs("audit-findings", "scalewatch",
                "alias/scalewatch", "audit-findings", true));
        assertThat(config.profile().id()).isEqualTo("castai");
        assertThat(config.settings().path("max_launches").asInt()).isEqualTo(10);
        assertThat(config.window()).isEqualTo(new ScanWindow.Policy(Duration.ofMinutes(5), Duration.ofMinutes(20),
                ScanWindow.Policy.DEFAULT.maxWindow(), ScanWindow.Policy.DEFAULT.firstRunBackfill()));
        assertThat(config.deadlineReserve()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.fixedNow()).isEmpty();
    }

    @Test
    void load_schedulerEvent_overridesTheEnvironmentFieldByFieldAndNullSetsNothing() {
        AwsScanConfig config = load(env(), LambdaFixtures.event("scheduler-event-overrides.json"));

        assertThat(config.source()).isEqualTo(AwsScanConfig.Source.s3("org-trail-logs", "", "o-a1b2c3d4e5"));
        assertThat(config.regions()).containsExactly("us-east-1", "eu-central-1");
        assertThat(config.outputs().securityHubEnabled()).isFalse();
        assertThat(config.outputs().kmsKeyId()).isEqualTo("alias/scalewatch");
        // objects merge: the event's overlap, the environment's ingestion delay
        assertThat(config.window().overlap()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.window().ingestionDelay()).isEqualTo(Duration.ofMinutes(20));
        assertThat(config.settings().path("max_launches").asInt()).isEqualTo(10);
        assertThat(config.settings().path("allowed_regions")).hasSize(2);
        assertThat(config.fixedNow()).contains(Instant.parse("2026-11-25T00:15:00Z"));
        assertThat(config.windowClock(java.time.Clock.systemUTC()).instant())
                .isEqualTo(Instant.parse("2026-11-25T00:15:00Z"));
    }

    @Test
    void load_eventBridgeRuleEvent_readsItsDetail() {
        AwsScanConfig config = load(env(), LambdaFixtures.event("eventbridge-rule-event.json"));

        assertThat(config.source().mode()).isEqualTo(CollectorMode.LOOKUP);
        assertThat(config.regions()).containsExactly("eu-central-1");
    }

    @Test
    void load_noIdentity_namesTheFieldAndTheVariable() {
        Map<String, String> env = env();
        env.remove(AwsEnvironment.IDENTITY);

        assertThatThrownBy(() -> load(env, Map.of())).isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("'identity' is required").hasMessageContaining(AwsEnvironment.IDENTITY);
    }

    @Test
    void load_noFindingsBucket_namesTheFieldAndTheVariable() {
        Map<String, String> env = env();
        env.remove(AwsEnvironment.FINDINGS_BUCKET);

        assertThatThrownBy(() -> load(env, Map.of())).isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("'findingsBucket' is required")
                .hasMessageContaining("SCALEWATCH_FINDINGS_BUCKET");
    }

    @Test
    void load_unknownFieldInTheEvent_isRejectedWithTheKnownFields() {
        assertThatThrownBy(() -> load(env(), LambdaFixtures.event("event-unknown-field.json")))
                .isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("unknown config field 'findingBucket' in the event")
                .hasMessageContaining("findingsBucket");
    }

    @Test
    void load_badModeFromTheEnvironment_namesTheVariableAndTheValidModes() {
        Map<String, String> env = env();
        env.put(AwsEnvironment.MODE, "cloudtrail");

        assertThatThrownBy(() -> load(env, Map.of())).isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("'mode' (from env SCALEWATCH_MODE)").hasMessageContaining("lookup, s3, lake");
    }

    @Test
    void load_durationNotIso_namesTheWindowField() {
        assertThatThrownBy(() -> load(env(), LambdaFixtures.event("event-bad-window.json")))
                .isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("'window.overlap'").hasMessageContaining("'10 minutes'")
                .hasMessageContaining("ISO-8601");
    }

    @Test
    void load_s3ModeWithoutTrailBucket_namesTheMissingField() {
        assertThatThrownBy(() -> load(env(), Map.of("mode", "s3"))).isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("'trailBucket' is required in mode s3");
    }

    @Test
    void load_malformedAccount_namesValueAndOrigin() {
        Map<String, String> env = env();
        env.put(AwsEnvironment.ACCOUNTS, "11112222333");

        assertThatThrownBy(() -> load(env, Map.of())).isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("'accounts'").hasMessageContaining("'11112222333'")
                .hasMessageContaining("12-digit").hasMessageContaining("env SCALEWATCH_ACCOUNTS");
    }

    @Test
    void load_readRoleWithoutExternalId_saysTheyGoTogether() {
        Map<String, String> env = env();
        env.remove(AwsEnvironment.EXTERNAL_ID);

        assertThatThrownBy(() -> load(env, Map.of())).isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("go together").hasMessageContaining("externalId is missing");
    }

    @Test
    void load_malformedExternalId_neverShowsTheValue() {
        Map<String, String> env = env();
        env.put(AwsEnvironment.EXTERNAL_ID, "has spaces and ; semicolons-SECRETISH");

        assertThatThrownBy(() -> load(env, Map.of())).isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("'externalId'").hasMessageContaining("value not shown")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRETISH"));
        assertThat(load(env(), Map.of()).crossAccount().toString()).doesNotContain(LambdaFixtures.EXTERNAL_ID);
    }

    @Test
    void load_gcpIdentity_isNotAnAwsIdentity() {
        assertThatThrownBy(() -> load(env(), Map.of("identity", "castai-gke@demo-project.iam.gserviceaccount.com")))
                .isInstanceOf(AwsScanConfigException.class).hasMessageContaining("not an AWS identity")
                .hasMessageContaining("(from the event)");
    }

    @Test
    void load_unknownProfile_listsTheBuiltInOnes() {
        assertThatThrownBy(() -> load(env(), Map.of("profile", "kubecost"))).isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("'profile'").hasMessageContaining("castai, karpenter");
    }

    @Test
    void load_settingsNotAnObject_isRejected() {
        assertThatThrownBy(() -> load(env(), Map.of("settings", List.of("m5"))))
                .isInstanceOf(AwsScanConfigException.class).hasMessageContaining("'settings'")
                .hasMessageContaining("JSON object");
        Map<String, String> env = env();
        env.put(AwsEnvironment.SETTINGS, "{not json");
        assertThatThrownBy(() -> load(env, Map.of())).isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("env SCALEWATCH_SETTINGS is not valid JSON");
    }

    @Test
    void load_lakeWithSeveralAccounts_saysOneQueryCoversThem() {
        Map<String, Object> event = Map.of("mode", "lake", "eventDataStore", "EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE");

        assertThatThrownBy(() -> load(env(), event)).isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("mode lake").hasMessageContaining("at most one account");
    }

    @Test
    void load_reserveBeyondLambdasLimit_isRejected() {
        assertThatThrownBy(() -> load(env(), Map.of("deadlineReserve", "PT20M")))
                .isInstanceOf(AwsScanConfigException.class).hasMessageContaining("'deadlineReserve'")
                .hasMessageContaining("PT15M");
    }

    @Test
    void load_wrongTypes_nameFieldAndType() {
        assertThatThrownBy(() -> load(env(), Map.of("securityHubEnabled", "yes")))
                .isInstanceOf(AwsScanConfigException.class).hasMessageContaining("'securityHubEnabled'")
                .hasMessageContaining("true or false");
        assertThatThrownBy(() -> load(env(), Map.of("trailBucket", 42L))).isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("'trailBucket'").hasMessageContaining("must be a string");
        assertThatThrownBy(() -> load(env(), Map.of("now", "yesterday"))).isInstanceOf(AwsScanConfigException.class)
                .hasMessageContaining("'now'").hasMessageContaining("ISO-8601 UTC instant");
    }
}
