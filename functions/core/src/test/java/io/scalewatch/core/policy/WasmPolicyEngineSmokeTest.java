package io.scalewatch.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WasmPolicyEngineSmokeTest {
    private static final WasmPolicyEngine ENGINE = WasmPolicyEngine.create(PolicyBundle.fromClasspath(), 2);
    private static final String GPU_LAUNCH = """
            {"scan":{"run_id":"r"},"agent_profile":{"id":"castai"},"config":{},
             "events":[{"time_ms":1732540000000,"cloud":{"provider":"aws","account":"1","region":"us-east-1"},
             "api":{"action":"ec2:RunInstances","request":{"instanceType":"p4d.24xlarge"}},
             "status":"success","metadata":{"uid":"e-1"}}]}""";

    @Test
    void evaluate_gpuLaunch_returnsFindingWithRuleMetadata() {
        PolicyResult result = ENGINE.evaluate(GPU_LAUNCH);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("SW-L4-001");
            assertThat(f.evidence().eventIds()).containsExactly("e-1");
            assertThat(f.resource()).isEqualTo("aws/1/us-east-1/p4d.24xlarge");
        });
    }

    @Test
    void evaluate_fromSeveralThreads_givesTheSameAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PolicyResult>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> ENGINE.evaluate(GPU_LAUNCH)));
            }
            for (Future<PolicyResult> result : results) {
                assertThat(result.get().findings()).extracting(RuleFinding::ruleId).containsExactly("SW-L4-001");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evaluate_emptyInput_returnsNoFindings() {
        assertThat(ENGINE.evaluate("{}").findings()).isEmpty();
    }

    @Test
    void parse_resultWithoutFindingsObject_isRejected() {
        assertThatThrownBy(() -> WasmPolicyEngine.parse("[{}]"))
                .isInstanceOf(PolicyEvaluationException.class)
                .hasMessageContaining("no result object");
    }
}
