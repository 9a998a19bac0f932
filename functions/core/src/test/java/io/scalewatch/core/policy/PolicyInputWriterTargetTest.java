package io.scalewatch.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scalewatch.core.baseline.IdentityBaseline;
import io.scalewatch.core.event.CloudLocation;
import io.scalewatch.core.event.CloudProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code input.scan.target}: the scheduled target a window was read from, left out for file scans. */
class PolicyInputWriterTargetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void window_scheduledTarget_writesProviderAccountRegion() throws Exception {
        ScanContext context = new ScanContext("r", 0, 1, "*", "castai", null, IdentityBaseline.empty(),
                List.of(new CloudLocation(CloudProvider.AWS, "111122223333", "eu-west-1")));

        JsonNode input = JSON.readTree(PolicyInputWriter.window(context, JsonNodeFactory.instance.objectNode(),
                List.of()));

        assertThat(input.path("scan").path("target").path("provider").asText()).isEqualTo("aws");
        assertThat(input.path("scan").path("target").path("account").asText()).isEqualTo("111122223333");
        assertThat(input.path("scan").path("target").path("region").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void chunk_fileScan_hasNoTarget() throws Exception {
        ScanContext context = new ScanContext("r", 0, 1, "*", "castai", null);

        JsonNode input = JSON.readTree(PolicyInputWriter.chunk(context, List.of()));

        assertThat(input.path("scan").has("target")).isFalse();
    }
}
