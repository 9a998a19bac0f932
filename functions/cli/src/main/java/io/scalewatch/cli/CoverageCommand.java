package io.scalewatch.cli;

import io.scalewatch.cli.coverage.CoverageDataException;
import io.scalewatch.cli.coverage.CoverageReport;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.WasmPolicyEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalewatch coverage}: regenerates docs/coverage.md (technique coverage and corpus hits/misses). */
@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = {"Measure coverage: which rules cover the techniques of docs/coverage/techniques.json and what",
            "scalewatch fires on the labelled events of the shared corpus; writes docs/coverage.md (offline)."},
        footer = ExitCode.HELP_FOOTER)
final class CoverageCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Repository root (default: the scalewatch.root property, else the working directory or the "
                    + "parent holding docs/coverage, else the checkout of the jar).")
    private Path root;

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "The shared audit-log corpus (default: the scalewatch.corpus property, else ../shared/corpus "
                    + "beside the repository or one of its parents).")
    private Path corpus;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: <root>/docs/coverage.md).")
    private Path out;

    @Option(names = "--check", description = "Write nothing; exit 1 when docs/coverage.md differs from what the "
            + "data, rules and corpus give now.")
    private boolean check;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        String rootProperty = System.getProperty("scalewatch.root", "");
        Path repo = (root != null ? root : rootProperty.isBlank() ? findRoot() : Path.of(rootProperty))
                .toAbsolutePath().normalize();
        String corpusProperty = System.getProperty("scalewatch.corpus", "");
        Path corpusDir = corpus != null ? corpus
                : corpusProperty.isBlank() ? findCorpus(repo) : Path.of(corpusProperty);
        PolicyBundle bundle = PolicyBundle.fromClasspath();
        String markdown;
        try {
            markdown = CoverageReport.generate(repo, corpusDir, WasmPolicyEngine.create(bundle, 1),
                    RuleCatalog.fromBundle(bundle));
        } catch (CoverageDataException e) {
            throw new InputException("coverage data: " + e.getMessage(), e);
        }
        Path target = out != null ? out : repo.resolve(CoverageReport.DOC);
        try {
            if (check) {
                String current = Files.isRegularFile(target) ? Files.readString(target, StandardCharsets.UTF_8) : "";
                if (!current.equals(markdown)) {
                    stdout.println(target + " is out of date: run infra/bin/scalewatch coverage");
                    stdout.flush();
                    return ExitCode.FINDINGS;
                }
                stdout.println(target + " matches the rules, the coverage data and the corpus");
                stdout.flush();
                return ExitCode.OK;
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("cannot write " + target + ": " + e.getMessage(), e);
        }
        stdout.println("wrote " + target);
        stdout.flush();
        return ExitCode.OK;
    }

    /** The working directory or the parent holding the coverage data, else the checkout the jar was built in. */
    static Path findRoot() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        java.security.CodeSource code = CoverageCommand.class.getProtectionDomain().getCodeSource();
        if (code != null && code.getLocation() != null) {
            try {
                starts.add(Path.of(code.getLocation().toURI()));
            } catch (java.net.URISyntaxException e) {
                // a jar location that is no file URI: only the working directory is searched
            }
        }
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve(CoverageReport.TECHNIQUES))) {
                    return dir;
                }
            }
        }
        throw new InputException(CoverageReport.TECHNIQUES + " not found above " + starts.get(0)
                + "; run from the repository or give --root DIR");
    }

    /** ../shared/corpus beside the repository or one of its parents (where the worktrees keep it). */
    static Path findCorpus(Path repo) {
        List<String> tried = new ArrayList<>();
        for (Path dir = repo; dir != null && dir.getParent() != null; dir = dir.getParent()) {
            Path candidate = dir.getParent().resolve("shared").resolve("corpus");
            tried.add(candidate.toString());
            if (Files.isRegularFile(candidate.resolve("labels.jsonl"))) {
                return candidate;
            }
        }
        throw new InputException("shared corpus not found (labels.jsonl) in: " + String.join(", ", tried)
                + "; give --corpus DIR");
    }
}
