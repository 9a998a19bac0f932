package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.report.LocalReportWriter;
import io.scalewatch.core.report.ocsf.PinnedOcsfSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `scalewatch demo` (three clouds, every MAESTRO layer, every rule kind, posture and activity): every line of
 * findings.ocsf.jsonl is a valid OCSF Detection Finding of the pinned version, one per native finding, same order.
 */
class DemoOcsfConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void demo_fullDay_everyOcsfFindingConformsToThePinnedSchema(@TempDir Path dir) throws IOException {
        PinnedOcsfSchema schema = PinnedOcsfSchema.load();
        CliRun run = CliRun.of("demo", "--out", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);

        List<String> ocsf = Files.readAllLines(dir.resolve(LocalReportWriter.OCSF_FINDINGS));
        List<String> findings = Files.readAllLines(dir.resolve(LocalReportWriter.FINDINGS));

        assertThat(ocsf).hasSameSizeAs(findings).hasSizeGreaterThan(10);
        Set<String> clouds = new TreeSet<>();
        Set<String> kinds = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < ocsf.size(); i++) {
            JsonNode record = JSON.readTree(ocsf.get(i));
            JsonNode finding = JSON.readTree(findings.get(i));
            assertThat(record.at("/finding_info/uid").asText()).isEqualTo(finding.path("id").asText());
            clouds.add(record.at("/cloud/provider").asText());
            kinds.add(record.at("/unmapped/scalewatch/kind").asText());
            schema.problems(record).forEach(p -> problems.add(finding.path("rule_id").asText() + " " + p));
        }
        assertThat(problems).isEmpty();
        assertThat(clouds).containsExactly("AWS", "Azure", "GCP");
        assertThat(kinds).contains("event", "window", "posture");
    }
}
