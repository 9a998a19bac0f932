package io.scalewatch.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.finding.Severity;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.PolicyInputWriter;
import io.scalewatch.core.policy.PolicyResult;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.policy.ScanContext;
import io.scalewatch.core.policy.WasmPolicyEngine;
import io.scalewatch.core.scan.StatsAccumulator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The identity-history contract through the Wasm engine: a chunk reports seen_* stats, the fold learns them, and
 * the window pass with a mature history explains what it never saw.
 */
class BaselineNoveltyWasmTest {
    private static final WasmPolicyEngine ENGINE = WasmPolicyEngine.create(PolicyBundle.fromClasspath(), 1);
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";

    private static StatsAccumulator chunkStats() {
        PolicyResult chunk = ENGINE.evaluate(new String(Fixtures.bytes("novelty-chunk-input.json"),
                StandardCharsets.UTF_8));
        StatsAccumulator stats = new StatsAccumulator(500);
        stats.add(chunk.stats());
        return stats;
    }

    private static List<RuleFinding> novelty(IdentityBaseline history) {
        ScanContext context = new ScanContext("novelty-wasm", 1_732_536_000_000L, 1_732_543_200_000L, ROLE,
                "castai", null, history);
        PolicyResult window = ENGINE.evaluate(PolicyInputWriter.window(context, chunkStats().toJson(), List.of()));
        return window.findings().stream().filter(f -> f.ruleId().equals("SW-L5-007")).toList();
    }

    @Test
    void evaluate_chunk_reportsSeenStatsOfEveryDimension() {
        assertThat(chunkStats().toJson().fieldNames()).toIterable().contains("seen_region", "seen_zone",
                "seen_instance_family", "seen_instance_size", "seen_image_source", "seen_network", "seen_user_agent",
                "seen_action", "seen_hour");
    }

    @Test
    void evaluate_matureHistory_explainsEachNewValue() {
        List<RuleFinding> findings = novelty(BaselineJson.read(Fixtures.bytes("novelty-history.json")));

        assertThat(findings).extracting(RuleFinding::resource)
                .containsExactlyInAnyOrder("instance_family:p5", "network:203.0.113.0/24");
        RuleFinding gpu = findings.stream().filter(f -> f.resource().equals("instance_family:p5")).findFirst()
                .orElseThrow();
        assertThat(gpu.severity()).isEqualTo(Severity.HIGH);
        assertThat(gpu.detail()).isEqualTo("first GPU instance family ever launched by this identity: p5"
                + " (p5.48xlarge) (1 events; baseline learned from 2024-10-15 to 2024-11-25 over 980 runs)");
        assertThat(gpu.evidence().eventIds()).containsExactly("3f1d9c2e-launch");
        RuleFinding network = findings.stream().filter(f -> f.resource().startsWith("network:")).findFirst()
                .orElseThrow();
        assertThat(network.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(network.detail()).startsWith("first call from network 203.0.113.0/24 by this identity");
    }

    @Test
    void evaluate_hourWithManyTimesTheLearnedCalls_reportsTheCallRate() {
        // 41 days learned; hour 13 seen 4,100 times: 100 calls on average; the window's hour holds 750
        IdentityBaseline history = new IdentityBaseline(1_728_997_200_000L, 1_732_539_600_000L, 3936,
                java.util.Map.of("hour", java.util.Map.of("13", new Observation(1_729_000_800_000L,
                        1_732_539_000_000L, 4100))));
        ObjectNode stats = Fixtures.JSON.createObjectNode();
        stats.putObject("l5_calls_per_hour").putObject("1732539600000").put("count", 750)
                .put("first_ms", 1_732_539_601_000L).put("last_ms", 1_732_543_100_000L)
                .putArray("values").add("gcp|demo-project|us-central1");
        ScanContext context = new ScanContext("rate-wasm", 1_732_539_600_000L, 1_732_543_200_000L, ROLE, "castai",
                null, history);

        List<RuleFinding> findings = ENGINE.evaluate(PolicyInputWriter.window(context, stats, List.of())).findings()
                .stream().filter(f -> f.ruleId().equals("SW-L5-010")).toList();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.resource()).isEqualTo("hour:2024-11-25T13");
            assertThat(f.detail()).isEqualTo("750 calls in the hour from 2024-11-25 13:00 UTC, more than 5 x the"
                    + " learned average of 100 calls for 13:00-13:59 (baseline learned from 2024-10-15 to 2024-11-25"
                    + " over 3936 runs)");
            assertThat(f.cloud().provider().id()).isEqualTo("gcp");
        });
    }

    @Test
    void evaluate_noHistory_noNoveltyAndTheFoldLearnsEverything() {
        assertThat(novelty(IdentityBaseline.empty())).isEmpty();

        IdentityBaseline learned = BaselineFold.fold(IdentityBaseline.empty(), chunkStats().toJson(),
                1_732_536_000_000L, 1_732_543_200_000L, BaselineSettings.DEFAULT);

        assertThat(learned.values("instance_family")).containsOnlyKeys("p5");
        assertThat(learned.values("network")).containsOnlyKeys("203.0.113.0/24", "198.51.100.0/24");
        assertThat(learned.values("action")).containsOnlyKeys("ec2:RunInstances", "ec2:DescribeInstances");
    }
}
