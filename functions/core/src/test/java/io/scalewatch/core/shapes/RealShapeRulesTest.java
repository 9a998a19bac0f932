package io.scalewatch.core.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.PolicyInputWriter;
import io.scalewatch.core.policy.PolicyResult;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.policy.ScanContext;
import io.scalewatch.core.policy.WasmPolicyEngine;
import io.scalewatch.core.scan.StatsAccumulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core issue's rules fire on GCP and Azure activity in each cloud's own wire shape: every raw fixture
 * under {@code shapes/} (Cloud Audit Log entries, Activity Log diagnostic-settings records, Log Analytics
 * AzureActivity rows, CloudTrail records) goes through the real reader and normalizer, then through the
 * compiled Wasm policy and native {@code opa eval}; both must fire exactly the core rules (and the manifest's
 * {@code coverage_rules}) the manifest expects (none for a benign control) and agree on every finding. The chunk's
 * stats, merged as the scan merges them, then feed the window pass, which must fire exactly the manifest's window
 * rules the fixture expects.
 */
class RealShapeRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = resourceRoot();
    private static final JsonNode MANIFEST = readManifest();
    private static final WasmPolicyEngine ENGINE = WasmPolicyEngine.create(PolicyBundle.fromClasspath(), 1);
    private static final String DEFAULT_PROFILE = "castai";

    @TempDir
    static Path work;

    private static NativeOpa opa;

    @BeforeAll
    static void locateOpa() {
        opa = NativeOpa.fromSystemProperty(work);
    }

    record Fixture(String file, String cloud, String behaviour, Set<String> expected, String profile,
            Set<String> expectedWindow) {
        @Override
        public String toString() {
            Set<String> all = new TreeSet<>(expected);
            all.addAll(expectedWindow);
            return file + " -> " + (all.isEmpty() ? "none (control)" : all);
        }

        ScanContext context() {
            return new ScanContext("real-shapes", 0, 1_800_000_000_000L, "*", profile, JSON.createObjectNode());
        }
    }

    static Stream<Fixture> fixtures() {
        List<Fixture> fixtures = new ArrayList<>();
        for (JsonNode node : MANIFEST.path("fixtures")) {
            Set<String> expected = new TreeSet<>();
            node.path("expect").forEach(id -> expected.add(id.asText()));
            Set<String> expectedWindow = new TreeSet<>();
            node.path("expect_window").forEach(id -> expectedWindow.add(id.asText()));
            fixtures.add(new Fixture(node.path("file").asText(), node.path("cloud").asText(),
                    node.path("behaviour").asText(), expected, node.path("profile").asText(DEFAULT_PROFILE),
                    expectedWindow));
        }
        return fixtures.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void evaluate_realShapeFixture_firesExpectedCoreRulesInWasmAndOpa(Fixture fixture) {
        List<AuditEvent> events = read(fixture);
        String input = PolicyInputWriter.chunk(fixture.context(), events);

        PolicyResult wasm = ENGINE.evaluate(input);
        PolicyResult opaEval = PolicyResult.fromJson(opa.eval(input, work));

        assertThat(coreRules(wasm)).as("core rules fired in Wasm by %s", fixture.file())
                .isEqualTo(fixture.expected());
        assertThat(coreRules(opaEval)).as("core rules fired by opa eval on %s", fixture.file())
                .isEqualTo(fixture.expected());
        assertThat(wasm.findings()).as("Wasm and opa eval agree on %s", fixture.file())
                .containsExactlyInAnyOrderElementsOf(opaEval.findings());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void evaluateWindow_realShapeFixture_firesExpectedWindowRulesInWasmAndOpa(Fixture fixture) {
        PolicyResult chunk = ENGINE.evaluate(PolicyInputWriter.chunk(fixture.context(), read(fixture)));
        StatsAccumulator merged = new StatsAccumulator(500);
        merged.add(chunk.stats());
        String input = PolicyInputWriter.window(fixture.context(), merged.toJson(), List.of());

        PolicyResult wasm = ENGINE.evaluate(input);
        PolicyResult opaEval = PolicyResult.fromJson(opa.eval(input, work));

        assertThat(windowRules(wasm)).as("window rules fired in Wasm by %s", fixture.file())
                .isEqualTo(fixture.expectedWindow());
        assertThat(windowRules(opaEval)).as("window rules fired by opa eval on %s", fixture.file())
                .isEqualTo(fixture.expectedWindow());
        assertThat(wasm.findings()).as("Wasm and opa eval agree on the window pass of %s", fixture.file())
                .containsExactlyInAnyOrderElementsOf(opaEval.findings());
    }

    @Test
    void manifest_everyFixtureFile_isListedOnce() throws IOException {
        Set<String> listed = fixtures().map(Fixture::file).collect(Collectors.toCollection(TreeSet::new));
        assertThat(fixtures().count()).isEqualTo(listed.size());
        try (Stream<Path> files = Files.walk(ROOT)) {
            Set<String> present = files.filter(Files::isRegularFile)
                    .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                    .filter(name -> !name.equals("manifest.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(present).isEqualTo(listed);
        }
    }

    @Test
    void manifest_eachCloud_provesEveryCoreRuleAndHasABenignControl() {
        Set<String> core = new TreeSet<>();
        MANIFEST.path("core_rules").forEach(id -> core.add(id.asText()));
        assertThat(core).hasSize(7);
        MANIFEST.path("coverage_rules").forEach(id -> core.add(id.asText()));
        for (String cloud : List.of("gcp", "azure")) {
            Set<String> proven = fixtures().filter(f -> f.cloud().equals(cloud))
                    .flatMap(f -> f.expected().stream()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(proven).as("core rules proven on %s", cloud).isEqualTo(core);
            assertThat(fixtures().filter(f -> f.cloud().equals(cloud)).anyMatch(f -> f.expected().isEmpty()))
                    .as("%s has a benign control", cloud).isTrue();
        }
    }

    @Test
    void manifest_eachWindowRule_isProvenOnEveryCloud() {
        Set<String> window = new TreeSet<>();
        MANIFEST.path("window_rules").forEach(id -> window.add(id.asText()));
        assertThat(window).isNotEmpty();
        for (String cloud : List.of("aws", "gcp", "azure")) {
            Set<String> proven = fixtures().filter(f -> f.cloud().equals(cloud))
                    .flatMap(f -> f.expectedWindow().stream()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(proven).as("window rules proven on %s", cloud).isEqualTo(window);
        }
    }

    private static List<AuditEvent> read(Fixture fixture) {
        List<AuditEvent> events = new ArrayList<>();
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        AuditLogReader.create().read(ROOT.resolve(fixture.file()), RecordSink.of(events::add, quarantined::add));
        assertThat(quarantined).as("quarantined records of %s", fixture.file()).isEmpty();
        assertThat(events).as("events of %s", fixture.file()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.cloud().provider().id()).isEqualTo(fixture.cloud()));
        return events;
    }

    private static Set<String> coreRules(PolicyResult result) {
        Set<String> core = rulesListedAs("core_rules", result);
        // rules docs/coverage.md needed GCP/Azure events for (the corpus has none that fire them)
        core.addAll(rulesListedAs("coverage_rules", result));
        return core;
    }

    private static Set<String> windowRules(PolicyResult result) {
        return rulesListedAs("window_rules", result);
    }

    private static Set<String> rulesListedAs(String list, PolicyResult result) {
        Set<String> listed = new TreeSet<>();
        MANIFEST.path(list).forEach(id -> listed.add(id.asText()));
        return result.findings().stream().map(RuleFinding::ruleId).filter(listed::contains)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Path resourceRoot() {
        try {
            return Path.of(RealShapeRulesTest.class.getResource("/shapes/manifest.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("shapes/manifest.json is not on the test classpath", e);
        }
    }

    private static JsonNode readManifest() {
        try {
            return JSON.readTree(ROOT.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read shapes/manifest.json", e);
        }
    }
}
