package io.scalewatch.cli;

import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.report.LocalReportWriter;
import io.scalewatch.core.report.ScanReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code scalewatch demo}: scans the bundled day of a CAST-AI-like agent on AWS, GCP and Azure. The data is
 * copied out of the jar into {@code <out>/input} first, so what was scanned can be read and rescanned.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Scan bundled sample data: a day of a CAST-AI-like agent on AWS, GCP and Azure (benign",
            "background plus injected incidents in every MAESTRO layer) and its IAM posture. No cloud account",
            "needed. Inputs are copied to <out>/input, results written to <out>."},
        footer = ExitCode.HELP_FOOTER)
final class DemoCommand implements Callable<Integer> {
    private static final String BASE = "/demo/";

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", defaultValue = "scalewatch-demo", paramLabel = "DIR",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--aivss", paramLabel = "0.5|0.8", description = "AIVSS version (default: the profile's).")
    private String aivss;

    @Option(names = "--profile", defaultValue = "castai", paramLabel = "ID|FILE",
            description = "Agent profile (default: ${DEFAULT-VALUE}).")
    private String profile;

    @Option(names = "--background-only", description = "Scan only the benign background (no incident files).")
    private boolean backgroundOnly;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N", description = "Evaluation threads.")
    private int threads;

    @Option(names = "--suppressions", paramLabel = "FILE",
            description = "Suppression file to try on the demo day (docs/suppressions.md).")
    private Path suppressions;

    @Option(names = "--suppression-max-days", defaultValue = "365", paramLabel = "DAYS",
            description = "Reject suppressions expiring more than DAYS ahead (default: ${DEFAULT-VALUE}).")
    private int suppressionMaxDays;

    @Override
    public Integer call() {
        if (suppressionMaxDays < 1 || suppressionMaxDays > 3650) {
            throw new ParameterException(spec.commandLine(),
                    "--suppression-max-days must be within 1..3650, got " + suppressionMaxDays);
        }
        Path input = out.resolve("input");
        extract(input);
        List<Path> activity = listActivity(input.resolve("activity"));
        List<IdentityMatcher> principals = lines("identities.txt").stream().map(IdentityMatcher::parse).toList();
        ScanReport report = LocalScan.run(new LocalScan.Options(activity, IdentityMatcher.anyOf(principals),
                List.of(input.resolve("posture")), profile, Optional.ofNullable(aivss), Optional.empty(),
                Optional.of(input.resolve("settings.json")), out, threads, 1000, Optional.ofNullable(suppressions),
                suppressionMaxDays, Optional.of(input.resolve("baseline.json"))));
        PrintWriter writer = spec.commandLine().getOut();
        // the HTML report first: it is what a person opens; the terminal table follows
        Path html = out.resolve(LocalReportWriter.HTML).toAbsolutePath().normalize();
        writer.printf("report    %s%n          %s%n%n", html, html.toUri());
        TerminalReport.render(report, writer);
        writer.printf("%ninputs    %s%noutputs   %s (report.html, findings.jsonl, findings.ocsf.jsonl, summary.json, "
                + "usage.json, quarantine.jsonl)%n", input.toAbsolutePath(), out.toAbsolutePath());
        writer.println("next      infra/bin/scalewatch scan --input <logs> --identity <agent principal> "
                + "--posture <iam files> --out <dir>");
        writer.flush();
        return ExitCode.OK;
    }

    private List<Path> listActivity(Path activity) {
        try (var files = Files.walk(activity)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !backgroundOnly || !p.getFileName().toString().contains("_incidents"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list demo activity in " + activity, e);
        }
    }

    /** Copies activity to input/activity, posture to input/posture, settings and identities to input/. */
    static void extract(Path input) {
        copy("settings.json", input.resolve("settings.json"));
        copy("identities.txt", input.resolve("identities.txt"));
        // four earlier weeks of the same identities, so behaviour novelty has a history to judge against
        // (how it was learned: docs/baseline.md, DemoBaselineTest)
        copy("baseline.json", input.resolve("baseline.json"));
        for (String entry : lines("manifest.txt")) {
            copy(strip(entry), input.resolve("activity").resolve(strip(entry)));
        }
        for (String entry : lines("posture/manifest.txt")) {
            copy(strip(entry), input.resolve(strip(entry)));
        }
    }

    // Manifest entries name resources from the classpath root: demo/aws/..., demo/posture/...
    private static String strip(String entry) {
        return entry.startsWith("demo/") ? entry.substring("demo/".length()) : entry;
    }

    private static void copy(String name, Path target) {
        if (name.contains("..") || name.startsWith("/")) {
            throw new IllegalStateException("demo manifest entry escapes the input directory: " + name);
        }
        try (InputStream in = resource(name)) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy demo file " + name + " to " + target, e);
        }
    }

    private static List<String> lines(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo resource " + name, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = DemoCommand.class.getResourceAsStream(BASE + name);
        if (in == null) {
            throw new IllegalStateException("demo resource " + BASE + name + " is missing from the jar");
        }
        return in;
    }
}
