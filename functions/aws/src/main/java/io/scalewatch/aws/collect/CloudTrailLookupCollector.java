package io.scalewatch.aws.collect;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Collects the watched identity's management events of one account and region with CloudTrail
 * {@code LookupEvents}, streaming each to the sink as its page arrives.
 *
 * <p>Identity is matched client-side: LookupEvents takes one lookup attribute, and {@code Username} holds the
 * session name for assumed-role calls (e.g. {@code castai-48050}, new for every session), so no attribute
 * selects "every session of this role"; and the calls that obtain the role's credentials
 * ({@code AssumeRole} by the vendor) are made by another principal. The collector fetches every event of the
 * window and keeps the identity's.
 *
 * <p>Coverage: LookupEvents returns events newest first, so a window read in one sweep covers nothing from
 * its start until the sweep ends. The window is therefore cut into slices ({@link Builder#sliceLength},
 * 1 hour by default), read oldest slice first; {@link #coveredUntil()} is the end of the last slice read to
 * its last page. Events of a slice cut short by the deadline were handed over but are read again by the
 * next run (stable finding ids make that harmless); no gap is ever claimed as covered.
 *
 * <p>Rate: every request, retries included, takes a token from the {@link RateLimiter} (2 requests/s per
 * account and region; {@link RateLimiters} hands out one limiter per account and region). Throttling and 5xx answers are retried
 * with exponential backoff and full jitter ({@link RetryPolicy}); clients built by {@code AwsClients} do not
 * retry CloudTrail themselves, so the limiter sees every request. When retries are spent or the deadline
 * nears, collecting stops and the report says why; any other error throws
 * {@link CloudTrailCollectionException}.
 *
 * <pre>{@code
 * CloudTrailLookupCollector lookup = CloudTrailLookupCollector.builder()
 *         .cloudTrail(client).account("123456789012").region("us-east-1")
 *         .identity(identity).window(window).deadline(deadline).rateLimiter(limiter).build();
 * ReadCounts counts = lookup.read(sink);
 * Instant checkpoint = lookup.coveredUntil();
 * }</pre>
 */
public final class CloudTrailLookupCollector implements WindowedEventSource {
    private static final System.Logger LOG = System.getLogger(CloudTrailLookupCollector.class.getName());
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    /** LookupEvents' page size limit. */
    static final int MAX_RESULTS = 50;

    private final CloudTrailClient cloudTrail;
    private final String account;
    private final String region;
    private final IdentityMatcher identity;
    private final ScanWindow window;
    private final Deadline deadline;
    private final Duration reserve;
    private final RateLimiter limiter;
    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final Duration sliceLength;
    private final String runId;
    private final CloudTrailNormalizer normalizer = CloudTrailNormalizer.create();
    private CollectionReport report;

    private CloudTrailLookupCollector(Builder b) {
        this.cloudTrail = b.cloudTrail;
        this.account = b.account;
        this.region = b.region;
        this.identity = b.identity;
        this.window = b.window;
        this.deadline = b.deadline;
        this.reserve = b.reserve;
        this.limiter = b.limiter;
        this.retryPolicy = b.retryPolicy;
        this.sleeper = b.sleeper;
        this.jitter = b.jitter;
        this.sliceLength = b.sliceLength;
        this.runId = b.runId;
    }

    /** A builder; cloudTrail, account, region, identity, window and deadline are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "cloudtrail:lookup " + account + "/" + region;
    }

    @Override
    public ScanWindow window() {
        return window;
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
     * Reads the window into the sink.
     *
     * @throws CloudTrailCollectionException on an error retrying cannot fix (the report stays valid)
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
        Instant covered = window.start();
        String stop = "";
        long position = 0;
        LOG.log(Level.INFO, () -> context() + " event=collect_start window=" + window.start() + "/" + window.end());
        try {
            for (Instant sliceStart = window.start(); sliceStart.isBefore(window.end()); ) {
                Instant sliceEnd = min(sliceStart.plus(sliceLength), window.end());
                position = readSlice(sliceStart, sliceEnd, out, retrier, position);
                covered = sliceEnd;
                sliceStart = sliceEnd;
            }
        } catch (Retrier.StopException e) {
            stop = e.getMessage();
        } catch (RuntimeException e) {
            if (!AwsErrors.isSdkError(e)) {
                report = report(out, covered, "failed: " + e.getClass().getSimpleName(), retrier);
                throw e;
            }
            report = report(out, covered, "failed: " + AwsErrors.describe(e), retrier);
            LOG.log(Level.ERROR, () -> context() + " event=collect_failed covered_until=" + report.coveredUntil()
                    + " error=\"" + AwsErrors.describe(e) + "\"");
            throw new CloudTrailCollectionException(name() + ": LookupEvents failed: " + AwsErrors.describe(e));
        }
        report = report(out, covered, stop, retrier);
        logEnd(report);
        return report.counts();
    }

    // One slice, every page. The paginator's iterator keeps its place when a page request throws, so a
    // retried next() asks for the same page again.
    private long readSlice(Instant start, Instant end, WindowSink out, Retrier retrier, long position) {
        LookupEventsRequest request = LookupEventsRequest.builder()
                .startTime(start).endTime(end).maxResults(MAX_RESULTS).build();
        Iterator<LookupEventsResponse> pages = cloudTrail.lookupEventsPaginator(request).iterator();
        long at = position;
        while (pages.hasNext()) {
            LookupEventsResponse page = retrier.call("LookupEvents [" + start + ", " + end + "]", pages::next);
            for (Event event : page.events()) {
                at++;
                Instant placed = event.eventTime();
                // LookupEvents' EndTime is inclusive (and times are whole seconds): an event of the window
                // outside [start, end) belongs to the neighbouring slice, which returns it too.
                if (placed != null && window.contains(placed) && (placed.isBefore(start) || !placed.isBefore(end))) {
                    at--;
                    continue;
                }
                accept(event, placed, at, out);
            }
        }
        return at;
    }

    private void accept(Event event, Instant placed, long position, WindowSink out) {
        String eventId = event.eventId() == null ? "" : event.eventId();
        String text = event.cloudTrailEvent();
        if (text == null || text.isBlank()) {
            out.quarantined(Quarantines.of(name(), position, eventId, QuarantineKind.MISSING_FIELD,
                    "LookupEvents result has no CloudTrailEvent; the record itself is missing", ""));
            return;
        }
        // The normalizer reads the LookupEvents shape itself: the API's EventId names an event whose record
        // lacks eventID, instead of a hash.
        ObjectNode lookupEvent = JsonNodeFactory.instance.objectNode();
        lookupEvent.put("EventId", eventId);
        lookupEvent.put("CloudTrailEvent", text);
        AuditEvent normalized;
        try {
            normalized = normalizer.normalize(lookupEvent);
        } catch (InvalidAuditRecordException e) {
            out.quarantined(Quarantines.of(name(), position, eventId, e.kind(), e.getMessage(), text));
            return;
        } catch (RuntimeException e) {
            out.quarantined(Quarantines.of(name(), position, eventId, QuarantineKind.NORMALIZER_ERROR,
                    "the aws normalizer failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), text));
            return;
        }
        out.event(normalized, placed == null ? normalized.time() : placed);
    }

    private CollectionReport report(WindowSink out, Instant covered, String stop, Retrier retrier) {
        Instant coveredUntil = stop.isEmpty() ? window.end() : covered;
        if (!stop.isEmpty() && coveredUntil.equals(window.end())) {
            stop = "";
        }
        return new CollectionReport(name(), window, coveredUntil, out.counts(), out.outsideWindow(),
                out.otherPrincipals(), out.handed(), retrier.attempts(), retrier.retries(), stop);
    }

    private void logEnd(CollectionReport r) {
        Level level = r.complete() ? Level.INFO : Level.WARNING;
        LOG.log(level, () -> context() + " event=" + (r.complete() ? "collect_done" : "collect_stopped")
                + " covered_until=" + r.coveredUntil() + " read=" + r.counts().read() + " quarantined="
                + r.counts().quarantined() + " handed=" + r.handed() + " outside_window=" + r.outsideWindow()
                + " requests=" + r.requests() + " retries=" + r.retries()
                + (r.complete() ? "" : " reason=\"" + r.stopReason() + "\""));
    }

    private String context() {
        return "run_id=" + runId + " cloud=aws source=lookup account=" + account + " region=" + region
                + " identity=" + identity.value();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Builds a {@link CloudTrailLookupCollector}. */
    public static final class Builder {
        private CloudTrailClient cloudTrail;
        private String account;
        private String region;
        private IdentityMatcher identity;
        private ScanWindow window;
        private Deadline deadline;
        private Duration reserve = Duration.ofSeconds(60);
        private RateLimiter limiter;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Sleeper sleeper = Sleeper.system();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private Duration sliceLength = Duration.ofHours(1);
        private String runId = "-";

        private Builder() {}

        /** The client for the account and region (credentials of the account's read-only role). */
        public Builder cloudTrail(CloudTrailClient cloudTrail) {
            this.cloudTrail = cloudTrail;
            return this;
        }

        /** The 12-digit account id, for names and logs. */
        public Builder account(String account) {
            this.account = account;
            return this;
        }

        /** The region the client talks to, e.g. {@code us-east-1}. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Whose events are handed over. */
        public Builder identity(IdentityMatcher identity) {
            this.identity = identity;
            return this;
        }

        /** The window to collect, start inclusive, end exclusive. */
        public Builder window(ScanWindow window) {
            this.window = window;
            return this;
        }

        /** When the run must be done. */
        public Builder deadline(Deadline deadline) {
            this.deadline = deadline;
            return this;
        }

        /** Time kept for evaluating, publishing and checkpointing: no request starts with less left (60 s). */
        public Builder deadlineReserve(Duration reserve) {
            this.reserve = reserve;
            return this;
        }

        /**
         * The account and region's limiter, shared with every collector of that account and region
         * ({@link RateLimiters#of}); default a new {@link RateLimiter#lookupEvents()} of its own.
         */
        public Builder rateLimiter(RateLimiter limiter) {
            this.limiter = limiter;
            return this;
        }

        /** Retries of throttled and failed requests ({@link RetryPolicy#DEFAULT}). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** How backoff waits (tests pass one that advances a fake clock). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Jitter source in [0, 1) (tests pass a constant). */
        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = jitter;
            return this;
        }

        /** Length of the slices the window is read in, oldest first (1 hour). */
        public Builder sliceLength(Duration sliceLength) {
            this.sliceLength = sliceLength;
            return this;
        }

        /** The run id, for logs. */
        public Builder runId(String runId) {
            this.runId = runId;
            return this;
        }

        /**
         * The collector.
         *
         * @throws IllegalArgumentException naming the missing or invalid setting
         */
        public CloudTrailLookupCollector build() {
            require(cloudTrail, "cloudTrail");
            require(identity, "identity");
            require(window, "window");
            require(deadline, "deadline");
            require(reserve, "deadlineReserve");
            require(retryPolicy, "retryPolicy");
            require(sleeper, "sleeper");
            require(jitter, "jitter");
            require(runId, "runId");
            if (account == null || !ACCOUNT.matcher(account).matches()) {
                throw new IllegalArgumentException("account must be a 12-digit AWS account id, got '" + account + "'");
            }
            if (region == null || !REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("region must be an AWS region name like us-east-1, got '"
                        + region + "'");
            }
            if (sliceLength == null || sliceLength.isNegative() || sliceLength.isZero()) {
                throw new IllegalArgumentException("sliceLength must be positive, got " + sliceLength);
            }
            if (reserve.isNegative()) {
                throw new IllegalArgumentException("deadlineReserve must not be negative, got " + reserve);
            }
            if (limiter == null) {
                limiter = RateLimiter.lookupEvents();
            }
            return new CloudTrailLookupCollector(this);
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " is required");
            }
        }
    }
}
