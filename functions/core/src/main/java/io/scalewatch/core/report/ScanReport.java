package io.scalewatch.core.report;

import io.scalewatch.core.aivss.Band;
import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.scan.Evaluation;
import io.scalewatch.core.scan.ScanRequest;
import io.scalewatch.core.suppress.Suppression;
import io.scalewatch.core.suppress.SuppressionResult;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one scan: the request, the policy's evaluation, the scored findings, and the quarantine
 * tally. The summary file, the terminal table and the sinks are all renderings of this.
 *
 * <p>Every finding is in {@link #findings()}; {@link #raised()} are the ones that count and go to alerting sinks.
 * A finding of a dry-run rule ({@code dry_run_rules}) is {@link #dryRun()}; otherwise a finding an active
 * suppression covers is {@link #suppressed()}. The three lists partition the findings.
 *
 * @param suppressions what the request's suppressions did (which entry suppressed which finding, expired, stale)
 */
public record ScanReport(
        ScanRequest request,
        Instant startedAt,
        Instant finishedAt,
        Evaluation evaluation,
        List<Finding> findings,
        QuarantineTally quarantine,
        int rulesEvaluated,
        SuppressionResult suppressions) {
    /** Highest score first, then layer, then id: the order findings are listed in. */
    public static final Comparator<Finding> BY_SEVERITY = Comparator
            .comparing((Finding f) -> f.aivss().score()).reversed()
            .thenComparing(f -> f.rule().layer())
            .thenComparing(Finding::id);

    public ScanReport {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(evaluation, "evaluation");
        findings = findings.stream().sorted(BY_SEVERITY).toList();
        Objects.requireNonNull(quarantine, "quarantine");
        suppressions = suppressions == null ? SuppressionResult.none() : suppressions;
    }

    /** A report of a scan without suppressions. */
    public ScanReport(ScanRequest request, Instant startedAt, Instant finishedAt, Evaluation evaluation,
            List<Finding> findings, QuarantineTally quarantine, int rulesEvaluated) {
        this(request, startedAt, finishedAt, evaluation, findings, quarantine, rulesEvaluated,
                SuppressionResult.none());
    }

    /** Findings that count: neither of a dry-run rule nor suppressed. */
    public List<Finding> raised() {
        return findings.stream().filter(f -> !f.rule().dryRun() && !isSuppressed(f)).toList();
    }

    /** Findings of dry-run rules: counted and written, never raised. */
    public List<Finding> dryRun() {
        return findings.stream().filter(f -> f.rule().dryRun()).toList();
    }

    /** Findings an active suppression covers (dry-run findings excluded): written and counted, never raised. */
    public List<Finding> suppressed() {
        return findings.stream().filter(f -> !f.rule().dryRun() && isSuppressed(f)).toList();
    }

    /** The suppression entry that covers this finding, if one does (also for a dry-run finding). */
    public Optional<Suppression> suppression(Finding finding) {
        return suppressions.of(finding.id());
    }

    private boolean isSuppressed(Finding finding) {
        return suppressions.of(finding.id()).isPresent();
    }

    /** Number of raised findings per layer and AIVSS band; every layer and band present. */
    public Map<MaestroLayer, Map<Band, Integer>> countsByLayerAndBand() {
        Map<MaestroLayer, Map<Band, Integer>> out = new EnumMap<>(MaestroLayer.class);
        for (MaestroLayer layer : MaestroLayer.values()) {
            Map<Band, Integer> bands = new EnumMap<>(Band.class);
            for (Band band : Band.values()) {
                bands.put(band, 0);
            }
            out.put(layer, bands);
        }
        raised().forEach(f -> out.get(f.rule().layer()).merge(f.aivss().band(), 1, Integer::sum));
        return out;
    }

    /** The highest-scored raised finding of a layer, if any. */
    public Optional<Finding> highest(MaestroLayer layer) {
        return raised().stream().filter(f -> f.rule().layer() == layer).findFirst();
    }

    /** The first {@code n} raised findings by score. */
    public List<Finding> top(int n) {
        return raised().stream().limit(n).toList();
    }
}
