package io.scalewatch.azure.collect;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.rest.Response;
import com.azure.core.models.ResponseError;
import com.azure.core.util.Context;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.models.LogsQueryOptions;
import com.azure.monitor.query.models.LogsQueryResult;
import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.LogsTableRow;
import com.azure.monitor.query.models.QueryTimeInterval;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.azure.AzureErrors;
import io.scalewatch.azure.RetryPolicy;
import io.scalewatch.azure.Sleeper;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.normalize.AzureActivityNormalizer;
import io.scalewatch.core.normalize.InvalidAuditRecordException;
import io.scalewatch.core.normalize.QuarantineKind;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.TargetSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The watched service principal's AzureActivity rows of one Log Analytics workspace in one window, read with the
 * Logs Query API ({@link LogsQueryClient}) and normalized with core's {@link AzureActivityNormalizer}.
 *
 * <p>The Logs Query API has no paging, so the window is read in time slices, oldest first, each with
 * {@code order by TimeGenerated asc | take maxRowsPerQuery}. A slice that returns the full limit is cut at the time
 * of its last row (rows before it are complete and handed over; the rest is asked again); a slice answered with a
 * partial error (or out of order) keeps its rows, vouches for nothing, and is halved until it answers whole or is
 * {@code minSliceLength} long. Throttling (429, honouring Retry-After), server errors and timeouts are retried
 * through the injected {@link Sleeper}; a timeout also halves the slice. Collecting stops, without an exception,
 * before a query or wait that would cut into the deadline's reserve, and {@link #coveredUntil()} says how far every
 * row was handed over. Failures retrying cannot fix throw {@link AzureCollectionException}.
 *
 * <pre>{@code
 * AzureActivityCollector collector = AzureActivityCollector.builder().client(logsClient)
 *         .workspaceId("<workspace GUID>").objectId("<SP object id>").appId("<app id>")
 *         .window(window).deadline(deadline).runId(runId).build();
 * ReadCounts counts = collector.read(sink);
 * Instant checkpoint = collector.coveredUntil();
 * }</pre>
 */
public final class AzureActivityCollector implements TargetSource.Collection {
    private static final System.Logger LOG = System.getLogger(AzureActivityCollector.class.getName());
    private static final AzureActivityNormalizer NORMALIZER = AzureActivityNormalizer.create();
    private static final String RESPONSE_TIMEOUT = "azure-response-timeout";
    private static final String MSAL_EXCEPTION = "com.microsoft.aad.msal4j.Msal";

    /**
     * How a collector cuts and retries its queries.
     *
     * @param sliceLength the longest time slice one query asks for
     * @param minSliceLength the shortest slice a partial answer or timeout is cut down to before collecting stops
     * @param maxRowsPerQuery rows asked per query ({@code take}); far below the service's 500,000-row / 64 MB caps
     * @param queryTimeout how long one query may take before the client gives up on it (also capped by the deadline)
     * @param reserve time kept before the deadline for evaluating, publishing and checkpointing
     * @param retry retries of throttled, failed and timed-out queries
     */
    public record Settings(Duration sliceLength, Duration minSliceLength, int maxRowsPerQuery, Duration queryTimeout,
            Duration reserve, RetryPolicy retry) {
        /** 1 h slices down to 1 s, 5,000 rows per query, 3 min per query, 60 s reserve, default retries. */
        public static final Settings DEFAULT = new Settings(Duration.ofHours(1), Duration.ofSeconds(1), 5000,
                Duration.ofMinutes(3), Duration.ofSeconds(60), RetryPolicy.DEFAULT);

        public Settings {
            Objects.requireNonNull(sliceLength, "sliceLength");
            Objects.requireNonNull(minSliceLength, "minSliceLength");
            Objects.requireNonNull(queryTimeout, "queryTimeout");
            Objects.requireNonNull(reserve, "reserve");
            Objects.requireNonNull(retry, "retry");
            if (minSliceLength.toNanos() < 100 || sliceLength.compareTo(minSliceLength) < 0) {
                throw new IllegalArgumentException("slice lengths must satisfy 100 ns <= minSliceLength <= sliceLength,"
                        + " got " + minSliceLength + " and " + sliceLength);
            }
            if (maxRowsPerQuery < 2 || maxRowsPerQuery > 500_000) {
                throw new IllegalArgumentException("maxRowsPerQuery must be within 2..500000 (the service's row cap),"
                        + " got " + maxRowsPerQuery);
            }
            if (queryTimeout.isNegative() || queryTimeout.isZero() || reserve.isNegative()) {
                throw new IllegalArgumentException("queryTimeout must be positive and reserve >= 0, got "
                        + queryTimeout + " and " + reserve);
            }
        }

        /** These settings with another slice length. */
        public Settings withSliceLength(Duration length) {
            return new Settings(length, minSliceLength, maxRowsPerQuery, queryTimeout, reserve, retry);
        }

        /** These settings with another minimum slice length. */
        public Settings withMinSliceLength(Duration length) {
            return new Settings(sliceLength, length, maxRowsPerQuery, queryTimeout, reserve, retry);
        }

        /** These settings with another row limit per query. */
        public Settings withMaxRowsPerQuery(int rows) {
            return new Settings(sliceLength, minSliceLength, rows, queryTimeout, reserve, retry);
        }

        /** These settings with another query timeout. */
        public Settings withQueryTimeout(Duration timeout) {
            return new Settings(sliceLength, minSliceLength, maxRowsPerQuery, timeout, reserve, retry);
        }

        /** These settings with another deadline reserve. */
        public Settings withReserve(Duration newReserve) {
            return new Settings(sliceLength, minSliceLength, maxRowsPerQuery, queryTimeout, newReserve, retry);
        }

        /** These settings with another retry policy. */
        public Settings withRetry(RetryPolicy policy) {
            return new Settings(sliceLength, minSliceLength, maxRowsPerQuery, queryTimeout, reserve, policy);
        }
    }

