package io.scalewatch.aws.collect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.CloudTrailNormalizer;
import io.scalewatch.core.normalize.InvalidAuditRecordException;
import io.scalewatch.core.normalize.QuarantineKind;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.run.Deadline;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudtrail.model.QueryStatus;

/**
 * Collects the watched identity's events from a CloudTrail Lake event data store: one SQL query filtered on
 * the identity and the window ({@code StartQuery}), polled with backoff until it finishes
 * ({@code GetQueryResults}), then paged through; each row is turned back into a CloudTrail record and
 * normalized.
 *
 * <p>The statement is built by {@code LakeQuery}; every value in it is validated ({@link
 * InvalidQueryValueException} before anything is sent). Rows come ordered by event time, so
 * {@link #coveredUntil()} after a stop while paging is the time of the last row handed over (every earlier
 * event came before it); a stop while the query still runs covers nothing and cancels the query.
 *
 * <pre>{@code
 * CloudTrailLakeCollector lake = CloudTrailLakeCollector.builder()
 *         .cloudTrail(client).eventDataStore("EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE")
 *         .identity(identity).window(window).deadline(deadline).build();
 * }</pre>
 */
public final class CloudTrailLakeCollector implements WindowedEventSource {
    private static final System.Logger LOG = System.getLogger(CloudTrailLakeCollector.class.getName());
    /** GetQueryResults' largest page. */
    static final int MAX_QUERY_RESULTS = 1000;

    private final CloudTrailClient cloudTrail;
    private final String eventDataStore;
    private final IdentityMatcher identity;
    private final ScanWindow window;
    private final Deadline deadline;
    private final Duration reserve;
    private final RateLimiter limiter;
    private final RetryPolicy retryPolicy;
    private final RetryPolicy pollPolicy;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final int pageSize;
    private final String runId;
    private final String statement;
    private final CloudTrailNormalizer normalizer = CloudTrailNormalizer.create();
    private CollectionReport report;
    private String queryId = "";

    private CloudTrailLakeCollector(Builder b, String eventDataStore, String statement) {
        this.cloudTrail = b.cloudTrail;
        this.eventDataStore = eventDataStore;
        this.identity = b.identity;
        this.window = b.window;
        this.deadline = b.deadline;
        this.reserve = b.reserve;
        this.limiter = b.limiter;
        this.retryPolicy = b.retryPolicy;
        this.pollPolicy = b.pollPolicy;
        this.sleeper = b.sleeper;
        this.jitter = b.jitter;
        this.pageSize = b.pageSize;
        this.runId = b.runId;
        this.statement = statement;
    }

    /** A builder; cloudTrail, eventDataStore, identity, window and deadline are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "cloudtrail:lake " + eventDataStore;
    }

    @Override
    public ScanWindow window() {
        return window;
    }

    /** The SQL statement the collector sends. */
    public String statement() {
        return statement;
    }

    /** The Lake query id, after {@link #read} started the query; empty before. */
    public synchronized String queryId() {
        return queryId;
    }

    @Override
    public synchronized Instant coveredUntil() {
        return report == null ? window.start() : report.coveredUntil();
    }

    @Override
    public synchronized CollectionReport report() {
        if (report == null) {
            throw new IllegalStateException(name() + " has not been read yet");
        }
        return report;
    }

    /**
     * Runs the query and reads its rows into the sink.
     *
     * @throws CloudTrailCollectionException when the query fails, is cancelled or times out on Lake's side, or
     *     a request fails in a way retrying cannot fix (the report stays valid)
     * @throws IllegalStateException when called a second time
     */
    @Override
    public synchronized ReadCounts read(RecordSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (report != null) {
            throw new IllegalStateException(name() + " was already read; build a new collector per window");
        }
        WindowSink out = new WindowSink(sink, window, identity);
        Retrier retrier = new Retrier(retryPolicy, limiter, sleeper, jitter, deadline, reserve);
        Progress progress = new Progress();
        LOG.log(Level.INFO, () -> context() + " event=collect_start window=" + window.start() + "/" + window.end());
        try {
            GetQueryResultsResponse first = runQuery(retrier);
            page(first, out, progress);
            String token = first.nextToken();
            if (token != null && !token.isEmpty()) {
                GetQueryResultsRequest next = GetQueryResultsRequest.builder()
                        .queryId(queryId).nextToken(token).maxQueryResults(pageSize).build();
                Iterator<GetQueryResultsResponse> pages = cloudTrail.getQueryResultsPaginator(next).iterator();
                while (pages.hasNext()) {
                    page(retrier.call("GetQueryResults", pages::next), out, progress);
                }
            }
        } catch (Retrier.StopException e) {
            report = report(out, progress, e.getMessage(), retrier);
            logEnd(report);
            return report.counts();
        } catch (CloudTrailCollectionException e) {
            report = report(out, progress, "failed: " + e.getMessage(), retrier);
            throw e;
        } catch (RuntimeException e) {
            if (!AwsErrors.isSdkError(e)) {
                report = report(out, progress, "failed: " + e.getClass().getSimpleName(), retrier);
                throw e;
            }
            report = report(out, progress, "failed: " + AwsErrors.describe(e), retrier);
            throw new CloudTrailCollectionException(name() + ": " + AwsErrors.describe(e));
        }
        report = report(out, progress, "", retrier);
        logEnd(report);
        return report.counts();
    }

