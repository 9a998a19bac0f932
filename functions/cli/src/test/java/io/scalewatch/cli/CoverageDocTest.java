package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.cli.coverage.CoverageReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/coverage.md cannot drift: regenerating it from the rules, the coverage data and the shared corpus must
 * give the committed file, and the generator refuses data that leaves a miss, a firing negative or an uncovered
 * technique unexplained, or explains one that no longer needs it.
 */
class CoverageDocTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("scalewatch.root", "")).toAbsolutePath().normalize();
    private static final String SHAPES = "functions/core/src/test/resources/shapes/manifest.json";

    @TempDir
    Path tmp;

    @Test
    void coverage_regeneratedIntoTempDir_equalsCommittedDoc() throws IOException {
        Path out = tmp.resolve("coverage.md");

        CliRun run = CliRun.of("coverage", "--root", ROOT.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as("coverage exit code; stderr: %s", run.err()).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8))
                .as("docs/coverage.md is stale: run infra/bin/scalewatch coverage and commit it")
                .isEqualTo(Files.readString(ROOT.resolve(CoverageReport.DOC), StandardCharsets.UTF_8));
    }

    @Test
    void coverageCheck_staleDoc_exitsOneAndNamesTheCommand() throws IOException {
        Path stale = tmp.resolve("coverage.md");
        Files.writeString(stale, "# Measured coverage\n\nold\n", StandardCharsets.UTF_8);

        CliRun run = CliRun.of("coverage", "--root", ROOT.toString(), "--out", stale.toString(), "--check");

        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.out()).contains("out of date").contains("infra/bin/scalewatch coverage");
        assertThat(Files.readString(stale, StandardCharsets.UTF_8)).isEqualTo("# Measured coverage\n\nold\n");
    }

    @Test
    void coverage_dataOutOfStepWithRulesAndCorpus_failsListingEveryProblem() throws IOException {
        Path root = copyOfData();
        ObjectNode corpus = (ObjectNode) JSON.readTree(root.resolve(CoverageReport.CORPUS_DATA).toFile());
        ObjectNode misses = (ObjectNode) corpus.path("misses");
        String explained = misses.fieldNames().next();
        misses.remove(explained);
        misses.put("AWS.CloudTrail.Stopped", "stale: its positive fires SW-L5-001");
        Files.writeString(root.resolve(CoverageReport.CORPUS_DATA), JSON.writeValueAsString(corpus));
        ObjectNode techniques = (ObjectNode) JSON.readTree(root.resolve(CoverageReport.TECHNIQUES).toFile());
        String uncovered = "";
        for (Iterator<com.fasterxml.jackson.databind.JsonNode> it = ((ArrayNode) techniques.path("techniques"))
                .elements(); it.hasNext(); ) {
            ObjectNode t = (ObjectNode) it.next();
            if (uncovered.isEmpty() && t.has("uncovered")) {
                uncovered = t.path("id").asText();
                t.remove("uncovered");
            } else if (t.path("id").asText().equals("aws.defense-evasion.cloudtrail-stop")) {
                t.put("uncovered", "stale reason");
            }
        }
        Files.writeString(root.resolve(CoverageReport.TECHNIQUES), JSON.writeValueAsString(techniques));

        CliRun run = CliRun.of("coverage", "--root", root.toString(), "--out", tmp.resolve("out.md").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err())
                .contains("positive events of " + explained + " fire no rule")
                .contains("\"misses\" explains AWS.CloudTrail.Stopped, which has no miss any more")
                .contains(uncovered + " (")
                .contains("aws.defense-evasion.cloudtrail-stop is now covered by [SW-L5-001");
        assertThat(tmp.resolve("out.md")).doesNotExist();
    }

    /** The coverage data and the shapes manifest in a scratch root (rule test files are then absent). */
    private Path copyOfData() throws IOException {
        Path root = tmp.resolve("root");
        for (String file : new String[] {CoverageReport.TECHNIQUES, CoverageReport.CORPUS_DATA, SHAPES}) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.copy(ROOT.resolve(file), root.resolve(file));
        }
        return root;
    }
}