    private final LogsQueryClient client;
    private final String workspaceId;
    private final ActivityQuery query;
    private final ScanWindow window;
    private final Deadline deadline;
    private final Settings settings;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final String runId;
    private final String name;

    private boolean used;
    private Instant cursor;
    private String stopReason = "";
    private final Map<String, Instant> seen = new HashMap<>();
    private long position;
    private long normalized;
    private long quarantined;
    private long outsideWindow;
    private long otherPrincipals;
    private long duplicates;
    private long handed;
    private long queries;
    private long retries;
    private long splits;
    private long partialSlices;

    private AzureActivityCollector(Builder b) {
        this.client = b.client;
        this.workspaceId = b.workspaceId;
        this.query = b.query;
        this.window = b.window;
        this.deadline = b.deadline;
        this.settings = b.settings;
        this.sleeper = b.sleeper;
        this.jitter = b.jitter;
        this.runId = b.runId;
        this.name = "azure:activity " + workspaceId;
        this.cursor = window.start();
    }

    /** A builder; client, workspaceId, objectId and / or appId, window and deadline are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    /** The window asked for. */
    public ScanWindow window() {
        return window;
    }

    @Override
    public Instant coveredUntil() {
        return cursor;
    }

    /** What the collection did (valid after {@link #read}, also when it threw). */
    public CollectionReport report() {
        return new CollectionReport(name, window, cursor, counts(), outsideWindow, otherPrincipals, duplicates, handed,
                queries, retries, splits, partialSlices, cursor.equals(window.end()) ? "" : stopReason);
    }

    /**
     * Reads the window into the sink (once).
     *
     * @throws AzureCollectionException for failures retrying cannot fix; {@link #coveredUntil()} stays honest
     * @throws IllegalStateException when called twice
     */
    @Override
    public ReadCounts read(RecordSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (used) {
            throw new IllegalStateException(name + " was already read; build a collector per window");
        }
        used = true;
        LOG.log(System.Logger.Level.INFO, "event=collect_start run_id=" + runId + " cloud=azure source=" + name
                + " window=" + window.start() + "/" + window.end());
        try {
            collect(sink);
        } catch (RuntimeException e) {
            stopReason = "failed: " + (e instanceof AzureCollectionException ? e.getMessage() : AzureErrors.describe(e));
            LOG.log(System.Logger.Level.ERROR, "event=collect_failed run_id=" + runId + " cloud=azure source=" + name
                    + " covered_until=" + cursor + " reason=" + stopReason);
            throw e;
        }
        if (cursor.equals(window.end())) {
            stopReason = "";
            LOG.log(System.Logger.Level.INFO, "event=collect_end run_id=" + runId + " cloud=azure source=" + name
                    + " handed=" + handed + " quarantined=" + quarantined + " queries=" + queries + " retries="
                    + retries + " splits=" + splits);
        } else {
            LOG.log(System.Logger.Level.WARNING, "event=collect_stopped run_id=" + runId + " cloud=azure source="
                    + name + " covered_until=" + cursor + " reason=" + stopReason);
        }
        return counts();
    }

