package io.scalewatch.core.scan;

import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.policy.PolicyEngine;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.ScanContext;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.FindingScorer;
import io.scalewatch.core.report.QuarantineTally;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.suppress.SuppressionResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One scan from request to report: evaluates the sources and postures with the policy, scores every finding
 * for the request's agent profile, then applies the request's suppressions. The CLI and the Lambda handlers call
 * this; they differ only in their sources and in where the report goes.
 */
public final class Scanner {
    private final ScanPipeline pipeline;
    private final RuleCatalog catalog;
    private final Clock clock;

    /**
     * @param pipeline the evaluation pipeline (holds the engine)
     * @param catalog the rules of the same bundle, for the summary
     * @param clock the clock stamping start and end
     */
    public Scanner(ScanPipeline pipeline, RuleCatalog catalog, Clock clock) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A scanner over the given engine with default pipeline settings. */
    public static Scanner create(PolicyEngine engine, RuleCatalog catalog, int threads) {
        return new Scanner(ScanPipeline.builder().engine(engine).threads(threads).build(), catalog,
                Clock.systemUTC());
    }

    /**
     * Scans.
     *
     * @param quarantine receives every record that could not be normalized, with its reason
     */
    public ScanReport scan(ScanRequest request, Consumer<QuarantinedRecord> quarantine) {
        Instant started = clock.instant();
        QuarantineTally tally = new QuarantineTally(quarantine);
        ScanContext context = new ScanContext(request.runId(), request.windowStartMs(), request.windowEndMs(),
                request.identity().policyMatcher(), request.profile().id(), request.settings(), request.baseline(),
                request.targets());
        Evaluation evaluation = pipeline.run(context, request.identity(), request.sources(), request.postures(), tally);
        FindingScorer scorer = new FindingScorer(request.profile(), request.version(), request.mitigation(),
                request.identity().value(), request.runId());
        List<Finding> findings = evaluation.findings().stream().map(scorer::score).toList();
        // expiry is judged at the scan's start: one instant for the whole scan, from the injected clock
        SuppressionResult suppressed = request.suppressions().apply(findings, started);
        return new ScanReport(request, started, clock.instant(), evaluation, findings, tally, catalog.rules().size(),
                suppressed);
    }
}
