package io.scalewatch.core.scan;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.QuarantinedRecord;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.policy.PolicyEngine;
import io.scalewatch.core.policy.PolicyInputWriter;
import io.scalewatch.core.policy.PolicyResult;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.policy.ScanContext;
import io.scalewatch.core.posture.Posture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * Runs the policy over a scan (DESIGN.md §2): streams events from the sources, keeps those of the watched
 * identity, evaluates them in bounded chunks on a few engine threads (event findings + partial stats),
 * merges the stats, then evaluates the window and posture pass and the usage report once. Memory stays bounded by
 * {@code chunkSize x (threads + inFlight)} events whatever the window holds.
 *
 * <pre>{@code
 * ScanPipeline pipeline = ScanPipeline.builder().engine(engine).threads(2).build();
 * Evaluation evaluation = pipeline.run(context, identity, sources, postures, quarantine::add);
 * }</pre>
 */
public final class ScanPipeline {
    private final PolicyEngine engine;
    private final int chunkSize;
    private final int threads;
    private final int maxEvidenceIds;

    private ScanPipeline(Builder builder) {
        this.engine = builder.engine;
        this.chunkSize = builder.chunkSize;
        this.threads = builder.threads;
        this.maxEvidenceIds = builder.maxEvidenceIds;
    }

    /** A builder; {@code engine} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scans.
     *
     * @param context run id, window, identity, profile and settings overrides
     * @param identity which events are in scope
     * @param sources where events come from, read one after the other
     * @param postures the identity's posture per cloud/account (may be empty)
     * @param quarantine receives every record that could not be normalized, with its reason
     */
    public Evaluation run(ScanContext context, IdentityMatcher identity, List<EventSource> sources,
            List<Posture> postures, Consumer<QuarantinedRecord> quarantine) {
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "scalewatch-eval");
            t.setDaemon(true);
            return t;
        });
        try (ChunkRun chunkRun = new ChunkRun(context, workers)) {
            List<SourceReport> reports = new ArrayList<>();
            for (EventSource source : sources) {
                long before = chunkRun.inScope;
                ReadCounts counts = source.read(new RecordSink() {
                    @Override
                    public void event(AuditEvent event) {
                        if (identity.matches(event)) {
                            chunkRun.add(event);
                        }
                    }

                    @Override
                    public void quarantined(QuarantinedRecord record) {
                        quarantine.accept(record);
                    }
                });
                reports.add(new SourceReport(source.name(), counts, chunkRun.inScope - before));
            }
            chunkRun.finish();
            String windowInput = PolicyInputWriter.window(context, chunkRun.stats.toJson(), postures);
            PolicyResult window = engine.evaluate(windowInput);
            // the usage report (docs/usage.md) reads the same input, once per scan
            JsonNode usage = engine.usage(windowInput);
            List<RuleFinding> findings = new ArrayList<>(chunkRun.findings.values());
            findings.addAll(window.findings());
            findings.sort(Comparator.comparing(RuleFinding::key));
            boolean anyDated = chunkRun.firstMs != Long.MAX_VALUE;
            return new Evaluation(findings, chunkRun.stats.toJson(), reports, chunkRun.inScope,
                    anyDated ? chunkRun.firstMs : 0, anyDated ? chunkRun.lastMs : 0, chunkRun.chunks,
                    chunkRun.withIssues, chunkRun.undated, chunkRun.timeline.snapshot(), chunkRun.evidence.events(),
                    usage);
        } finally {
            workers.shutdownNow();
        }
    }

    /** Chunks in flight for one run; merges their results under its own lock. */
    private final class ChunkRun implements AutoCloseable {
        private final ScanContext context;
        private final ExecutorService workers;
        private final Semaphore inFlight = new Semaphore(threads * 2);
        private final List<Future<?>> pending = new ArrayList<>();
        private final StatsAccumulator stats = new StatsAccumulator(maxEvidenceIds);
        private final Map<String, RuleFinding> findings = new LinkedHashMap<>();
        // for the HTML report: counts per time bucket, and a few evidence events per finding
        private final ActivityTimeline timeline = new ActivityTimeline();
        private final EvidenceSampler evidence = new EvidenceSampler();
        private List<AuditEvent> buffer = new ArrayList<>(chunkSize);
        private long inScope;
        private long chunks;
        private long firstMs = Long.MAX_VALUE;
        private long lastMs = Long.MIN_VALUE;
        private long withIssues;
        private long undated;

        ChunkRun(ScanContext context, ExecutorService workers) {
            this.context = context;
            this.workers = workers;
        }

        void add(AuditEvent event) {
            inScope++;
            if (event.metadata().hasIssues()) {
                withIssues++;
            }
            if (event.dated()) {
                long t = event.time().toEpochMilli();
                firstMs = Math.min(firstMs, t);
                lastMs = Math.max(lastMs, t);
            } else {
                // the marker time is no time: it must not pull the first event back to 1970
                undated++;
            }
            timeline.add(event);
            buffer.add(event);
            if (buffer.size() >= chunkSize) {
                submit();
            }
        }

        private void submit() {
            List<AuditEvent> chunk = buffer;
            buffer = new ArrayList<>(chunkSize);
            chunks++;
            inFlight.acquireUninterruptibly();
            pending.removeIf(Future::isDone);
            pending.add(workers.submit(() -> {
                try {
                    PolicyResult result = engine.evaluate(PolicyInputWriter.chunk(context, chunk));
                    evidence.offer(chunk, result);
                    merge(result);
                } finally {
                    inFlight.release();
                }
                return null;
            }));
            rethrowFailures(false);
        }

        private synchronized void merge(PolicyResult result) {
            stats.add(result.stats());
            for (RuleFinding finding : result.findings()) {
                findings.merge(finding.key(), finding, (a, b) -> a.mergedWith(b, maxEvidenceIds));
            }
        }

        void finish() {
            if (!buffer.isEmpty()) {
                submit();
            }
            rethrowFailures(true);
        }

        private void rethrowFailures(boolean waitAll) {
            for (Future<?> future : new ArrayList<>(pending)) {
                if (!waitAll && !future.isDone()) {
                    continue;
                }
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ScanInterruptedException("scan interrupted while evaluating chunks", e);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException("chunk evaluation failed", e.getCause());
                }
            }
        }

        @Override
        public void close() {
            pending.forEach(f -> f.cancel(true));
        }
    }

    /** Builder of {@link ScanPipeline}. */
    public static final class Builder {
        private PolicyEngine engine;
        private int chunkSize = 1000;
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int maxEvidenceIds = 500;

        private Builder() {}

        /** The policy engine (required). */
        public Builder engine(PolicyEngine engine) {
            this.engine = engine;
            return this;
        }

        /** Events per policy evaluation (default 1000). */
        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        /** Evaluation threads (default: available processors). */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Event ids kept per finding or stat (default 500). */
        public Builder maxEvidenceIds(int maxEvidenceIds) {
            this.maxEvidenceIds = maxEvidenceIds;
            return this;
        }

        /** Builds the pipeline, checking every setting. */
        public ScanPipeline build() {
            if (engine == null) {
                throw new IllegalStateException("ScanPipeline needs a policy engine");
            }
            if (chunkSize < 1 || chunkSize > 100_000) {
                throw new IllegalArgumentException("chunkSize must be within 1..100000, got " + chunkSize);
            }
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("threads must be within 1..64, got " + threads);
            }
            if (maxEvidenceIds < 1) {
                throw new IllegalArgumentException("maxEvidenceIds must be at least 1, got " + maxEvidenceIds);
            }
            return new ScanPipeline(this);
        }
    }
}