    private ReadCounts counts() {
        return new ReadCounts(null, null, new ReadCounts.Counts(normalized + quarantined, normalized, quarantined),
                null);
    }

    private void collect(RecordSink sink) {
        if (!window.start().isBefore(window.end())) {
            cursor = window.end();
            return;
        }
        Instant a = ActivityQuery.floorTick(window.start());
        Instant end = ActivityQuery.ceilTick(window.end());
        Duration length = settings.sliceLength();
        int failures = 0;
        while (a.isBefore(end)) {
            // a query needs some time before the reserve; a zero response timeout would mean none at all
            if (deadline.nearing(settings.reserve().plusMillis(1))) {
                stop("deadline: less than " + settings.reserve() + " left before " + deadline.at());
                return;
            }
            Instant b = min(a.plus(length), end);
            LogsQueryResult result;
            try {
                result = send(a, b);
            } catch (RuntimeException e) {
                Failure failure = classify(e, a, b);
                failures++;
                if (failure.timeout() && Duration.between(a, b).compareTo(settings.minSliceLength()) > 0) {
                    length = half(a, b);
                    splits++;
                }
                if (failures >= settings.retry().maxAttempts()) {
                    stop(failure.kind() + ": " + failure.text() + " after " + failures + " attempts");
                    return;
                }
                Duration wait = failure.retryAfter().isPresent() ? failure.retryAfter().get()
                        : settings.retry().backoff(failures, jitter.getAsDouble());
                if (failure.retryAfter().isPresent() && wait.compareTo(settings.retry().maxRetryAfter()) > 0) {
                    stop(failure.kind() + ": " + failure.text() + "; Retry-After " + wait + " exceeds the "
                            + settings.retry().maxRetryAfter() + " honoured");
                    return;
                }
                if (deadline.remaining().minus(settings.reserve()).compareTo(wait) <= 0) {
                    stop(failure.kind() + ": " + failure.text() + "; waiting " + wait
                            + " would cut into the deadline's reserve");
                    return;
                }
                retries++;
                pause(wait);
                continue;
            }
            failures = 0;
            List<ObjectNode> rows = rows(result);
            ResponseError error = result.getError();
            boolean full = rows.size() >= settings.maxRowsPerQuery();
            boolean ordered = ordered(rows);
            if (error == null && !full) {
                handOver(rows, a, b, sink);
                a = b;
                if (rows.size() < settings.maxRowsPerQuery() / 2 && length.compareTo(settings.sliceLength()) < 0) {
                    length = min(length.multipliedBy(2), settings.sliceLength());
                }
            } else if (error == null && ordered) {
                Instant last = ActivityQuery.floorTick(LogsRows.time(rows.get(rows.size() - 1)));
                if (last.isAfter(a)) {
                    // every row before the last row's time is in the answer; the rest is asked again from there
                    Instant cut = last;
                    handOver(rows.stream().filter(r -> LogsRows.time(r).isBefore(cut)).toList(), a, b, sink);
                    a = cut;
                    splits++;
                } else {
                    handOver(rows, a, b, sink);
                    stop("limit: more than " + settings.maxRowsPerQuery() + " rows at " + a
                            + "; raise maxRowsPerQuery");
                    return;
                }
            } else {
                // A partial error (or a truncated answer out of order) does not say which rows are missing: keep
                // what came, vouch for nothing in the slice, and ask again in halves.
                handOver(rows, a, b, sink);
                partialSlices += error == null ? 0 : 1;
                String why = error == null
                        ? "rows out of time order in a truncated answer"
                        : "partial error " + AzureErrors.scrub(Objects.toString(error.getCode(), "")) + " "
                                + AzureErrors.scrub(error.getMessage());
                if (Duration.between(a, b).compareTo(settings.minSliceLength()) > 0) {
                    length = half(a, b);
                    splits++;
                    LOG.log(System.Logger.Level.INFO, "event=slice_split run_id=" + runId + " cloud=azure source="
                            + name + " slice=" + a + "/" + b + " reason=" + why);
                } else {
                    stop("partial: " + why + " in slice [" + a + ", " + b + ")");
                    return;
                }
            }
            cursor = clamp(a);
            Instant covered = a;
            seen.values().removeIf(t -> t.isBefore(covered));
        }
        cursor = window.end();
    }

