package io.scalewatch.gcp.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.gax.grpc.GrpcCallContext;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.UnaryCallable;
import com.google.cloud.logging.v2.LoggingClient;
import com.google.logging.v2.ListLogEntriesRequest;
import com.google.logging.v2.ListLogEntriesResponse;
import com.google.logging.v2.LogEntry;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.GcpAuditLogNormalizer;
import io.scalewatch.core.normalize.InvalidAuditRecordException;
import io.scalewatch.core.normalize.QuarantineKind;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.TargetSource;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Collects the watched service account's Cloud Audit Logs entries of one window from Cloud Logging
 * ({@code entries.list}, i.e. {@code google.logging.v2.LoggingServiceV2/ListLogEntries}) and hands each, normalized
 * by core's {@link GcpAuditLogNormalizer}, to the sink as its page arrives.
 *
 * <p><b>Selection.</b> One query per parent resource ({@code projects/<id>}, {@code folders/<n>},
 * {@code organizations/<n>}; a folder or organization holds its own audit logs, e.g. of an aggregated sink or
 * of folder-level IAM changes) with the {@link LogFilter}: Admin Activity (and Data Access when asked) logs of
 * that resource, {@code timestamp} in the window, and the account as the caller or as the original caller of an
 * impersonation chain; ordered {@code timestamp asc}, {@link Builder#pageSize} entries per page (1000 at most).
 *
 * <p><b>Order and coverage.</b> The resources' answers are merged by timestamp: an entry is handed over only when
 * the next entry of every other resource is known and not earlier. So when collecting stops early, every entry
 * dated before the earliest entry not yet handed over (or, while a resource's next page is not in, before the
 * last entry handed over) has been handed over, and {@link #coveredUntil()} says exactly that. A complete read
 * covers the window's end. The next run starts there: no gap, and only entries sharing the boundary timestamp
 * with an entry already handed over are read twice (stable finding ids make that harmless).
 *
 * <p><b>Retries and time.</b> Paging uses the raw {@code ListLogEntries} callable with page tokens rather than the
 * client's paged iterator, because every page needs its own retry (the iterator cannot re-ask a page that
 * failed) and its own timeout, cut to what is left before the deadline's reserve. {@code RESOURCE_EXHAUSTED}
 * (the read quota), {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, {@code ABORTED} and {@code INTERNAL} are
 * retried with exponential backoff and full jitter ({@link RetryPolicy}), at least as long as the server's
 * {@code RetryInfo} asks. Clients should not retry ListLogEntries themselves ({@link CloudLoggingClients} turns
 * that off) so the sleeper sees every wait. When the deadline nears or the retries are spent, collecting stops
 * and the report says why; other errors ({@code PERMISSION_DENIED}, {@code INVALID_ARGUMENT}, ...) throw
 * {@link CloudLoggingCollectionException}.
 *
 * <p><b>Bad entries.</b> An entry that does not normalize (no AuditLog payload, no operation, a payload that does
 * not decode, a field too large or too deep) becomes a quarantined record with source {@link #name()}, its
 * 1-based position in what was read, the reason prefixed with {@code entry <insertId>: }, and its JSON redacted
 * as core's reader redacts it.
 *
 * <pre>{@code
 * CloudLoggingCollector logs = CloudLoggingCollector.builder().logging(loggingClient)
 *         .resourceNames(List.of("projects/my-project")).serviceAccount("castai@my-project.iam.gserviceaccount.com")
 *         .window(window).deadline(deadline).dataAccess(true).build();
 * ReadCounts counts = logs.read(sink);
 * Instant checkpoint = logs.coveredUntil();
 * }</pre>
 */
public final class CloudLoggingCollector implements TargetSource.Collection {
    private static final System.Logger LOG = System.getLogger(CloudLoggingCollector.class.getName());
    /** ListLogEntries' page size limit. */
    public static final int MAX_PAGE_SIZE = 1000;
    private static final String ORDER_BY = "timestamp asc";

    private final UnaryCallable<ListLogEntriesRequest, ListLogEntriesResponse> list;
    private final List<String> resourceNames;
    private final String serviceAccount;
    private final IdentityMatcher identity;
    private final ScanWindow window;
    private final Deadline deadline;
    private final Duration reserve;
    private final boolean dataAccess;
    private final int pageSize;
    private final Duration callTimeout;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final String runId;
    private final Map<String, String> filters;
    private final GcpAuditLogNormalizer normalizer = GcpAuditLogNormalizer.create();
    private CollectionReport report;

    private CloudLoggingCollector(Builder b, Map<String, String> filters) {
        this.list = b.list;
        this.resourceNames = List.copyOf(filters.keySet());
        this.serviceAccount = b.serviceAccount;
        this.identity = IdentityMatcher.parse(b.serviceAccount);
        this.window = b.window;
        this.deadline = b.deadline;
        this.reserve = b.reserve;
        this.dataAccess = b.dataAccess;
        this.pageSize = b.pageSize;
        this.callTimeout = b.callTimeout;
        this.retryPolicy = b.retryPolicy;
        this.sleeper = b.sleeper;
        this.jitter = b.jitter;
        this.runId = b.runId;
        this.filters = Map.copyOf(filters);
    }

    /** A builder; logging, resourceNames, serviceAccount, window and deadline are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "gcp:logging " + String.join(",", resourceNames);
    }

    /** The window asked for. */
    public ScanWindow window() {
        return window;
    }

    /** The parent resources read, in the order given. */
    public List<String> resourceNames() {
        return resourceNames;
    }

    /** The filter sent for a resource (see {@link LogFilter}). */
    public String filter(String resourceName) {
        String filter = filters.get(resourceName);
        if (filter == null) {
            throw new IllegalArgumentException("resource '" + LogFilter.shown(resourceName) + "' is not read by "
                    + name());
        }
        return filter;
    }

    @Override
    public synchronized Instant coveredUntil() {
        return report == null ? window.start() : report.coveredUntil();
    }

    /**
     * After {@link #read}: counts, coverage and why it stopped early.
     *
     * @throws IllegalStateException before {@code read}
     */
    public synchronized CollectionReport report() {
        if (report == null) {
            throw new IllegalStateException(name() + " has not been read yet");
        }
        return report;
    }

    /**
     * Reads the window into the sink.
     *
     * @throws CloudLoggingCollectionException on an error retrying cannot fix (the report stays valid)
     * @throws IllegalStateException when called a second time
     */
    @Override
    public synchronized ReadCounts read(RecordSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (report != null) {
            throw new IllegalStateException(name() + " was already read; build a new collector per window");
        }
        WindowSink out = new WindowSink(sink, window, identity);
        Retrier retrier = new Retrier(retryPolicy, sleeper, jitter, deadline, reserve, callTimeout);
        List<Stream> streams = new ArrayList<>();
        for (String resource : resourceNames) {
            streams.add(new Stream(resource, filters.get(resource)));
        }
        LOG.log(Level.INFO, () -> context() + " event=collect_start window=" + window.start() + "/" + window.end()
                + " data_access=" + dataAccess);
        String stop = "";
        long position = 0;
        try {
            while (true) {
                for (Stream stream : streams) {
                    stream.fill(retrier);
                }
                Stream next = earliest(streams);
                if (next == null) {
                    break;
                }
                if (retrier.nearing()) {
                    throw new Retrier.StopException("deadline: less than " + reserve + " left with entries to read");
                }
                position++;
                accept(next.take(), position, out);
            }
        } catch (Retrier.StopException e) {
            stop = e.getMessage();
        } catch (ApiException e) {
            report = report(out, streams, "failed: " + Retrier.describe(e), retrier);
            LOG.log(Level.ERROR, () -> context() + " event=collect_failed covered_until=" + report.coveredUntil()
                    + " error=\"" + Retrier.describe(e) + "\"");
            throw new CloudLoggingCollectionException(name() + ": ListLogEntries failed: " + Retrier.describe(e));
        } catch (RuntimeException e) {
            report = report(out, streams, "failed: " + e.getClass().getSimpleName(), retrier);
            throw e;
        }
        report = report(out, streams, stop, retrier);
        logEnd(report);
        return report.counts();
    }

    // The stream whose next entry is earliest; null when all are exhausted. Entries without a timestamp go
    // first: they cannot be placed, and holding them back would hold back the merge.
    private static Stream earliest(List<Stream> streams) {
        Stream best = null;
        for (Stream stream : streams) {
            if (stream.buffer.isEmpty()) {
                continue;
            }
            if (best == null || compare(stream.headTime(), best.headTime()) < 0) {
                best = stream;
            }
        }
        return best;
    }

    private static int compare(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    private void accept(LogEntry entry, long position, WindowSink out) {
        Instant placed = LogEntryJson.timestamp(entry);
        JsonNode json;
        try {
            json = LogEntryJson.toJson(entry);
        } catch (LogEntryJson.UnconvertibleEntryException e) {
            if (placed != null && !window.contains(placed)) {
                out.outsideWindow();
                return;
            }
            out.quarantined(Quarantines.of(name(), position, entry.getInsertId(), e.kind(), e.getMessage(), e.rest()));
            return;
        } catch (RuntimeException e) {
            out.quarantined(Quarantines.of(name(), position, entry.getInsertId(), QuarantineKind.NORMALIZER_ERROR,
                    "converting the LogEntry to JSON failed: " + e.getClass().getSimpleName(), ""));
            return;
        }
        AuditEvent event;
        try {
            event = normalizer.normalize(json);
        } catch (InvalidAuditRecordException e) {
            if (placed != null && !window.contains(placed)) {
                out.outsideWindow();
                return;
            }
            out.quarantined(Quarantines.of(name(), position, entry.getInsertId(), e.kind(), e.getMessage(),
                    json.toString()));
            return;
        } catch (RuntimeException e) {
            out.quarantined(Quarantines.of(name(), position, entry.getInsertId(), QuarantineKind.NORMALIZER_ERROR,
                    "the gcp normalizer failed: " + e.getClass().getSimpleName() + ": "
                            + LogFilter.shown(e.getMessage()), json.toString()));
            return;
        }
        out.event(event, placed == null ? event.time() : placed);
    }

    // Coverage: complete when every stream is exhausted; otherwise the earliest instant some stream may still
    // hold an entry at (its next entry when known, else the last it gave, else the window's start).
    private CollectionReport report(WindowSink out, List<Stream> streams, String stop, Retrier retrier) {
        Instant covered = window.end();
        for (Stream stream : streams) {
            if (!stream.exhausted()) {
                Instant bound = stream.bound(window.start());
                covered = bound.isBefore(covered) ? bound : covered;
            }
        }
        if (covered.isBefore(window.start())) {
            covered = window.start();
        }
        String reason = stop;
        if (covered.equals(window.end())) {
            reason = "";
        } else if (reason.isEmpty()) {
            reason = "stopped";
        }
        return new CollectionReport(name(), window, covered, out.counts(), out.outsideWindowCount(),
                out.otherPrincipals(), out.handed(), retrier.attempts(), retrier.retries(), reason);
    }

    private void logEnd(CollectionReport r) {
        Level level = r.complete() ? Level.INFO : Level.WARNING;
        LOG.log(level, () -> context() + " event=" + (r.complete() ? "collect_done" : "collect_stopped")
                + " covered_until=" + r.coveredUntil() + " read=" + r.counts().read() + " quarantined="
                + r.counts().quarantined() + " handed=" + r.handed() + " other_principals=" + r.otherPrincipals()
                + " outside_window=" + r.outsideWindow() + " requests=" + r.requests() + " retries=" + r.retries()
                + (r.complete() ? "" : " reason=\"" + r.stopReason() + "\""));
    }

    private String context() {
        return "run_id=" + runId + " cloud=gcp source=\"" + name() + "\" identity=" + serviceAccount;
    }

    /** One resource's query: its page buffer and where its paging stands. */
    private final class Stream {
        final String resource;
        final String filter;
        final ArrayDeque<LogEntry> buffer = new ArrayDeque<>();
        String pageToken = "";
        boolean lastPage;
        int pages;
        Instant lastTime;

        Stream(String resource, String filter) {
            this.resource = resource;
            this.filter = filter;
        }

        // Fetches pages until one holds an entry or the query is done (Logging may answer a page with no
        // entries and a token while it searches).
        void fill(Retrier retrier) {
            while (buffer.isEmpty() && !lastPage) {
                ListLogEntriesRequest request = ListLogEntriesRequest.newBuilder()
                        .addResourceNames(resource)
                        .setFilter(filter)
                        .setOrderBy(ORDER_BY)
                        .setPageSize(pageSize)
                        .setPageToken(pageToken)
                        .build();
                String what = "ListLogEntries " + resource + " page " + (pages + 1);
                ListLogEntriesResponse page = retrier.call(what,
                        timeout -> list.call(request, GrpcCallContext.createDefault().withTimeoutDuration(timeout)));
                pages++;
                buffer.addAll(page.getEntriesList());
                pageToken = page.getNextPageToken();
                lastPage = pageToken.isEmpty();
            }
        }

        Instant headTime() {
            return LogEntryJson.timestamp(buffer.peekFirst());
        }

        LogEntry take() {
            LogEntry entry = buffer.pollFirst();
            Instant time = LogEntryJson.timestamp(entry);
            if (time != null) {
                lastTime = time;
            }
            return entry;
        }

        boolean exhausted() {
            return buffer.isEmpty() && lastPage;
        }

        Instant bound(Instant start) {
            Instant head = buffer.isEmpty() ? null : headTime();
            if (head != null) {
                return head;
            }
            return lastTime == null ? start : lastTime;
        }
    }

    /** Builder of {@link CloudLoggingCollector}. */
    public static final class Builder {
        private UnaryCallable<ListLogEntriesRequest, ListLogEntriesResponse> list;
        private List<String> resourceNames;
        private String serviceAccount;
        private ScanWindow window;
        private Deadline deadline;
        private Duration reserve = Duration.ofSeconds(60);
        private boolean dataAccess;
        private int pageSize = MAX_PAGE_SIZE;
        private Duration callTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Sleeper sleeper = Sleeper.system();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private String runId = "-";

        private Builder() {}

        /** The Logging client (built once per container, see {@link CloudLoggingClients}). */
        public Builder logging(LoggingClient logging) {
            this.list = Objects.requireNonNull(logging, "logging").listLogEntriesCallable();
            return this;
        }

        /** Parent resources to read: {@code projects/<id>}, {@code folders/<n>}, {@code organizations/<n>}. */
        public Builder resourceNames(List<String> resourceNames) {
            this.resourceNames = List.copyOf(resourceNames);
            return this;
        }

        /** The watched service account's email. */
        public Builder serviceAccount(String serviceAccount) {
            this.serviceAccount = serviceAccount;
            return this;
        }

        /** The window (start inclusive, end exclusive). */
        public Builder window(ScanWindow window) {
            this.window = window;
            return this;
        }

        /** When the run must be done. */
        public Builder deadline(Deadline deadline) {
            this.deadline = deadline;
            return this;
        }

        /** Time kept after collecting for evaluating, publishing and checkpointing (default 60 s). */
        public Builder deadlineReserve(Duration reserve) {
            this.reserve = reserve;
            return this;
        }

        /** Whether Data Access entries are read too (needs roles/logging.privateLogViewer; default false). */
        public Builder dataAccess(boolean dataAccess) {
            this.dataAccess = dataAccess;
            return this;
        }

        /** Entries per page, 1 to 1000 (default 1000). */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** The longest a single page request may take (default 60 s); never past the deadline's reserve. */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        /** Retries on quota and transient errors (default {@link RetryPolicy#DEFAULT}). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** How to wait between retries (tests advance a fake clock). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Jitter source in [0, 1) (tests fix it). */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = jitter;
            return this;
        }

        /** The run id for log lines. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * Builds, validating every value that goes into a filter.
         *
         * @throws InvalidFilterValueException for a service account or resource name not of its kind
         * @throws IllegalArgumentException for a missing part or a setting out of range
         */
        public CloudLoggingCollector build() {
            require(list, "logging");
            require(resourceNames, "resourceNames");
            require(window, "window");
            require(deadline, "deadline");
            require(reserve, "deadlineReserve");
            require(callTimeout, "callTimeout");
            require(retryPolicy, "retryPolicy");
            require(sleeper, "sleeper");
            require(jitter, "jitter");
            require(runId, "runId");
            if (resourceNames.isEmpty()) {
                throw new IllegalArgumentException("resourceNames must name at least one projects/, folders/ or"
                        + " organizations/ resource");
            }
            if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE + ", got " + pageSize);
            }
            if (reserve.isNegative()) {
                throw new IllegalArgumentException("deadlineReserve must not be negative, got " + reserve);
            }
            if (callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive, got " + callTimeout);
            }
            serviceAccount = LogFilter.serviceAccount(serviceAccount);
            Map<String, String> filters = new LinkedHashMap<>();
            for (String resource : new LinkedHashSet<>(resourceNames)) {
                filters.put(resource, LogFilter.of(resource, serviceAccount, window, dataAccess));
            }
            return new CloudLoggingCollector(this, filters);
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is required");
            }
        }
    }
}
