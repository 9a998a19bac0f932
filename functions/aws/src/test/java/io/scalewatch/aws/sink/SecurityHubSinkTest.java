package io.scalewatch.aws.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.aws.Moto;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;

class SecurityHubSinkTest {
    private SecurityHubClient client;

    @BeforeEach
    void setUp() {
        // never called: these tests stop before any request
        client = SecurityHubClient.builder().region(Region.US_EAST_1).credentialsProvider(Moto.credentials())
                .endpointOverride(URI.create("http://127.0.0.1:9")).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static AwsSecurityFinding finding(int i, int padding) {
        return AwsSecurityFinding.builder().id("sw-" + i).title("t").description("x".repeat(padding))
                .productFields(Map.of("scalewatch/identity", "slug")).build();
    }

    @Test
    void batches_250SmallFindings_areCutAt100() {
        List<AwsSecurityFinding> findings = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            findings.add(finding(i, 10));
        }

        assertThat(SecurityHubSink.batches(findings)).extracting(List::size).containsExactly(100, 100, 50);
    }

    @Test
    void batches_largeFindings_areCutBeforeSixMegabytes() {
        List<AwsSecurityFinding> findings = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            findings.add(finding(i, 200_000));
        }

        List<List<AwsSecurityFinding>> batches = SecurityHubSink.batches(findings);

        assertThat(batches).extracting(List::size).containsExactly(29, 29, 2);
        assertThat(batches).allSatisfy(b -> assertThat(b.stream().mapToLong(AsffSize::bytes).sum())
                .isLessThanOrEqualTo(SecurityHubSink.MAX_BATCH_BYTES));
    }

    @ParameterizedTest
    @CsvSource({
        "InvalidInput, false",
        "InvalidAccess, false",
        "AccessDeniedException, false",
        "LimitExceededException, true",
        "TooManyRequestsException, true",
        "ThrottlingException, true",
        "InternalException, true",
        "ServiceUnavailable, true",
        "RequestTimeout, true"})
    void transientError_code_isRetriedOnlyWhenALaterAttemptCanClearIt(String code, boolean retried) {
        assertThat(SecurityHubSink.transientError(code)).isEqualTo(retried);
    }

    @ParameterizedTest
    @CsvSource({
        "us-east-1, arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default",
        "cn-north-1, arn:aws-cn:securityhub:cn-north-1:111122223333:product/111122223333/default",
        "us-gov-west-1, arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default"})
    void build_noProductArn_defaultsToTheAccountsDefaultProductInItsPartition(String region, String arn) {
        SecurityHubSink sink = SecurityHubSink.builder().securityHub(client).account("111122223333").region(region)
                .build();

        assertThat(sink.productArn()).isEqualTo(arn);
        assertThat(sink.name()).isEqualTo("securityhub:" + region + ":111122223333");
    }

    @Test
    void build_badSettings_areRejectedNamingTheSettingAndValue() {
        assertThatThrownBy(() -> SecurityHubSink.builder().securityHub(client).account("1234").region("us-east-1")
                .build()).hasMessageContaining("12-digit").hasMessageContaining("'1234'");
        assertThatThrownBy(() -> SecurityHubSink.builder().securityHub(client).account("111122223333")
                .region("mars").build()).hasMessageContaining("region").hasMessageContaining("'mars'");
        assertThatThrownBy(() -> SecurityHubSink.builder().securityHub(client).account("111122223333")
                .region("us-east-1").ruleSet("a/b").build()).hasMessageContaining("ruleSet")
                .hasMessageContaining("'a/b'");
        assertThatThrownBy(() -> SecurityHubSink.builder().account("111122223333").region("us-east-1").build())
                .hasMessageContaining("Security Hub client");
        assertThatThrownBy(() -> SecurityHubSink.builder().securityHub(client).account("111122223333")
                .region("us-east-1").maxFindingAttempts(0).build()).hasMessageContaining("maxFindingAttempts");
    }
}