    private LogsQueryResult send(Instant a, Instant b) {
        Duration budget = deadline.remaining().minus(settings.reserve());
        Duration timeout = min(settings.queryTimeout(), budget.isNegative() ? Duration.ZERO : budget);
        String kql = query.kql(a, b, settings.maxRowsPerQuery());
        LogsQueryOptions options = new LogsQueryOptions().setAllowPartialErrors(true);
        queries++;
        Response<LogsQueryResult> response = client.queryWorkspaceWithResponse(workspaceId, kql,
                new QueryTimeInterval(a.atOffset(ZoneOffset.UTC), b.atOffset(ZoneOffset.UTC)), options,
                new Context(RESPONSE_TIMEOUT, timeout));
        return response.getValue();
    }

    private record Failure(String kind, String text, boolean timeout, Optional<Duration> retryAfter) {}

    private Failure classify(RuntimeException e, Instant a, Instant b) {
        int status = AzureErrors.status(e);
        String text = AzureErrors.describe(e);
        if (isAuthentication(e) && status < 0) {
            throw new AzureCollectionException(name + ": authentication failed: " + text);
        }
        if (status == 429) {
            return new Failure("throttled", text, false, retryAfter(e));
        }
        if (status == 408 || status == 504) {
            return new Failure("timeout", text, true, retryAfter(e));
        }
        if (status >= 500) {
            return new Failure("unavailable", text, false, retryAfter(e));
        }
        if (status == 401 || status == 403) {
            throw new AzureCollectionException(name + ": access denied (" + text + "); the identity needs Log"
                    + " Analytics Reader on the workspace");
        }
        if (status >= 400) {
            throw new AzureCollectionException(name + ": query rejected for slice [" + a + ", " + b + "): " + text);
        }
        if (e instanceof InvalidQueryValueException) {
            throw e;
        }
        if (AzureErrors.isTimeout(e)) {
            return new Failure("timeout", text, true, Optional.empty());
        }
        return new Failure("unavailable", text, false, Optional.empty());
    }

