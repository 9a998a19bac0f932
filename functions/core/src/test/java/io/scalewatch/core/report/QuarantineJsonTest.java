package io.scalewatch.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.normalize.QuarantineKind;
import io.scalewatch.core.normalize.QuarantinedRecord;
import org.junit.jupiter.api.Test;

class QuarantineJsonTest {
    @Test
    void of_recordOfKnownCloud_hasEveryContractField() {
        ObjectNode node = QuarantineJson.of(new QuarantinedRecord("trail.json.gz", 7, CloudProvider.AWS,
                QuarantineKind.WRONG_TYPE, "eventTime must be a string, got a number", "{\"eventTime\":1}", false));

        assertThat(node.toString()).isEqualTo("{\"source\":\"trail.json.gz\",\"line\":7,\"cloud\":\"aws\","
                + "\"kind\":\"wrong_type\",\"reason\":\"eventTime must be a string, got a number\","
                + "\"raw\":\"{\\\"eventTime\\\":1}\",\"truncated\":false}");
    }

    @Test
    void of_recordOfUnknownCloud_saysUnknown() {
        ObjectNode node = QuarantineJson.of(new QuarantinedRecord("x.jsonl", 1, null, QuarantineKind.MALFORMED_JSON,
                "not JSON", "{", true));

        assertThat(node.path("cloud").asText()).isEqualTo("unknown");
        assertThat(node.path("truncated").asBoolean()).isTrue();
    }
}
