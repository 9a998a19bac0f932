package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";

    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = ScanCommandTest.class.getResourceAsStream("/scan/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void scan_malformedLine_namesFileAndLineAndKeepsTheRest() throws IOException {
        Path input = fixture("cloudtrail-with-bad-line.jsonl");
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("scan", "--input", input.toString(), "--identity", ROLE, "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("1 records could not be normalized").contains(input + ":2: ");
        assertThat(run.err()).doesNotContain("\tat ");
        List<JsonNode> quarantine = lines(out.resolve("quarantine.jsonl"));
        assertThat(quarantine).singleElement().satisfies(q -> {
            assertThat(q.path("line").asLong()).isEqualTo(2);
            assertThat(q.path("reason").asText()).isNotBlank();
            assertThat(q.path("raw").asText()).contains("this line is broken");
        });
        assertThat(lines(out.resolve("findings.jsonl"))).anySatisfy(f -> {
            assertThat(f.path("rule_id").asText()).isEqualTo("SW-L4-001");
            assertThat(f.path("evidence").path("event_ids").get(0).asText())
                    .isEqualTo("a1b2c3d4-0000-4000-8000-000000000001");
            assertThat(f.path("aivss").path("threat_multiplier").asText()).isEqualTo("attacked");
        });
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("events").path("read").asLong()).isEqualTo(3);
        assertThat(summary.path("events").path("quarantined").asLong()).isEqualTo(1);
        assertThat(summary.path("events").path("in_scope").asLong()).isEqualTo(2);
    }

    @Test
    void scan_otherIdentity_judgesNothing() throws IOException {
        Path input = fixture("cloudtrail-with-bad-line.jsonl");
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("scan", "--input", input.toString(), "--identity",
                "arn:aws:iam::111122223333:role/someone-else", "--out", out.toString(), "--quiet");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(Files.readAllLines(out.resolve("findings.jsonl"))).isEmpty();
    }

    @Test
    void scan_failOnBand_exitsOneWhenAFindingReachesIt() throws IOException {
        Path input = fixture("cloudtrail-with-bad-line.jsonl");
        CliRun run = CliRun.of("scan", "--input", input.toString(), "--identity", ROLE, "--out",
                dir.resolve("out").toString(), "--quiet", "--fail-on", "medium", "--aivss", "0.8");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void scan_missingInput_isAnInputErrorWithoutStackTrace() {
        CliRun run = CliRun.of("scan", "--input", dir.resolve("nope.json").toString(), "--all-principals",
                "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err()).contains("nope.json").contains("does not exist").doesNotContain("\tat ");
    }

    @Test
    void scan_badIdentity_isAnInputError() throws IOException {
        CliRun run = CliRun.of("scan", "--input", fixture("cloudtrail-with-bad-line.jsonl").toString(),
                "--identity", "castai", "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err()).contains("'castai'");
    }

    @Test
    void scan_malformedPostureFile_namesTheFile() throws IOException {
        Path posture = dir.resolve("posture.json");
        Files.writeString(posture, "{\"RoleDetailList\": [");
        CliRun run = CliRun.of("scan", "--input", fixture("cloudtrail-with-bad-line.jsonl").toString(),
                "--identity", ROLE, "--posture", posture.toString(), "--out", dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err()).contains("posture.json").doesNotContain("\tat ");
    }

    @Test
    void scan_withoutIdentityChoice_isAUsageError() throws IOException {
        CliRun run = CliRun.of("scan", "--input", fixture("cloudtrail-with-bad-line.jsonl").toString(), "--out",
                dir.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--identity").contains("--all-principals");
    }
}