    // Token acquisition failures reach the caller as ClientAuthenticationException, or (sync clients) as MSAL's
    // exception wrapped in RuntimeException(ExecutionException(...)). Retrying within the run does not fix them.
    private static boolean isAuthentication(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClientAuthenticationException || t.getClass().getName().startsWith(MSAL_EXCEPTION)) {
                return true;
            }
        }
        return false;
    }

    private Optional<Duration> retryAfter(RuntimeException e) {
        return e instanceof com.azure.core.exception.HttpResponseException http
                ? AzureErrors.retryAfter(http.getResponse(), deadline.clock())
                : Optional.empty();
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AzureCollectionException(name + ": interrupted while waiting to retry");
        }
    }

    private static List<ObjectNode> rows(LogsQueryResult result) {
        List<ObjectNode> rows = new ArrayList<>();
        List<LogsTable> tables = result.getAllTables();
        if (tables != null) {
            for (LogsTable table : tables) {
                for (LogsTableRow row : table.getRows()) {
                    rows.add(LogsRows.toObject(row));
                }
            }
        }
        return rows;
    }

    private static boolean ordered(List<ObjectNode> rows) {
        Instant previous = Instant.MIN;
        for (ObjectNode row : rows) {
            Instant time = LogsRows.time(row);
            if (time == null || time.isBefore(previous)) {
                return false;
            }
            previous = time;
        }
        return true;
    }

    private void handOver(List<ObjectNode> rows, Instant a, Instant b, RecordSink sink) {
        for (ObjectNode row : rows) {
            position++;
            Instant rowTime = LogsRows.time(row);
            String key = key(row);
            if (seen.containsKey(key)) {
                duplicates++;
                continue;
            }
            // rows without a readable time stay remembered until the end of the run
            Instant remembered = rowTime == null ? Instant.MAX : rowTime;
            AuditEvent event;
            try {
                event = NORMALIZER.normalize(row);
            } catch (InvalidAuditRecordException e) {
                seen.put(key, remembered);
                quarantine(sink, row, e.kind(), e.getMessage());
                continue;
            } catch (RuntimeException e) {
                seen.put(key, remembered);
                quarantine(sink, row, QuarantineKind.NORMALIZER_ERROR,
                        "normalizer failed: " + e.getClass().getSimpleName());
                continue;
            }
            Instant time = event.time();
            if (time.isBefore(a) || !time.isBefore(b) || !window.contains(time)) {
                // not remembered: the slice it belongs to (if in the window) hands it over
                outsideWindow++;
                continue;
            }
            seen.put(key, remembered);
            normalized++;
            if (!isWatched(event)) {
                otherPrincipals++;
                continue;
            }
            sink.event(event);
            handed++;
        }
    }

    private void quarantine(RecordSink sink, ObjectNode row, QuarantineKind kind, String reason) {
        quarantined++;
        sink.quarantined(Quarantines.of(name, position, LogsRows.id(row), kind, reason, row.toString()));
        handed++;
    }

    private boolean isWatched(AuditEvent event) {
        return !query.objectId().isEmpty() && event.actor().principal().equalsIgnoreCase(query.objectId())
                || !query.appId().isEmpty() && event.actor().appId().equalsIgnoreCase(query.appId());
    }

    // The Activity Log's event id names a row; a row without one is named by its content.
    private static String key(ObjectNode row) {
        String id = LogsRows.id(row);
        if (!id.isEmpty()) {
            return "id:" + id.toLowerCase(java.util.Locale.ROOT);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return "sha:" + HexFormat.of().formatHex(sha.digest(row.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private void stop(String reason) {
        stopReason = reason;
    }

    private Instant clamp(Instant instant) {
        return instant.isBefore(window.start()) ? window.start() : instant.isAfter(window.end()) ? window.end()
                : instant;
    }

    private Duration half(Instant a, Instant b) {
        Duration half = Duration.between(a, b).dividedBy(2);
        long ticks = half.toNanos() / 100;
        Duration rounded = Duration.ofNanos(Math.max(1, ticks) * 100);
        return rounded.compareTo(settings.minSliceLength()) < 0 ? settings.minSliceLength() : rounded;
    }

    private static Instant min(Instant x, Instant y) {
        return x.isBefore(y) ? x : y;
    }

    private static Duration min(Duration x, Duration y) {
        return x.compareTo(y) <= 0 ? x : y;
    }

    /** Builder of {@link AzureActivityCollector}. */
    public static final class Builder {
        private LogsQueryClient client;
        private String workspaceId;
        private String objectId = "";
        private String appId = "";
        private ActivityQuery query;
        private ScanWindow window;
        private Deadline deadline;
        private Settings settings = Settings.DEFAULT;
        private Sleeper sleeper = Sleeper.system();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private String runId = "";

        private Builder() {}

        /** The Logs Query client (built once per container, e.g. {@code AzureClients.logsQuery}). */
        public Builder client(LogsQueryClient client) {
            this.client = client;
            return this;
        }

        /** The Log Analytics workspace (customer) id, a GUID. */
        public Builder workspaceId(String workspaceId) {
            this.workspaceId = workspaceId;
            return this;
        }

        /** The service principal's object id (matches {@code Caller}). */
        public Builder objectId(String objectId) {
            this.objectId = objectId;
            return this;
        }

        /** The application (client) id (matches the token's {@code appid} claim). */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        /** The window to read: start inclusive, end exclusive. */
        public Builder window(ScanWindow window) {
            this.window = window;
            return this;
        }

        /** When the run must be done. */
        public Builder deadline(Deadline deadline) {
            this.deadline = deadline;
            return this;
        }

        /** Slicing, limits, timeouts and retries (default {@link Settings#DEFAULT}). */
        public Builder settings(Settings settings) {
            this.settings = settings;
            return this;
        }

        /** How retry waits pass (tests: a fake clock). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Jitter in [0, 1) for backoff waits (tests: fixed). */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = jitter;
            return this;
        }

        /** The run id, for logs. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * Builds, checking the required parts.
         *
         * @throws InvalidQueryValueException when the workspace, object or app id is not a GUID
         */
        public AzureActivityCollector build() {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(jitter, "jitter");
            workspaceId = ActivityQuery.guid(workspaceId, "workspaceId");
            query = ActivityQuery.of(objectId, appId);
            runId = Objects.requireNonNullElse(runId, "");
            return new AzureActivityCollector(this);
        }
    }
}
