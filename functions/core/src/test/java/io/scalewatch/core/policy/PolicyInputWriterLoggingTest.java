package io.scalewatch.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.posture.Boundary;
import io.scalewatch.core.posture.LogSource;
import io.scalewatch.core.posture.LoggingPosture;
import io.scalewatch.core.posture.Posture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyInputWriterLoggingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    private static final String TRAIL = "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail";

    private static Posture posture() {
        return new Posture(CloudProvider.AWS, ROLE, "111122223333", List.of(), List.of(), List.of(), Boundary.NONE,
                Map.of(), "aws-iam-api:111122223333");
    }

    private static JsonNode window(Posture posture) throws Exception {
        ScanContext context = new ScanContext("r", 0, 1, "*", "castai", null);
        return MAPPER.readTree(PolicyInputWriter.window(context, MAPPER.createObjectNode(), List.of(posture)))
                .path("posture").path(0);
    }

    @Test
    void window_loggingCollected_writesRegionsAndSources() throws Exception {
        LogSource trail = new LogSource("trail", TRAIL, false, List.of("management_write"), List.of(), "trail-bucket",
                List.of("us-east-1"));
        JsonNode logging = window(posture().withLogging(LoggingPosture.of(List.of("us-east-1", "eu-west-1"),
                List.of(), List.of(trail)))).path("logging");

        assertThat(logging.path("regions").toString()).isEqualTo("[\"us-east-1\",\"eu-west-1\"]");
        assertThat(logging.path("read_from").isArray()).isTrue();
        JsonNode source = logging.path("sources").path(0);
        assertThat(source.path("kind").asText()).isEqualTo("trail");
        assertThat(source.path("name").asText()).isEqualTo(TRAIL);
        assertThat(source.path("enabled").isBoolean()).isTrue();
        assertThat(source.path("enabled").asBoolean()).isFalse();
        assertThat(source.path("captures").get(0).asText()).isEqualTo("management_write");
        assertThat(source.path("exempted").isEmpty()).isTrue();
        assertThat(source.path("destination").asText()).isEqualTo("trail-bucket");
        assertThat(source.path("regions").toString()).isEqualTo("[\"us-east-1\"]");
    }

    @Test
    void window_loggingCollectedWithoutSources_writesEmptySourcesAndNoRegions() throws Exception {
        JsonNode logging = window(posture().withLogging(LoggingPosture.of(List.of(), List.of("ws-1"), List.of())))
                .path("logging");

        assertThat(logging.isObject()).isTrue();
        assertThat(logging.has("regions")).isFalse();
        assertThat(logging.path("read_from").get(0).asText()).isEqualTo("ws-1");
        assertThat(logging.path("sources").isArray()).isTrue();
        assertThat(logging.path("sources").isEmpty()).isTrue();
    }

    @Test
    void window_loggingNotCollected_leavesLoggingOut() throws Exception {
        assertThat(window(posture()).has("logging")).isFalse();
        assertThat(window(posture().withLogging(LoggingPosture.NOT_COLLECTED)).has("logging")).isFalse();
    }

    @Test
    void withPassableRoles_keepsLogging() {
        LoggingPosture logging = LoggingPosture.of(List.of("eu-west-1"), List.of(), List.of());
        assertThat(posture().withLogging(logging).withPassableRoles(List.of()).logging()).isEqualTo(logging);
    }

    @Test
    void loggingPosture_notCollectedWithSources_isRejected() {
        LogSource source = new LogSource("trail", TRAIL, true, List.of(), List.of(), "");
        assertThatThrownBy(() -> new LoggingPosture(false, List.of(), List.of(), List.of(source)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not collected");
        assertThatThrownBy(() -> new LogSource(" ", TRAIL, true, List.of(), List.of(), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
    }
}
