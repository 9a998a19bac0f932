package io.scalewatch.aws.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.aws.lambda.AwsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DispatchConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AWS_QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/scalewatch-aws-targets";
    private static final String GCP_QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/scalewatch-gcp-targets";
    private static final String AZURE_QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/scalewatch-azure";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put(DispatchEnvironment.AWS_REGION, "eu-west-1");
        env.put(DispatchEnvironment.AWS_QUEUE_URL, AWS_QUEUE);
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(String name) {
        try (InputStream in = DispatchConfigTest.class.getResourceAsStream("/dispatch/" + name)) {
            return JSON.readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void load_environmentOnly_listsSplitTrimmedWithoutDuplicates() {
        DispatchConfig config = DispatchConfig.load(env(DispatchEnvironment.REGIONS, " us-east-1, eu-west-1,,us-east-1",
                DispatchEnvironment.EXCLUDE_OUS, "ou-a1b2-sandbox1", DispatchEnvironment.EXCLUDE_ACCOUNTS,
                "111122223333"), Map.of());

        assertThat(config.regions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(config.excludeOus()).containsExactly("ou-a1b2-sandbox1");
        assertThat(config.excludeAccounts()).containsExactly("111122223333");
        assertThat(config.accounts()).isEmpty();
        assertThat(config.awsQueueUrl()).isEqualTo(AWS_QUEUE);
        assertThat(config.gcpQueueUrl()).isEmpty();
    }

    @Test
    void load_noRegions_theFunctionsRegion() {
        assertThat(DispatchConfig.load(env(), Map.of()).regions()).containsExactly("eu-west-1");
    }

    @Test
    void load_schedulerInput_overridesTheEnvironmentFieldByFieldAndNullSetsNothing() {
        DispatchConfig config = DispatchConfig.load(env(DispatchEnvironment.REGIONS, "us-east-1",
                DispatchEnvironment.EXCLUDE_ACCOUNTS, "111122223333", DispatchEnvironment.GCP_QUEUE_URL, GCP_QUEUE,
                DispatchEnvironment.GCP_PROJECTS, "castai-prod-eu"), event("scheduler-input.json"));

        assertThat(config.regions()).containsExactly("eu-west-1", "eu-central-1");
        assertThat(config.includeOus()).containsExactly("ou-a1b2-k8s0prod", "ou-a1b2-k8s1stag");
        assertThat(config.excludeAccounts()).containsExactly("210987654321");
        assertThat(config.gcpProjects()).containsExactly("castai-prod-eu");
    }

    @Test
    void load_eventBridgeRuleEvent_readsItsDetail() {
        DispatchConfig config = DispatchConfig.load(env(DispatchEnvironment.AZURE_QUEUE_URL, AZURE_QUEUE),
                event("eventbridge-rule-event.json"));

        assertThat(config.azureWorkspaces()).containsExactly("0b1f6471-1bf0-4dda-aec3-cb9272f09590");
    }

    @Test
    void load_unknownEventField_errorListsTheValidOnes() {
        assertThatThrownBy(() -> DispatchConfig.load(env(), Map.of("region", List.of("eu-west-1"))))
                .isInstanceOf(DispatchConfigException.class)
                .hasMessage("unknown field 'region' in the event; valid: regions, accounts, includeOus, excludeOus,"
                        + " excludeAccounts, gcpProjects, azureWorkspaces");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SCALEWATCH_DISPATCH_REGIONS | mars-1 | regions (SCALEWATCH_DISPATCH_REGIONS or the event): 'mars-1' is"
                + " not valid",
        "SCALEWATCH_DISPATCH_EXCLUDE_ACCOUNTS | 1234 | excludeAccounts (SCALEWATCH_DISPATCH_EXCLUDE_ACCOUNTS or the"
                + " event): '1234' is not valid; expected a 12-digit account id",
        "SCALEWATCH_DISPATCH_INCLUDE_OUS | ou-x | includeOus (SCALEWATCH_DISPATCH_INCLUDE_OUS or the event): 'ou-x'",
        "SCALEWATCH_AWS_QUEUE_URL | ftp://queue | awsQueueUrl: 'ftp://queue' is not an SQS queue URL",
    })
    void load_invalidValue_errorNamesFieldSourceAndWhatIsValid(String variable, String value, String message) {
        assertThatThrownBy(() -> DispatchConfig.load(env(variable, value), Map.of()))
                .isInstanceOf(DispatchConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void load_gcpAndAzureIds_checked() {
        assertThatThrownBy(() -> DispatchConfig.load(env(DispatchEnvironment.GCP_QUEUE_URL, GCP_QUEUE),
                Map.of("gcpProjects", List.of("Prod_Project")))).isInstanceOf(DispatchConfigException.class)
                .hasMessageContaining("'Prod_Project' is not valid; expected a GCP project id");
        assertThatThrownBy(() -> DispatchConfig.load(env(DispatchEnvironment.AZURE_QUEUE_URL, AZURE_QUEUE),
                Map.of("azureWorkspaces", "not-a-guid"))).isInstanceOf(DispatchConfigException.class)
                .hasMessageContaining("expected a Log Analytics workspace id (a GUID)");
    }

    @Test
    void load_projectsWithoutTheirQueue_error() {
        assertThatThrownBy(() -> DispatchConfig.load(env(DispatchEnvironment.GCP_PROJECTS, "castai-prod-eu"),
                Map.of())).isInstanceOf(DispatchConfigException.class)
                .hasMessage("gcpProjects is set but SCALEWATCH_GCP_QUEUE_URL is not: GCP projects have no queue to"
                        + " go to");
    }

    @Test
    void load_noQueueAtAll_error() {
        Map<String, String> env = env();
        env.remove(DispatchEnvironment.AWS_QUEUE_URL);

        assertThatThrownBy(() -> DispatchConfig.load(env, Map.of())).isInstanceOf(DispatchConfigException.class)
                .hasMessageStartingWith("no queue to dispatch to");
    }

    @Test
    void load_fixedAccountsWithOus_error() {
        assertThatThrownBy(() -> DispatchConfig.load(env(DispatchEnvironment.ACCOUNTS, "111122223333"),
                Map.of("excludeOus", List.of("ou-a1b2-sandbox1")))).isInstanceOf(DispatchConfigException.class)
                .hasMessageStartingWith("accounts and excludeOus are both set");
    }

    @Test
    void load_listOfNonStrings_error() {
        assertThatThrownBy(() -> DispatchConfig.load(env(), Map.of("regions", List.of(1))))
                .isInstanceOf(DispatchConfigException.class)
                .hasMessage("regions (from the event) must hold strings, got 1");
    }

    @Test
    void variables_everyListFieldHasOneScalewatchVariable() {
        assertThat(DispatchEnvironment.variables()).extracting(AwsEnvironment.Variable::name)
                .allMatch(n -> n.startsWith("SCALEWATCH_")).doesNotHaveDuplicates().containsExactly(
                        "SCALEWATCH_AWS_QUEUE_URL", "SCALEWATCH_GCP_QUEUE_URL", "SCALEWATCH_AZURE_QUEUE_URL",
                        "SCALEWATCH_DISPATCH_REGIONS", "SCALEWATCH_DISPATCH_ACCOUNTS",
                        "SCALEWATCH_DISPATCH_INCLUDE_OUS",
                        "SCALEWATCH_DISPATCH_EXCLUDE_OUS", "SCALEWATCH_DISPATCH_EXCLUDE_ACCOUNTS",
                        "SCALEWATCH_GCP_PROJECTS", "SCALEWATCH_AZURE_WORKSPACES");
        for (String field : List.of(DispatchConfig.REGIONS, DispatchConfig.ACCOUNTS, DispatchConfig.INCLUDE_OUS,
                DispatchConfig.EXCLUDE_OUS, DispatchConfig.EXCLUDE_ACCOUNTS, DispatchConfig.GCP_PROJECTS,
                DispatchConfig.AZURE_WORKSPACES)) {
            assertThat(DispatchEnvironment.forField(field)).as(field).isPresent();
        }
    }

    @Test
    void runId_timeAndTheRequestIdsFirstEightLettersOrDigits() {
        assertThat(DispatchResult.runId(Instant.parse("2026-11-25T22:00:05Z"),
                "7c1e2f3a-9b8c-4d5e-8f70-123456789abc")).isEqualTo("20261125T220005Z-7c1e2f3a");
        assertThat(DispatchResult.runId(Instant.parse("2026-11-25T22:00:05Z"), null))
                .isEqualTo("20261125T220005Z");
    }
}
