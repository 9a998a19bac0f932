package io.scalewatch.cli;

import java.util.Optional;
import java.time.Instant;
import io.scalewatch.core.suppress.Suppressions;
import io.scalewatch.core.suppress.SuppressionFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.WasmPolicyEngine;
import io.scalewatch.core.report.QuarantineFileWriter;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.core.run.TargetOutputs;
import io.scalewatch.core.scan.Scanner;
import io.scalewatch.core.sink.LocalDirectorySink;
import io.scalewatch.core.sink.ReportSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the live modes ({@code scan --aws|--gcp|--azure}) share: local outputs (a folder per target), the report of
 * every target kept for the terminal, the stateless window, the scanner and the settings file.
 */
final class LiveModes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveModes() {}

    /** Per target {@code <out>/<account>/<region>/}: findings.jsonl, summary.json, quarantine.jsonl. */
    static TargetOutputs.Factory local(Path out, Map<ScanTarget, ScanReport> reports) {
        return (target, runId) -> {
            Path dir = out.resolve(target.key().account().replace('/', '_')).resolve(target.key().region());
            QuarantineFileWriter quarantine = new QuarantineFileWriter(dir);
            return outputs(List.of(new LocalDirectorySink(dir)), quarantine, quarantine::close, target, reports);
        };
    }

    /** The cloud outputs, plus the report kept for the terminal once every sink published. */
    static TargetOutputs.Factory capturing(TargetOutputs.Factory cloud, Map<ScanTarget, ScanReport> reports) {
        return (target, runId) -> {
            TargetOutputs inner = cloud.open(target, runId);
            return outputs(inner.sinks(), inner.quarantine(), inner::close, target, reports);
        };
    }

    /** Without checkpoints: exactly {@code [until - since, until)}. */
    static ScanWindow.Policy stateless(Duration since) {
        if (since.isNegative() || since.isZero()) {
            throw new InputException("--since must be a positive ISO-8601 duration such as PT24H, got " + since);
        }
        return new ScanWindow.Policy(Duration.ZERO, Duration.ZERO, since, since);
    }

    private static TargetOutputs outputs(List<ReportSink> sinks, Consumer<QuarantinedRecord> quarantine,
            Runnable close, ScanTarget target, Map<ScanTarget, ScanReport> reports) {
        List<ReportSink> all = new ArrayList<>(sinks);
        all.add(new ReportSink() {
            @Override
            public String name() {
                return "terminal";
            }

            @Override
            public void publish(ScanReport report) {
                reports.put(target, report);
            }
        });
        return new TargetOutputs() {
            @Override
            public List<ReportSink> sinks() {
                return all;
            }

            @Override
            public Consumer<QuarantinedRecord> quarantine() {
                return quarantine;
            }

            @Override
            public void close() {
                close.run();
            }
        };
    }

    /** The scanner of a live run (the Wasm policy engine, compiled once). */
    static Scanner scanner(int threads) {
        PolicyBundle bundle = PolicyBundle.fromClasspath();
        return Scanner.create(WasmPolicyEngine.create(bundle, threads), RuleCatalog.fromBundle(bundle), threads);
    }

    /** A settings file: a JSON object of policy settings overrides. */
    static JsonNode readSettings(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                throw new InputException("settings file " + file + " must hold a JSON object of settings overrides");
            }
            return node;
        } catch (IOException e) {
            throw new InputException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The suppression file of a live scan (none without {@code --suppressions}); its horizon counts from now. */
    static Suppressions suppressions(Optional<Path> file, int maxDays) {
        return file.map(f -> SuppressionFile.read(f, Instant.now(), Duration.ofDays(maxDays)))
                .orElse(Suppressions.none());
    }
}
