package io.scalewatch.cli;

import io.scalewatch.cli.demo.DemoActivity;
import io.scalewatch.cli.demo.SyntheticActivity;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.PolicyInputWriter;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.ScanContext;
import io.scalewatch.core.policy.WasmPolicyEngine;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.scan.LocalFileSource;
import io.scalewatch.core.scan.ScanPipeline;
import io.scalewatch.core.scan.ScanRequest;
import io.scalewatch.core.scan.Scanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scalewatch bench}: generates N synthetic CloudTrail events, scans them through the full pipeline
 * (read, normalize, filter, Wasm evaluation, merge, score) and prints throughput, peak heap, the Java
 * engine beside native {@code opa bench} on the same policy and the same chunk, and the size, render time and
 * browser load time of the scan's HTML report. Figures, not a verdict.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the whole pipeline on N synthetic events and compare the Wasm engine with",
            "native OPA on the same input. Prints figures; there is no pass/fail."},
        footer = ExitCode.HELP_FOOTER)
final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--events", defaultValue = "100000", paramLabel = "N",
            description = "Synthetic events to generate and scan (default: ${DEFAULT-VALUE}).")
    private long events;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Evaluation threads (default: ${DEFAULT-VALUE}, the 'one core' figure).")
    private int threads;

    @Option(names = "--chunk-size", defaultValue = "1000", paramLabel = "N",
            description = "Events per evaluation (default: ${DEFAULT-VALUE}).")
    private int chunkSize;

    @Option(names = "--opa", paramLabel = "PATH", description = "OPA binary for the side-by-side figure "
            + "(default: $SCALEWATCH_OPA, then opa on PATH).")
    private Path opa;

    @Option(names = "--no-opa", description = "Skip the native OPA comparison.")
    private boolean noOpa;

    @Option(names = "--no-html", description = "Skip the HTML report figures (size, render and browser time).")
    private boolean noHtml;

    @Option(names = "--chromium", paramLabel = "PATH", description = "Chromium for the browser figures "
            + "(default: $SCALEWATCH_CHROMIUM, then chromium on PATH).")
    private Path chromium;

    @Option(names = "--html-out", paramLabel = "FILE", description = "Keep the benchmark's report.html here.")
    private Path htmlOut;

    @Override
    public Integer call() throws IOException {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be at least 1, got " + events);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("scalewatch-bench");
        try {
            Path file = dir.resolve("cloudtrail.jsonl");
            long t0 = System.nanoTime();
            long bytes = SyntheticActivity.writeCloudTrailJsonLines(file, events, 42);
            double genSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf("generated   %,d events, %,.1f MB of CloudTrail JSON Lines in %.1f s%n", events, bytes / 1e6,
                    genSeconds);
            out.flush();

            PolicyBundle bundle = PolicyBundle.fromClasspath();
            long tEngine = System.nanoTime();
            WasmPolicyEngine engine = WasmPolicyEngine.create(bundle, threads);
            out.printf("engine      Wasm module compiled in %.2f s (cold start)%n", (System.nanoTime() - tEngine) / 1e9);
            Scanner scanner = new Scanner(ScanPipeline.builder().engine(engine).threads(threads).chunkSize(chunkSize)
                    .build(), RuleCatalog.fromBundle(bundle), Clock.systemUTC());
            IdentityMatcher identity = IdentityMatcher.anyOf(
                    DemoActivity.principals().stream().map(IdentityMatcher::parse).toList());
            var profile = AgentProfiles.builtIn("castai");
            ScanRequest request = new ScanRequest("bench", identity, profile, profile.version(), profile.mitigation(),
                    null, LocalFileSource.of(List.of(file), AuditLogReader.create()), List.of(), List.of(), 0,
                    System.currentTimeMillis());
            System.gc();
            resetPeaks();
            long tScan = System.nanoTime();
            ScanReport report = scanner.scan(request, record -> { });
            double scanSeconds = (System.nanoTime() - tScan) / 1e9;
            out.printf("pipeline    %,d events in %.2f s = %,.0f events/s end to end (%d thread%s, chunks of %d)%n",
                    events, scanSeconds, events / scanSeconds, threads, threads == 1 ? "" : "s", chunkSize);
            out.printf("            %,d in scope, %,d findings, %,d policy evaluations%n",
                    report.evaluation().eventsInScope(), report.findings().size(), report.evaluation().chunks() + 1);
            out.printf("memory      peak heap %,.0f MB (max heap %,.0f MB)%n", peakHeap() / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6);
            compareWithOpa(out, engine, file, identity);
            if (!noHtml) {
                HtmlBench.run(out, report, dir, Optional.ofNullable(chromium), Optional.ofNullable(htmlOut));
            }
            out.flush();
            return ExitCode.OK;
        } finally {
            deleteTree(dir);
        }
    }

    private void compareWithOpa(PrintWriter out, WasmPolicyEngine engine, Path file, IdentityMatcher identity) {
        String input = sampleChunk(file, identity);
        int iterations = 50;
        for (int i = 0; i < 5; i++) {
            engine.evaluate(input);
        }
        long t = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            engine.evaluate(input);
        }
        double javaMs = (System.nanoTime() - t) / 1e6 / iterations;
        out.printf("same chunk  Java Wasm engine %.2f ms per evaluation of %d events (input %,d bytes)%n", javaMs,
                chunkSize, input.length());
        if (noOpa) {
            return;
        }
        Optional<OpaCli> cli = OpaCli.locate(Optional.ofNullable(opa));
        if (cli.isEmpty()) {
            out.println("            native OPA not found (set --opa or $SCALEWATCH_OPA); comparison skipped");
            return;
        }
        double opaMs = cli.get().benchNanosPerEval(input) / 1e6;
        out.printf("            native opa bench %.2f ms per evaluation (%s)%n", opaMs, cli.get().binary());
        out.printf("            ratio Java/OPA %.2f (below 1 means the Java engine is faster)%n", javaMs / opaMs);
    }

    private String sampleChunk(Path file, IdentityMatcher identity) {
        List<AuditEvent> sample = new ArrayList<>(chunkSize);
        AuditLogReader.create().read(file, new RecordSink() {
            @Override
            public void event(AuditEvent event) {
                if (sample.size() < chunkSize && identity.matches(event)) {
                    sample.add(event);
                }
            }

            @Override
            public void quarantined(QuarantinedRecord record) {
                // Counted by the full scan above; the sample only needs events.
            }
        });
        return PolicyInputWriter.chunk(new ScanContext("bench", 0, System.currentTimeMillis(), identity.policyMatcher(),
                "castai", null), sample);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dir, e);
        }
    }
}
