package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.PolicyResult;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.policy.WasmPolicyEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java Wasm engine and native `opa eval` (the pinned OPA CLI on the plain Rego bundle built from the
 * same sources) return the same findings and stats for every policy input of a demo scan: each event
 * chunk, and the window + posture pass; and the same usage report ({@code data.scalewatch.main.usage}).
 */
class WasmOpaParityTest {
    @Test
    void evaluate_everyInputOfTheDemoScan_sameFindingsStatsAndUsageAsOpaEval(@TempDir Path dir) {
        Path input = DemoData.extract(dir.resolve("demo"));
        PolicyBundle bundle = PolicyBundle.fromClasspath();
        RecordingEngine engine = new RecordingEngine(WasmPolicyEngine.create(bundle, 2));
        LocalScan.run(new LocalScan.Options(DemoData.activity(input, true), DemoData.identity(),
                List.of(input.resolve("posture")), "castai", Optional.empty(), Optional.empty(),
                Optional.of(input.resolve("settings.json")), dir.resolve("out"), 2, 1000), engine,
                RuleCatalog.fromBundle(bundle));
        OpaCli opa = OpaCli.locate(Optional.empty()).orElseThrow(() -> new AssertionError(
                "no OPA CLI: the build passes -Dopa.bin (infra/tools/install puts it in .tools/bin)"));

        List<RecordingEngine.Call> calls = engine.calls();
        assertThat(calls).hasSizeGreaterThan(5);
        long findings = 0;
        for (RecordingEngine.Call call : calls) {
            PolicyResult wasm = call.result();
            PolicyResult wanted = PolicyResult.fromJson(opa.eval(call.input()));
            assertThat(wasm.findings()).containsExactlyInAnyOrderElementsOf(wanted.findings());
            assertThat(wasm.stats()).isEqualTo(wanted.stats());
            findings += wasm.findings().size();
        }
        assertThat(findings).as("parity on inputs that produce findings").isGreaterThan(20);
        assertThat(calls.stream().flatMap(c -> c.result().findings().stream()).map(RuleFinding::layer).distinct())
                .hasSize(7);
        // the usage report: evaluated once, on the window input, one entry per posture
        assertThat(engine.usageCalls()).singleElement().satisfies(call -> {
            assertThat(calls).extracting(RecordingEngine.Call::input).as("the window pass input").contains(call.input());
            assertThat(call.usage()).hasSize(3);
            assertThat(call.usage()).isEqualTo(opa.evalUsage(call.input()));
        });
    }

    @Test
    void identity_ofTheDemo_namesAPrincipalPerCloud() {
        IdentityMatcher identity = DemoData.identity();
        assertThat(identity.principals()).extracting(IdentityMatcher::kind).contains(
                IdentityMatcher.Kind.AWS_ROLE, IdentityMatcher.Kind.GCP_SERVICE_ACCOUNT,
                IdentityMatcher.Kind.AZURE_PRINCIPAL);
    }
}
