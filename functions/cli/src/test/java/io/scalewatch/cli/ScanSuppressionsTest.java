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

/** scan --suppressions and dry-run rules end to end: written and counted, never raised. */
class ScanSuppressionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    // the fixture's active entries expire in 2035: a horizon that still accepts them for years
    private static final String HORIZON = "3650";

    @TempDir
    Path dir;

    private Path fixture(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = ScanSuppressionsTest.class.getResourceAsStream("/scan/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    private CliRun scan(Path out, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("scan", "--input",
                fixture("cloudtrail-with-bad-line.jsonl").toString(), "--identity", ROLE, "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void scan_suppressionsFile_marksCoveredFindingsSuppressedAndCountsThemApart() throws IOException {
        Path out = dir.resolve("out");

        CliRun run = scan(out, "--suppressions", fixture("suppressions.json").toString(),
                "--suppression-max-days", HORIZON);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        List<JsonNode> findings = lines(out.resolve("findings.jsonl"));
        List<JsonNode> gpu = findings.stream().filter(f -> f.path("rule_id").asText().equals("SW-L4-001")).toList();
        assertThat(gpu).isNotEmpty().allSatisfy(f -> {
            assertThat(f.path("suppressed").asBoolean()).isTrue();
            assertThat(f.at("/suppression/owner").asText()).isEqualTo("ml-platform@example.com");
            assertThat(f.at("/suppression/reason").asText()).isEqualTo("GPU pool for the ML team, accepted in OPS-412");
            assertThat(f.at("/suppression/expires").asText()).isEqualTo("2035-01-01T00:00:00Z");
            assertThat(f.at("/suppression/entry").asInt()).isZero();
        });
        long raised = findings.stream().filter(f -> !f.path("suppressed").asBoolean() && !f.path("dry_run").asBoolean())
                .count();
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/findings/suppressed").asInt()).isEqualTo(gpu.size());
        assertThat(summary.at("/findings/total").asLong()).isEqualTo(raised);
        assertThat(summary.at("/suppressions/entries").asInt()).isEqualTo(3);
        assertThat(summary.at("/suppressions/stale/0/rule").asText()).isEqualTo("SW-L5-003");
        assertThat(summary.at("/suppressions/expired/0/entry").asInt()).isEqualTo(2);
        assertThat(summary.at("/suppressions/expired/0/would_match").asInt()).isGreaterThanOrEqualTo(gpu.size());
        assertThat(summary.path("top_findings")).noneSatisfy(f -> assertThat(f.path("rule_id").asText())
                .isEqualTo("SW-L4-001"));
        assertThat(run.out()).contains(gpu.size() + " suppressed findings (counted, not raised")
                .contains("warning   suppression 1 (SW-L5-003, owner finops) matched no finding (stale)")
                .contains("warning   suppression 2 (SW-L4-*, owner platform-team) expired 2026-01-01T00:00:00Z");
    }

    @Test
    void scan_withoutSuppressions_raisesTheSameFinding() throws IOException {
        Path out = dir.resolve("out");

        CliRun run = scan(out, "--fail-on", "low");

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/findings/suppressed").asInt()).isZero();
        assertThat(lines(out.resolve("findings.jsonl"))).filteredOn(f -> f.path("rule_id").asText().equals("SW-L4-001"))
                .isNotEmpty().allSatisfy(f -> assertThat(f.path("suppressed").asBoolean()).isFalse());
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void scan_suppressionWithoutOwner_isAnInputErrorNamingTheEntry() throws IOException {
        Path out = dir.resolve("out");
        Path file = fixture("suppressions-no-owner.json");

        CliRun run = scan(out, "--suppressions", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err()).contains("suppression file " + file + ": suppressions[0].owner is required")
                .doesNotContain("\tat ");
        assertThat(out.resolve("findings.jsonl")).doesNotExist();
    }

    @Test
    void scan_suppressionMaxDaysOutOfRange_isAUsageError() throws IOException {
        CliRun run = scan(dir.resolve("out"), "--suppression-max-days", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--suppression-max-days must be within 1..3650, got 0");
    }

    @Test
    void scan_dryRunRule_isWrittenAndCountedButNeitherRaisedNorFailing() throws IOException {
        Path out = dir.resolve("out");

        CliRun run = scan(out, "--settings", fixture("settings-dry-run.json").toString());

        List<JsonNode> findings = lines(out.resolve("findings.jsonl"));
        List<JsonNode> gpu = findings.stream().filter(f -> f.path("rule_id").asText().equals("SW-L4-001")).toList();
        assertThat(gpu).isNotEmpty().allSatisfy(f -> {
            assertThat(f.path("dry_run").asBoolean()).isTrue();
            assertThat(f.path("suppressed").asBoolean()).isFalse();
        });
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/findings/dry_run").asInt()).isEqualTo(gpu.size());
        assertThat(summary.at("/findings/total").asInt()).isEqualTo(findings.size() - gpu.size());
        assertThat(summary.at("/findings/by_layer_and_band/L4").toString()).isEqualTo(
                "{\"Low\":0,\"Medium\":0,\"High\":0,\"Critical\":0}");
        assertThat(run.out()).contains(gpu.size() + " dry-run findings (counted, not raised)");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void demo_suppressionsFile_suppressesTheDemoRolesMissingBoundary() throws IOException {
        Path out = dir.resolve("demo");

        CliRun run = CliRun.of("demo", "--out", out.toString(), "--suppressions",
                fixture("suppressions-demo.json").toString(), "--suppression-max-days", HORIZON);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        List<JsonNode> boundary = lines(out.resolve("findings.jsonl")).stream()
                .filter(f -> f.path("rule_id").asText().equals("SW-L6-008")).toList();
        assertThat(boundary).isNotEmpty().allSatisfy(f -> {
            assertThat(f.path("suppressed").asBoolean()).isTrue();
            assertThat(f.at("/suppression/owner").asText()).isEqualTo("iam-team@example.com");
        });
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/suppressions/entries").asInt()).isEqualTo(1);
        assertThat(summary.at("/findings/suppressed").asInt()).isGreaterThanOrEqualTo(boundary.size());
    }
}