    // Starts the query and polls until it finishes; the finished answer holds the first page of rows.
    private GetQueryResultsResponse runQuery(Retrier retrier) {
        queryId = retrier.call("StartQuery", () -> cloudTrail.startQuery(b -> b.queryStatement(statement))).queryId();
        LOG.log(Level.INFO, () -> context() + " event=query_started query_id=" + queryId);
        for (int polls = 1; ; polls++) {
            GetQueryResultsResponse answer = retrier.call("GetQueryResults", () -> cloudTrail.getQueryResults(
                    b -> b.queryId(queryId).maxQueryResults(pageSize)));
            QueryStatus status = answer.queryStatus();
            if (status == QueryStatus.FINISHED) {
                return answer;
            }
            if (status != QueryStatus.QUEUED && status != QueryStatus.RUNNING) {
                throw new CloudTrailCollectionException(name() + ": query " + queryId + " ended "
                        + answer.queryStatusAsString() + ": " + AwsErrors.scrub(answer.errorMessage()));
            }
            try {
                // half jitter: a poll never comes much sooner than the backoff says
                double share = 0.5 + Math.min(Math.max(jitter.getAsDouble(), 0), 0.999_999) / 2;
                retrier.pause(pollPolicy.backoff(polls, share), "polling query " + queryId);
            } catch (Retrier.StopException e) {
                cancel();
                throw e;
            }
        }
    }

    private void cancel() {
        try {
            cloudTrail.cancelQuery(b -> b.queryId(queryId));
        } catch (RuntimeException e) {
            if (!AwsErrors.isSdkError(e)) {
                throw e;
            }
            // the query runs out on its own; nothing of it was read
            LOG.log(Level.WARNING, () -> context() + " event=cancel_failed query_id=" + queryId + " error=\""
                    + AwsErrors.describe(e) + "\"");
        }
    }

    private void page(GetQueryResultsResponse page, WindowSink out, Progress progress) {
        for (List<Map<String, String>> row : page.queryResultRows()) {
            progress.position++;
            Map<String, String> cells = LakeRows.cells(row);
            Optional<Instant> time = LakeRows.time(cells.get("eventTime"));
            accept(cells, time, progress.position, out);
            time.ifPresent(progress::advance);
        }
    }

