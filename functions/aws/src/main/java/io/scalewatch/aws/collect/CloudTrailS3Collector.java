package io.scalewatch.aws.collect;

import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.AuditLogReadException;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.run.Deadline;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Collects the watched identity's events from a trail's log objects in S3 (an account trail or an
 * organization trail), reading only the objects the window needs, several at a time.
 *
 * <p>Which objects: CloudTrail writes {@code [<prefix>/]AWSLogs/[<org-id>/]<account>/CloudTrail/<region>/
 * <yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_<yyyymmddThhmmZ>_<unique>.json.gz}, the date and the name's
 * timestamp being the delivery time; a file holds events of the ~5-15 minutes before it. The collector lists
 * only the day prefixes from the window's start to its end plus the {@link Builder#deliveryMargin delivery
 * margin}, and reads the objects whose timestamp lies in {@code [start - 1 min, end + margin)}. Keys that do
 * not follow the naming are not read; they are counted and logged.
 *
 * <p>Reading: objects are read in parallel on a bounded pool ({@link Builder#parallelism}, 4), each streamed
 * through {@link AuditLogReader} (gzip, one record at a time); order does not matter to the sink, which sees
 * one call at a time. Events dated outside the window are dropped and counted; other principals' events are
 * counted and kept back. S3's 503 SlowDown and 5xx answers are retried by the S3 client (AwsClients gives it
 * more attempts and throttling backoff).
 *
 * <p>Coverage: an object not read (deadline, or an error after the client's retries) can hold events from
 * its timestamp minus the margin on, so {@link #coveredUntil()} is the earliest such time among the objects
 * not read (the window's end when all were read). Events delivered later than the margin after they happened
 * are outside this promise; the window's overlap and ingestion delay absorb CloudTrail's usual delays.
 */
public final class CloudTrailS3Collector implements WindowedEventSource {
    private static final System.Logger LOG = System.getLogger(CloudTrailS3Collector.class.getName());
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ORG_ID = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9!_.*'()/-]*");
    private static final Pattern FILE_NAME =
            Pattern.compile("(\\d{12})_CloudTrail_([a-z0-9-]+)_(\\d{8}T\\d{4}Z)_([A-Za-z0-9]+)\\.json\\.gz");
    private static final DateTimeFormatter NAME_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    /** Files may be stamped a little before their last event (clock skew between writers). */
    static final Duration EARLY_SKEW = Duration.ofMinutes(1);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String organizationId;
    private final String account;
    private final String region;
    private final IdentityMatcher identity;
    private final ScanWindow window;
    private final Deadline deadline;
    private final Duration reserve;
    private final Duration margin;
    private final int parallelism;
    private final AuditLogReader reader;
    private final String runId;
    private CollectionReport report;
    private long listed;
    private long skippedKeys;
    private long objectsRead;
    private long listRequests;
    private final AtomicInteger getRequests = new AtomicInteger();

    /** One trail object the window needs. */
    record TrailObject(String key, Instant stamped, long size) {}

    private enum Outcome { READ, NOT_STARTED, FAILED }

    private record Result(TrailObject object, Outcome outcome, String reason) {}

    private CloudTrailS3Collector(Builder b) {
        this.s3 = b.s3;
        this.bucket = b.bucket;
        this.prefix = b.prefix;
        this.organizationId = b.organizationId;
        this.account = b.account;
        this.region = b.region;
        this.identity = b.identity;
        this.window = b.window;
        this.deadline = b.deadline;
        this.reserve = b.reserve;
        this.margin = b.margin;
        this.parallelism = b.parallelism;
        this.reader = b.reader;
        this.runId = b.runId;
    }

    /** A builder; s3, bucket, account, region, identity, window and deadline are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "cloudtrail:s3 s3://" + bucket + "/" + dayPrefixRoot();
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

    /** Objects listed under the day prefixes, after {@link #read}. */
    public synchronized long objectsListed() {
        return listed;
    }

    /** Objects read to their end, after {@link #read}. */
    public synchronized long objectsRead() {
        return objectsRead;
    }

    /** Keys under the day prefixes that are not CloudTrail log objects of this account and region. */
    public synchronized long keysSkipped() {
        return skippedKeys;
    }

    /**
     * Reads the window's objects into the sink.
     *
     * @throws CloudTrailCollectionException when the bucket cannot be listed
     * @throws IllegalStateException when called a second time
     */
    @Override
    public synchronized ReadCounts read(RecordSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (report != null) {
            throw new IllegalStateException(name() + " was already read; build a new collector per window");
        }
        WindowSink out = new WindowSink(sink, window, identity);
        LOG.log(Level.INFO, () -> context() + " event=collect_start window=" + window.start() + "/" + window.end());
        List<TrailObject> objects;
        try {
            objects = list();
        } catch (Retrier.StopException e) {
            report = new CollectionReport(name(), window, window.start(), out.counts(), 0, 0, 0, 0, 0,
                    e.getMessage());
            logEnd(report);
            return report.counts();
        } catch (RuntimeException e) {
            if (!AwsErrors.isSdkError(e)) {
                throw e;
            }
            report = new CollectionReport(name(), window, window.start(), out.counts(), 0, 0, 0, 0, 0,
                    "failed: " + AwsErrors.describe(e));
            throw new CloudTrailCollectionException(name() + ": cannot list the trail objects: "
                    + AwsErrors.describe(e));
        }
        List<Result> results = readAll(objects, out);
        Instant covered = window.end();
        int notStarted = 0;
        List<Result> failed = new ArrayList<>();
        for (Result result : results) {
            if (result.outcome() == Outcome.READ) {
                objectsRead++;
                continue;
            }
            if (result.outcome() == Outcome.NOT_STARTED) {
                notStarted++;
            } else {
                failed.add(result);
            }
            Instant earliest = result.object().stamped().minus(margin);
            if (earliest.isBefore(covered)) {
                covered = earliest.isBefore(window.start()) ? window.start() : earliest;
            }
        }
        String stop = stopReason(results.size(), notStarted, failed);
        if (stop.isEmpty() || covered.equals(window.end())) {
            // every object was read, or the unread ones can only hold events after the window
            covered = window.end();
            stop = "";
        }
        report = new CollectionReport(name(), window, covered, out.counts(), out.outsideWindow(),
                out.otherPrincipals(), out.handed(), listRequests + getRequests.get(), 0, stop);
        logEnd(report);
        return report.counts();
    }

    private List<TrailObject> list() {
        List<TrailObject> objects = new ArrayList<>();
        LocalDate first = window.start().minus(EARLY_SKEW).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = window.end().plus(margin).atZone(ZoneOffset.UTC).toLocalDate();
        Instant from = window.start().minus(EARLY_SKEW);
        Instant until = window.end().plus(margin);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (deadline.nearing(reserve)) {
                throw new Retrier.StopException("deadline: less than " + reserve + " left while listing " + day);
            }
            String dayPrefix = dayPrefixRoot() + DAY.format(day) + "/";
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(dayPrefix).build();
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
                listRequests++;
                for (S3Object object : page.contents()) {
                    listed++;
                    Optional<Instant> stamped = stamp(object.key());
                    if (stamped.isEmpty()) {
                        skippedKeys++;
                        LOG.log(Level.WARNING, () -> context() + " event=key_skipped key=\""
                                + AwsErrors.scrub(object.key())
                                + "\" reason=\"not a CloudTrail log object of this account and region\"");
                        continue;
                    }
                    Instant at = stamped.get();
                    if (!at.isBefore(from) && at.isBefore(until)) {
                        objects.add(new TrailObject(object.key(), at, object.size() == null ? 0 : object.size()));
                    }
                }
            }
        }
        objects.sort(Comparator.comparing(TrailObject::stamped).thenComparing(TrailObject::key));
        return objects;
    }

    /** The delivery time in a CloudTrail object key of this account and region, empty for any other key. */
    Optional<Instant> stamp(String key) {
        String fileName = key.substring(key.lastIndexOf('/') + 1);
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches() || !m.group(1).equals(account) || !m.group(2).equals(region)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(NAME_TIME.parse(m.group(3))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private List<Result> readAll(List<TrailObject> objects, WindowSink out) {
        if (objects.isEmpty()) {
            return List.of();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, objects.size()), r -> {
            Thread t = new Thread(r, "scalewatch-s3-read-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<Result>> futures = new ArrayList<>(objects.size());
        try {
            for (TrailObject object : objects) {
                futures.add(pool.submit(() -> readOne(object, out)));
            }
            List<Result> results = new ArrayList<>(objects.size());
            for (Future<Result> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectionInterruptedException(name() + ": interrupted while reading trail objects");
        } catch (ExecutionException e) {
            // Only the sink's own exceptions get here (readOne turns S3 and data errors into results).
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(name() + ": reading a trail object failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Result readOne(TrailObject object, WindowSink out) {
        if (deadline.nearing(reserve)) {
            return new Result(object, Outcome.NOT_STARTED, "deadline");
        }
        String source = "s3://" + bucket + "/" + object.key();
        getRequests.incrementAndGet();
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(object.key()))) {
            reader.read(source, in, out.asRecordSink());
            return new Result(object, Outcome.READ, "");
        } catch (AuditLogReadException e) {
            return failed(object, AwsErrors.scrub(e.getMessage()));
        } catch (IOException e) {
            // closing the stream failed after it was read to its end: the records are in
            return new Result(object, Outcome.READ, "");
        } catch (RuntimeException e) {
            if (!AwsErrors.isSdkError(e)) {
                throw e;
            }
            return failed(object, AwsErrors.describe(e));
        }
    }

    private Result failed(TrailObject object, String reason) {
        LOG.log(Level.WARNING, () -> context() + " event=object_failed key=\"" + AwsErrors.scrub(object.key())
                + "\" error=\"" + reason + "\"");
        return new Result(object, Outcome.FAILED, reason);
    }

    private static String stopReason(int total, int notStarted, List<Result> failed) {
        List<String> parts = new ArrayList<>();
        if (notStarted > 0) {
            parts.add("deadline: " + notStarted + " of " + total + " objects not read");
        }
        if (!failed.isEmpty()) {
            Result first = failed.get(0);
            parts.add("failed: " + failed.size() + " of " + total + " objects unreadable, first "
                    + AwsErrors.scrub(first.object().key()) + ": " + first.reason());
        }
        return String.join("; ", parts);
    }

    private String dayPrefixRoot() {
        return prefix + "AWSLogs/" + (organizationId.isEmpty() ? "" : organizationId + "/") + account
                + "/CloudTrail/" + region + "/";
    }

    private void logEnd(CollectionReport r) {
        Level level = r.complete() ? Level.INFO : Level.WARNING;
        LOG.log(level, () -> context() + " event=" + (r.complete() ? "collect_done" : "collect_stopped")
                + " covered_until=" + r.coveredUntil() + " objects_listed=" + listed + " objects_read=" + objectsRead
                + " keys_skipped=" + skippedKeys + " read=" + r.counts().read() + " quarantined="
                + r.counts().quarantined() + " handed=" + r.handed() + " outside_window=" + r.outsideWindow()
                + (r.complete() ? "" : " reason=\"" + r.stopReason() + "\""));
    }

    private String context() {
        return "run_id=" + runId + " cloud=aws source=s3 account=" + account + " region=" + region
                + " identity=" + identity.value();
    }

    /** Builds a {@link CloudTrailS3Collector}. */
    public static final class Builder {
        private S3Client s3;
        private String bucket;
        private String prefix = "";
        private String organizationId = "";
        private String account;
        private String region;
        private IdentityMatcher identity;
        private ScanWindow window;
        private Deadline deadline;
        private Duration reserve = Duration.ofSeconds(60);
        private Duration margin = Duration.ofMinutes(20);
        private int parallelism = 4;
        private AuditLogReader reader = AuditLogReader.create();
        private String runId = "-";

        private Builder() {}

        /** The client for the bucket's region, with the credentials that may read the trail. */
        public Builder s3(S3Client s3) {
            this.s3 = s3;
            return this;
        }

        /** The trail's bucket. */
        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** The trail's S3 key prefix, if it has one (without a trailing slash). */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** The organization id of an organization trail ({@code o-...}); none for an account trail. */
        public Builder organizationId(String organizationId) {
            this.organizationId = organizationId;
            return this;
        }

        /** The account whose logs are read. */
        public Builder account(String account) {
            this.account = account;
            return this;
        }

        /** The region whose logs are read. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Whose events are handed over. */
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

        /** Time kept for the rest of the run: no object is started with less left (60 s). */
        public Builder deadlineReserve(Duration reserve) {
            this.reserve = reserve;
            return this;
        }

        /** How long after an event its file may be stamped (20 min; CloudTrail delivers within ~5-15). */
        public Builder deliveryMargin(Duration margin) {
            this.margin = margin;
            return this;
        }

        /** Objects read at once (4). */
        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** The reader (default {@link AuditLogReader#create()}). */
        public Builder reader(AuditLogReader reader) {
            this.reader = reader;
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
        public CloudTrailS3Collector build() {
            for (Object[] required : new Object[][] {{s3, "s3"}, {identity, "identity"}, {window, "window"},
                {deadline, "deadline"}, {reserve, "deadlineReserve"}, {margin, "deliveryMargin"},
                {reader, "reader"}, {runId, "runId"}, {prefix, "prefix"}, {organizationId, "organizationId"}}) {
                if (required[0] == null) {
                    throw new IllegalArgumentException(required[1] + " is required");
                }
            }
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException("bucket is required");
            }
            if (account == null || !ACCOUNT.matcher(account).matches()) {
                throw new IllegalArgumentException("account must be a 12-digit AWS account id, got '" + account + "'");
            }
            if (region == null || !REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("region must be an AWS region name like us-east-1, got '"
                        + region + "'");
            }
            if (!organizationId.isEmpty() && !ORG_ID.matcher(organizationId).matches()) {
                throw new IllegalArgumentException("organizationId must look like o-abc123defg (o- and 10-32"
                        + " lowercase letters or digits), got '" + organizationId + "'");
            }
            if (!PREFIX.matcher(prefix).matches() || prefix.startsWith("/")) {
                throw new IllegalArgumentException("prefix must be an S3 key prefix without a leading slash, got '"
                        + prefix + "'");
            }
            if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                prefix = prefix + "/";
            }
            if (parallelism < 1 || parallelism > 64) {
                throw new IllegalArgumentException("parallelism must be within 1..64, got " + parallelism);
            }
            if (margin.isNegative() || reserve.isNegative()) {
                throw new IllegalArgumentException("deliveryMargin and deadlineReserve must not be negative, got "
                        + margin + " and " + reserve);
            }
            return new CloudTrailS3Collector(this);
        }
    }
}
