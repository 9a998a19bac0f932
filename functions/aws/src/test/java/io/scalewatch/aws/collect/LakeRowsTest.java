package io.scalewatch.aws.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.normalize.InvalidAuditRecordException;
import io.scalewatch.core.normalize.QuarantineKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LakeRowsTest {
    @Test
    void time_lakeAndIsoForms_readAsUtc() {
        assertThat(LakeRows.time("2026-11-24 03:01:25.000")).contains(Instant.parse("2026-11-24T03:01:25Z"));
        assertThat(LakeRows.time("2026-11-24 03:01:25")).contains(Instant.parse("2026-11-24T03:01:25Z"));
        assertThat(LakeRows.time("2026-11-24T03:01:25.5Z")).contains(Instant.parse("2026-11-24T03:01:25.500Z"));
        assertThat(LakeRows.time("yesterday")).isEmpty();
        assertThat(LakeRows.time(null)).isEmpty();
    }

    @Test
    void record_mapColumns_nestedJsonTextBecomesObjectsAgain() {
        Map<String, String> cells = LakeRows.cells(List.of(
                Map.of("eventID", "e-1"), Map.of("eventTime", "2026-11-24 03:01:25.000"),
                Map.of("eventName", "RunInstances"), Map.of("eventSource", "ec2.amazonaws.com"),
                Map.of("readOnly", "false"), Map.of("userIdentityType", "AssumedRole"),
                Map.of("sessionIssuerArn", "arn:aws:iam::111122223333:role/castai-eks-demo"),
                Map.of("requestParametersJson", "{\"instanceType\":\"m5.xlarge\",\"instancesSet\":"
                        + "\"{\\\"items\\\":[{\\\"imageId\\\":\\\"ami-1\\\"}]}\",\"note\":\"{not json\"}"),
                Map.of("resourceArnsJson", "[\"arn:aws:ec2:us-east-1:111122223333:instance/i-1\"]"),
                Map.of("resourceTypesJson", "[\"AWS::EC2::Instance\"]")));

        ObjectNode record = LakeRows.record(cells);

        assertThat(record.path("eventTime").asText()).isEqualTo("2026-11-24T03:01:25Z");
        assertThat(record.path("readOnly").isBoolean()).isTrue();
        assertThat(record.path("userIdentity").path("sessionContext").path("sessionIssuer").path("arn").asText())
                .isEqualTo("arn:aws:iam::111122223333:role/castai-eks-demo");
        assertThat(record.path("requestParameters").path("instancesSet").path("items").get(0).path("imageId").asText())
                .isEqualTo("ami-1");
        assertThat(record.path("requestParameters").path("note").asText()).isEqualTo("{not json");
        assertThat(record.path("resources").get(0).path("ARN").asText()).endsWith("instance/i-1");
        assertThat(record.path("resources").get(0).path("type").asText()).isEqualTo("AWS::EC2::Instance");
        assertThat(record.has("errorCode")).isFalse();
    }

    @Test
    void record_columnThatIsNotJson_rejectedAsMalformed() {
        assertThatThrownBy(() -> LakeRows.record(Map.of("requestParametersJson", "{broken")))
                .isInstanceOf(InvalidAuditRecordException.class)
                .satisfies(e -> assertThat(((InvalidAuditRecordException) e).kind())
                        .isEqualTo(QuarantineKind.MALFORMED_JSON))
                .hasMessageContaining("requestParameters");
        assertThatThrownBy(() -> LakeRows.record(Map.of("responseElementsJson", "[1]")))
                .isInstanceOf(InvalidAuditRecordException.class).hasMessageContaining("must be a JSON object");
    }
}
