package io.scalewatch.core.posture;

import static io.scalewatch.core.posture.PostureFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The demo posture bundled with the CLI is a copy of the test fixtures: keep them from drifting apart. */
class DemoPostureFilesTest {
    private static List<Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".json"))
                    .map(root::relativize).sorted().toList();
        }
    }

    @Test
    void demoPosture_matchesTestFixturesByteForByte() throws IOException {
        String root = System.getProperty("scalewatch.root");
        assertThat(root).as("system property scalewatch.root (set by the Maven build)").isNotBlank();
        Path demo = Path.of(root, "functions", "cli", "src", "main", "resources", "demo", "posture");
        Path fixtures = resource("posture");

        List<Path> files = relativeFiles(fixtures);
        assertThat(relativeFiles(demo)).isEqualTo(files);
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path file : files) {
            assertThat(Files.readAllBytes(demo.resolve(file))).as(file.toString())
                    .isEqualTo(Files.readAllBytes(fixtures.resolve(file)));
        }
    }
}
