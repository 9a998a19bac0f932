package io.scalewatch.cli.coverage;

import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.policy.PolicyEngine;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.policy.ScanContext;
import io.scalewatch.core.scan.EventSource;
import io.scalewatch.core.scan.ScanPipeline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scans each labelled corpus event on its own, as {@code scan --all-principals} would (chunk pass, then the
 * window and posture pass with the merged stats), with the default settings of the castai profile. Rules
 * that fire on an empty scan (nothing to do with the event) are not counted.
 */
final class CorpusEvaluator {
    /** A fixed window end, so the doc does not change with the day it is generated. */
    private static final long WINDOW_END_MS = 1_800_000_000_000L;
    private static final String PROFILE = "castai";

    private final Path corpus;
    private final ScanPipeline pipeline;
    private final ScanContext context;
    private final Map<String, List<String>> lines = new HashMap<>();
    private final Set<String> background;

    CorpusEvaluator(Path corpus, PolicyEngine engine) {
        this.corpus = corpus;
        this.pipeline = ScanPipeline.builder().engine(engine).threads(1).chunkSize(100).build();
        this.context = new ScanContext("coverage", 0, WINDOW_END_MS, IdentityMatcher.all().policyMatcher(),
                PROFILE, null);
        this.background = rules(List.of(), List.of());
    }

    /** Scans the event of one label. */
    CorpusOutcome evaluate(CorpusLabel label) {
        String text = line(label);
        List<AuditEvent> events = new ArrayList<>();
        List<QuarantinedRecord> quarantined = new ArrayList<>();
        AuditLogReader.create().read(label.where(), new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                RecordSink.of(events::add, quarantined::add));
        String reason = quarantined.isEmpty() ? "" : quarantined.get(0).reason();
        List<String> fired = new ArrayList<>(rules(events, quarantined));
        fired.removeAll(background);
        return new CorpusOutcome(label, fired, reason);
    }

    private Set<String> rules(List<AuditEvent> events, List<QuarantinedRecord> quarantined) {
        EventSource source = new EventSource() {
            @Override
            public String name() {
                return "corpus";
            }

            @Override
            public ReadCounts read(RecordSink sink) {
                events.forEach(sink::event);
                return ReadCounts.none();
            }
        };
        Set<String> fired = new TreeSet<>();
        for (RuleFinding finding : pipeline.run(context, IdentityMatcher.all(), List.of(source), List.of(),
                q -> { }).findings()) {
            fired.add(finding.ruleId());
        }
        return fired;
    }

    private String line(CorpusLabel label) {
        List<String> all = lines.computeIfAbsent(label.file(), f -> {
            Path file = corpus.resolve(f);
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read corpus file " + file + ": " + e.getMessage(), e);
            }
        });
        if (label.line() > all.size()) {
            throw new CoverageDataException("labels.jsonl names " + label.where() + " but " + label.file()
                    + " has " + all.size() + " lines");
        }
        return all.get(label.line() - 1);
    }
}