    private void accept(Map<String, String> cells, Optional<Instant> time, long position, WindowSink out) {
        String eventId = cells.getOrDefault("eventID", "");
        // the text kept in quarantine: the rebuilt record when there is one, else the row's cells
        String text = LakeRows.text(cells);
        AuditEvent event;
        try {
            ObjectNode record = LakeRows.record(cells);
            text = record.toString();
            event = normalizer.normalize(record);
        } catch (InvalidAuditRecordException e) {
            out.quarantined(Quarantines.of(name(), position, eventId, e.kind(), e.getMessage(), text));
            return;
        } catch (RuntimeException e) {
            out.quarantined(Quarantines.of(name(), position, eventId, QuarantineKind.NORMALIZER_ERROR,
                    "the aws normalizer failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), text));
            return;
        }
        out.event(event, time.orElse(event.time()));
    }

    private CollectionReport report(WindowSink out, Progress progress, String stop, Retrier retrier) {
        Instant covered = stop.isEmpty() ? window.end() : progress.coveredUntil(window);
        String reason = covered.equals(window.end()) ? "" : stop;
        return new CollectionReport(name(), window, covered, out.counts(), out.outsideWindow(), out.otherPrincipals(),
                out.handed(), retrier.attempts(), retrier.retries(), reason);
    }

    private void logEnd(CollectionReport r) {
        Level level = r.complete() ? Level.INFO : Level.WARNING;
        LOG.log(level, () -> context() + " event=" + (r.complete() ? "collect_done" : "collect_stopped")
                + " query_id=" + queryId + " covered_until=" + r.coveredUntil() + " read=" + r.counts().read()
                + " quarantined=" + r.counts().quarantined() + " handed=" + r.handed() + " requests=" + r.requests()
                + (r.complete() ? "" : " reason=\"" + r.stopReason() + "\""));
    }

    private String context() {
        return "run_id=" + runId + " cloud=aws source=lake event_data_store=" + eventDataStore + " identity="
                + identity.value();
    }

    /** How far the ordered rows got: the last row time, and whether the times never went backwards. */
    private static final class Progress {
        long position;
        Instant last;
        boolean ordered = true;

        void advance(Instant time) {
            if (last != null && time.isBefore(last)) {
                ordered = false;
            }
            if (last == null || time.isAfter(last)) {
                last = time;
            }
        }

        // Every event before the last row's time came before it; rows out of order void that promise.
        Instant coveredUntil(ScanWindow window) {
            if (!ordered || last == null || !last.isAfter(window.start())) {
                return window.start();
            }
            return last.isAfter(window.end()) ? window.end() : last;
        }
    }

    /** Builds a {@link CloudTrailLakeCollector}. */
    public static final class Builder {
        private CloudTrailClient cloudTrail;
        private String eventDataStore;
        private IdentityMatcher identity;
        private ScanWindow window;
        private Deadline deadline;
        private Duration reserve = Duration.ofSeconds(60);
        private RateLimiter limiter;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private RetryPolicy pollPolicy = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        private Sleeper sleeper = Sleeper.system();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private int pageSize = MAX_QUERY_RESULTS;
        private String runId = "-";

        private Builder() {}

        /** The client for the event data store's region. */
        public Builder cloudTrail(CloudTrailClient cloudTrail) {
            this.cloudTrail = cloudTrail;
            return this;
        }

        /** The event data store id, or its ARN. */
        public Builder eventDataStore(String eventDataStore) {
            this.eventDataStore = eventDataStore;
            return this;
        }

        /** Whose events are selected. */
        public Builder identity(IdentityMatcher identity) {
            this.identity = identity;
            return this;
        }

        /** The window to collect. */
        public Builder window(ScanWindow window) {
            this.window = window;
            return this;
        }

        /** When the run must be done. */
        public Builder deadline(Deadline deadline) {
            this.deadline = deadline;
            return this;
        }

        /** Time kept for the rest of the run (60 s). */
        public Builder deadlineReserve(Duration reserve) {
            this.reserve = reserve;
            return this;
        }

        /** An optional limiter for the Lake requests. */
        public Builder rateLimiter(RateLimiter limiter) {
            this.limiter = limiter;
            return this;
        }

        /** Retries of throttled and failed requests ({@link RetryPolicy#DEFAULT}). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** Waits between polls of a running query: 1 s doubling to 10 s (its maxAttempts is not used). */
        public Builder pollPolicy(RetryPolicy pollPolicy) {
            this.pollPolicy = pollPolicy;
            return this;
        }

        /** How waits happen (tests advance a fake clock). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Jitter source in [0, 1). */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Rows per GetQueryResults page (1000, Lake's maximum). */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** The run id, for logs. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * The collector, with its SQL statement built and checked.
         *
         * @throws InvalidQueryValueException when the data store id or an identity value cannot go into SQL
         * @throws IllegalArgumentException naming any other missing or invalid setting
         */
        public CloudTrailLakeCollector build() {
            for (Object[] required : new Object[][] {{cloudTrail, "cloudTrail"}, {identity, "identity"},
                {window, "window"}, {deadline, "deadline"}, {reserve, "deadlineReserve"},
                {retryPolicy, "retryPolicy"}, {pollPolicy, "pollPolicy"}, {sleeper, "sleeper"}, {jitter, "jitter"},
                {runId, "runId"}}) {
                if (required[0] == null) {
                    throw new IllegalArgumentException(required[1] + " is required");
                }
            }
            if (pageSize < 1 || pageSize > MAX_QUERY_RESULTS) {
                throw new IllegalArgumentException("pageSize must be within 1.." + MAX_QUERY_RESULTS + ", got "
                        + pageSize);
            }
            if (reserve.isNegative()) {
                throw new IllegalArgumentException("deadlineReserve must not be negative, got " + reserve);
            }
            String store = LakeQuery.eventDataStoreId(eventDataStore);
            return new CloudTrailLakeCollector(this, store, LakeQuery.statement(store, identity, window));
        }
    }
}
