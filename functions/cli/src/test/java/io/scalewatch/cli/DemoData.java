package io.scalewatch.cli;

import io.scalewatch.core.identity.IdentityMatcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The bundled demo data as `scalewatch demo` extracts it, for tests. */
final class DemoData {
    private DemoData() {}

    /** Runs `scalewatch demo --out dir` once and returns the extracted input directory. */
    static Path extract(Path dir) {
        CliRun run = CliRun.of("demo", "--out", dir.toString());
        if (run.exitCode() != ExitCode.OK) {
            throw new AssertionError("demo failed: " + run.err());
        }
        return dir.resolve("input");
    }

    static List<Path> activity(Path input, boolean withIncidents) {
        try (var files = Files.walk(input.resolve("activity"))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> withIncidents || !p.getFileName().toString().contains("_incidents"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IdentityMatcher identity() {
        try (var in = DemoData.class.getResourceAsStream("/demo/identities.txt")) {
            return IdentityMatcher.anyOf(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(IdentityMatcher::parse).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
