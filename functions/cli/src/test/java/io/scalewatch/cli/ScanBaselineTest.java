package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.baseline.BaselineJson;
import io.scalewatch.core.baseline.IdentityBaseline;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --baseline FILE}: the history is read before the window pass and the scan folded into it after. */
class ScanBaselineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";

    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(Path.of(name).getFileName());
        try (InputStream in = ScanBaselineTest.class.getResourceAsStream("/scan/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private CliRun scan(Path input, Path baseline, String out) {
        return CliRun.of("scan", "--input", input.toString(), "--identity", ROLE, "--out", dir.resolve(out).toString(),
                "--baseline", baseline.toString(), "--quiet");
    }

    private List<JsonNode> novelty(String out) throws IOException {
        return Files.readAllLines(dir.resolve(out).resolve("findings.jsonl")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).filter(f -> f.path("rule_id").asText().equals("SW-L5-007")).toList();
    }

    @Test
    void scan_missingBaselineFile_isCreatedWithWhatTheScanSawAndNothingIsNovel() throws IOException {
        Path baseline = dir.resolve("state/baseline.json");

        CliRun run = scan(fixture("baseline/gpu-launch.jsonl"), baseline, "out");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(novelty("out")).isEmpty();
        IdentityBaseline learned = BaselineJson.read(Files.readAllBytes(baseline));
        assertThat(learned.runs()).isEqualTo(1);
        assertThat(learned.values("instance_family")).containsOnlyKeys("p4d");
        assertThat(learned.values("network")).containsOnlyKeys("34.120.10.0/24");
    }

    @Test
    void scan_sameFilesTwice_foldsThemOnce() throws IOException {
        Path input = fixture("baseline/gpu-launch.jsonl");
        Path baseline = dir.resolve("baseline.json");
        scan(input, baseline, "first");
        byte[] once = Files.readAllBytes(baseline);

        CliRun again = scan(input, baseline, "second");

        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCode.OK);
        assertThat(Files.readAllBytes(baseline)).isEqualTo(once);
    }

    @Test
    void scan_matureHistory_explainsTheFirstGpuFamilyAndLearnsIt() throws IOException {
        Path input = fixture("baseline/gpu-launch.jsonl");
        Path baseline = fixture("baseline/mature-history.json");

        CliRun run = scan(input, baseline, "out");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(novelty("out")).singleElement().satisfies(f -> {
            assertThat(f.path("detail").asText()).isEqualTo("first GPU instance family ever launched by this"
                    + " identity: p4d (p4d.24xlarge) (1 events; baseline learned from 2026-10-07 to 2026-11-06 over"
                    + " 2880 runs)");
            assertThat(f.path("evidence").path("event_ids").get(0).asText())
                    .isEqualTo("a1b2c3d4-0000-4000-8000-000000000001");
        });
        IdentityBaseline after = BaselineJson.read(Files.readAllBytes(baseline));
        assertThat(after.runs()).isEqualTo(2881);
        assertThat(after.values("instance_family")).containsKeys("m5", "p4d");
    }

    @Test
    void scan_corruptBaseline_failsNamingFileAndFieldAndLeavesItAlone() throws IOException {
        Path baseline = dir.resolve("baseline.json");
        String corrupt = "{\"format\":1,\"started_ms\":1,\"updated_ms\":2,\"runs\":\"many\",\"seen\":{}}";
        Files.writeString(baseline, corrupt);

        CliRun run = scan(fixture("baseline/gpu-launch.jsonl"), baseline, "out");

        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err()).contains(baseline.toString()).contains("'runs'");
        assertThat(Files.readString(baseline)).isEqualTo(corrupt);
    }

    @Test
    void scan_baselineWithLiveMode_isAUsageError() {
        CliRun run = CliRun.of("scan", "--aws", "--identity", ROLE, "--out", dir.toString(), "--baseline",
                dir.resolve("b.json").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--baseline is for file scans");
    }
}
