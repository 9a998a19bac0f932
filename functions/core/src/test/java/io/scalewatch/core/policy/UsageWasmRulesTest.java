package io.scalewatch.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.normalize.GcpAuditLogNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Used-versus-granted stats and the denied-calls rule on normalized GCP entries, through the compiled Wasm policy. */
class UsageWasmRulesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final WasmPolicyEngine ENGINE = WasmPolicyEngine.create(PolicyBundle.fromClasspath(), 1);
    private static final String NODE_SA = "gke-node@prod-platform-4821.iam.gserviceaccount.com";

    private static List<AuditEvent> gcpEntries() throws IOException {
        try (InputStream in = UsageWasmRulesTest.class.getResourceAsStream("/normalize/gcp/authorization-info.json")) {
            List<AuditEvent> events = new ArrayList<>();
            for (JsonNode entry : MAPPER.readTree(in)) {
                events.add(GcpAuditLogNormalizer.create().normalize(entry));
            }
            return events;
        }
    }

    private static ScanContext context(JsonNode config) {
        return new ScanContext("usage-wasm", 1763683200000L, 1763769600000L, "*", "castai", config);
    }

    @Test
    void evaluate_gcpChunk_statsHoldGrantedPermissionsDeniedPermissionAndPassedServiceAccount() throws IOException {
        PolicyResult result = ENGINE.evaluate(PolicyInputWriter.chunk(context(null), gcpEntries()));

        assertThat(fieldNames(result.stats().path("seen_permission"))).containsExactlyInAnyOrder(
                "compute.instances.create", "compute.disks.create", "compute.subnetworks.use",
                "compute.instances.setServiceAccount", "iam.serviceAccounts.actAs");
        assertThat(fieldNames(result.stats().path("seen_denied_action")))
                .containsExactly("compute.projects.setCommonInstanceMetadata");
        assertThat(result.stats().path("seen_passed_role").path(NODE_SA).path("event_ids").get(0).asText())
                .isEqualTo("-3h2j1k0l9m8");
        assertThat(result.stats().path("seen_permission").path("compute.instances.create").path("values").get(0).asText())
                .isEqualTo("gcp|prod-platform-4821|us-central1-b");
    }

    @Test
    void evaluate_windowWithDeniedStats_deniedCallsFindingWhenOverThreshold() throws IOException {
        ObjectNode config = MAPPER.createObjectNode();
        config.putObject("usage").put("min_denied", 1);
        JsonNode stats = ENGINE.evaluate(PolicyInputWriter.chunk(context(config), gcpEntries())).stats();

        List<RuleFinding> findings =
                ENGINE.evaluate(PolicyInputWriter.window(context(config), stats, List.of())).findings();

        assertThat(findings).filteredOn(f -> f.ruleId().equals("SW-L6-013")).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo("prod-platform-4821");
            assertThat(f.evidence().eventIds()).containsExactly("1q7w3e5r9t2y");
            assertThat(f.detail()).isEqualTo("1 denied calls over 1 permissions in the window; no posture loaded for "
                    + "this cloud, so granted or not is unknown");
        });
    }

    @Test
    void evaluate_windowAtDefaultThresholds_oneDenialIsNoFinding() throws IOException {
        JsonNode stats = ENGINE.evaluate(PolicyInputWriter.chunk(context(null), gcpEntries())).stats();

        List<RuleFinding> findings =
                ENGINE.evaluate(PolicyInputWriter.window(context(null), stats, List.of())).findings();

        assertThat(findings).extracting(RuleFinding::ruleId).doesNotContain("SW-L6-013", "SW-L6-011", "SW-L6-012");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
