package io.scalewatch.aws.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentitySlug;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class S3LayoutTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    private static final String SLUG = IdentitySlug.of(ROLE);
    private static final LocalDate DATE = LocalDate.of(2026, 11, 24);

    @Test
    void keys_underAPrefix_followTheDesignLayout() {
        S3Layout layout = S3Layout.of("/scalewatch/prod/");

        assertThat(layout.findings("aws", "111122223333", ROLE, DATE, "20261124T120000Z")).isEqualTo(
                "scalewatch/prod/findings/cloud=aws/account=111122223333/identity=" + SLUG
                        + "/date=2026-11-24/20261124T120000Z.jsonl.gz");
        assertThat(layout.ocsfFindings("aws", "111122223333", ROLE, DATE, "20261124T120000Z")).isEqualTo(
                "scalewatch/prod/ocsf/cloud=aws/account=111122223333/identity=" + SLUG
                        + "/date=2026-11-24/20261124T120000Z.jsonl.gz");
        assertThat(layout.summary("aws", "111122223333", ROLE, DATE, "r1")).isEqualTo(
                "scalewatch/prod/summaries/cloud=aws/account=111122223333/identity=" + SLUG
                        + "/date=2026-11-24/r1.json");
        assertThat(layout.latestSummary("aws", "111122223333", ROLE)).isEqualTo(
                "scalewatch/prod/summaries/cloud=aws/account=111122223333/identity=" + SLUG + "/latest.json");
        assertThat(layout.htmlReport("aws", "111122223333", ROLE, DATE, "r1")).isEqualTo(
                "scalewatch/prod/reports/cloud=aws/account=111122223333/identity=" + SLUG
                        + "/date=2026-11-24/r1.html");
        assertThat(layout.usage("aws", "111122223333", ROLE, DATE, "r1")).isEqualTo(
                "scalewatch/prod/usage/cloud=aws/account=111122223333/identity=" + SLUG
                        + "/date=2026-11-24/r1.json");
        assertThat(layout.quarantine("aws", "111122223333", ROLE, DATE, "r1")).isEqualTo(
                "scalewatch/prod/quarantine/cloud=aws/account=111122223333/identity=" + SLUG
                        + "/date=2026-11-24/r1.jsonl.gz");
        assertThat(layout.checkpoint(new CheckpointKey(CloudProvider.AWS, "111122223333", "us-east-1", ROLE)))
                .isEqualTo("scalewatch/prod/state/cloud=aws/account=111122223333/region=us-east-1/identity=" + SLUG
                        + "/checkpoint.json");
    }

    @Test
    void keys_withoutAPrefix_startAtTheBucketRoot() {
        assertThat(S3Layout.of("").latestSummary("gcp", "demo-project", ROLE))
                .isEqualTo("summaries/cloud=gcp/account=demo-project/identity=" + SLUG + "/latest.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a//b", "a/../b", "..", "a b", "a?b", "a/./b", "ä"})
    void of_unsafePrefix_isRejectedNamingIt(String prefix) {
        assertThatThrownBy(() -> S3Layout.of(prefix)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + prefix + "'");
    }

    @ParameterizedTest
    @CsvSource({
        "111122223333, 111122223333",
        "demo-project, demo-project",
        "example.com:proj, example.com%3Aproj",
        "a/../b, a%2F..%2Fb",
        "'a=b&c', a%3Db%26c",
        "ü, %C3%BC"})
    void partitionValue_value_isEscapedLikeHive(String value, String expected) {
        assertThat(S3Layout.partitionValue(value)).isEqualTo(expected);
    }

    @Test
    void partitionValue_emptyDotsOrLong_areReplaced() {
        assertThat(S3Layout.partitionValue("")).isEqualTo("unknown");
        assertThat(S3Layout.partitionValue("..")).isEqualTo(IdentitySlug.of(".."));
        String long129 = "x".repeat(129);
        assertThat(S3Layout.partitionValue(long129)).isEqualTo(IdentitySlug.of(long129));
    }

    @Test
    void findings_hostileRunIdAndAccount_stayInsideTheirSegments() {
        String key = S3Layout.of("p").findings("aws", "../../state", ROLE, DATE, "../x\n");

        assertThat(key).isEqualTo("p/findings/cloud=aws/account=..%2F..%2Fstate/identity=" + SLUG
                + "/date=2026-11-24/..%2Fx%0A.jsonl.gz");
    }
}
