package io.scalewatch.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WasmPolicyEngineSmokeTest {
    @Test
    void evaluate_gpuLaunch_returnsFinding() {
        WasmPolicyEngine engine = WasmPolicyEngine.create(PolicyBundle.fromClasspath(), 1);
        String input = """
            {"scan":{"run_id":"r"},"agent_profile":{"id":"castai"},"config":{},
             "events":[{"time_ms":1732540000000,"cloud":{"provider":"aws","account":"1","region":"us-east-1"},
             "api":{"action":"ec2:RunInstances","request":{"instanceType":"p4d.24xlarge"}},
             "status":"success","metadata":{"uid":"e-1"}}]}""";
        long t0 = System.nanoTime();
        PolicyResult result = engine.evaluate(input);
        System.out.println("eval ms " + (System.nanoTime() - t0) / 1e6 + " " + result);
        assertThat(result.findings()).extracting(RuleFinding::ruleId).containsExactly("SW-L4-001");
    }
}
