package io.scalewatch.core.posture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcpAuditConfigsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode policy(String name) throws IOException {
        try (InputStream in = GcpAuditConfigsTest.class.getResourceAsStream("/logging/" + name)) {
            return MAPPER.readTree(in);
        }
    }

    @Test
    void sources_projectPolicy_oneSourcePerServiceAndLogTypeWithExemptions() throws IOException {
        List<LogSource> sources = GcpAuditConfigs.sources(policy("gcp-project-policy-audit-configs.json"));

        assertThat(sources).extracting(LogSource::name, LogSource::captures, LogSource::exempted).containsExactly(
                org.assertj.core.groups.Tuple.tuple("allServices", List.of("admin_read"), List.of()),
                org.assertj.core.groups.Tuple.tuple("container.googleapis.com", List.of("data_write"),
                        List.of("serviceAccount:castai-gke@demo-project.iam.gserviceaccount.com",
                                "user:ops@demo-corp.example")));
        assertThat(sources).allSatisfy(s -> {
            assertThat(s.kind()).isEqualTo(GcpAuditConfigs.KIND);
            assertThat(s.enabled()).isTrue();
            assertThat(s.regions()).isEmpty();
        });
    }

    @Test
    void sources_policyWithoutAuditConfigs_isEmpty() {
        assertThat(GcpAuditConfigs.sources(MAPPER.createObjectNode().put("etag", "x"))).isEmpty();
        assertThat(GcpAuditConfigs.sources(MAPPER.createArrayNode())).isEmpty();
    }
}
