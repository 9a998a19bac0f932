package io.scalewatch.aws.posture;

import io.scalewatch.aws.access.AwsErrors;
import io.scalewatch.core.posture.LogSource;
import io.scalewatch.core.posture.LoggingPosture;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.ReadWriteType;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * Reads which CloudTrail trails record the management events of the scanned regions of an account: the logging
 * posture the silence rules judge (SW-L5-008).
 *
 * <p>{@code DescribeTrails} with shadow trails in each region lists every trail that applies there (its own,
 * multi-region and organization trails homed elsewhere); {@code GetTrailStatus} ({@code IsLogging}) and {@code
 * GetEventSelectors} of each are asked in the trail's home region. A trail records management reads / writes when
 * a basic selector includes management events with that read/write type, or an advanced selector selects
 * {@code eventCategory = Management} without excluding that {@code readOnly} value; a trail without custom
 * selectors records all management events (the CloudTrail default).
 *
 * <p>A refused or failed call is a warning and the region's logging is left {@link LoggingPosture#NOT_COLLECTED}:
 * an unreadable trail must not read as "no trail".
 *
 * <pre>{@code
 * TrailLoggingResult trails = TrailLoggingCollector.builder().cloudTrail(session::cloudTrail)
 *         .account("123456789012").build().collect(List.of("eu-west-1", "us-east-1"));
 * Posture judged = posture.withLogging(trails.logging());
 * }</pre>
 */
public final class TrailLoggingCollector {
    /** Capture of a trail recording management read events. */
    public static final String MANAGEMENT_READ = "management_read";
    /** Capture of a trail recording management write events. */
    public static final String MANAGEMENT_WRITE = "management_write";

    private static final System.Logger LOG = System.getLogger(TrailLoggingCollector.class.getName());
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private final Function<Region, CloudTrailClient> cloudTrail;
    private final String account;
    private final String runId;

    private TrailLoggingCollector(Builder b) {
        this.cloudTrail = b.cloudTrail;
        this.account = b.account;
        this.runId = b.runId;
    }

    /** A builder; cloudTrail and account are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The trails covering {@code regions}: each trail once, with the judged regions it covers.
     *
     * @throws IllegalArgumentException when a region is not a region name or none is given
     */
    public TrailLoggingResult collect(List<String> regions) {
        if (regions == null || regions.isEmpty()) {
            throw new IllegalArgumentException("regions must name at least one AWS region");
        }
        for (String region : regions) {
            if (region == null || !REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("region must be an AWS region name such as eu-west-1, got '"
                        + region + "'");
            }
        }
        List<String> judged = List.copyOf(new LinkedHashSet<>(regions));
        String step = "DescribeTrails";
        try {
            Map<String, Trail> trails = new LinkedHashMap<>();
            Map<String, Set<String>> covers = new LinkedHashMap<>();
            for (String region : judged) {
                step = "DescribeTrails in " + region;
                for (Trail trail : cloudTrail.apply(Region.of(region))
                        .describeTrails(b -> b.includeShadowTrails(true)).trailList()) {
                    String arn = Objects.requireNonNullElse(trail.trailARN(), trail.name());
                    trails.putIfAbsent(arn, trail);
                    covers.computeIfAbsent(arn, k -> new LinkedHashSet<>()).add(region);
                }
            }
            List<LogSource> sources = new ArrayList<>();
            for (Map.Entry<String, Trail> entry : trails.entrySet()) {
                String arn = entry.getKey();
                Trail trail = entry.getValue();
                String home = trail.homeRegion() == null || trail.homeRegion().isEmpty()
                        ? covers.get(arn).iterator().next() : trail.homeRegion();
                CloudTrailClient client = cloudTrail.apply(Region.of(home));
                step = "GetTrailStatus " + arn;
                boolean logging = Boolean.TRUE.equals(client.getTrailStatus(b -> b.name(arn)).isLogging());
                step = "GetEventSelectors " + arn;
                GetEventSelectorsResponse selectors = client.getEventSelectors(b -> b.trailName(arn));
                sources.add(new LogSource("trail", arn, logging, captures(trail, selectors), List.of(),
                        Objects.requireNonNullElse(trail.s3BucketName(), ""), List.copyOf(covers.get(arn))));
            }
            LOG.log(Level.INFO, () -> "run_id=" + runId + " cloud=aws account=" + account + " regions=" + judged.size()
                    + " event=trail_logging_read trails=" + sources.size() + " logging="
                    + sources.stream().filter(LogSource::enabled).count());
            return new TrailLoggingResult(LoggingPosture.of(judged, List.of(), sources), List.of());
        } catch (RuntimeException e) {
            if (!AwsErrors.isSdkError(e)) {
                throw e;
            }
            String warning = "logging posture of account " + account + " not read: " + step + " failed: "
                    + AwsErrors.describe(e) + " (scalewatch needs cloudtrail:DescribeTrails, GetTrailStatus and"
                    + " GetEventSelectors)";
            return new TrailLoggingResult(LoggingPosture.NOT_COLLECTED, List.of(warning));
        }
    }

    static List<String> captures(Trail trail, GetEventSelectorsResponse response) {
        Set<String> out = new LinkedHashSet<>();
        boolean custom = Boolean.TRUE.equals(trail.hasCustomEventSelectors());
        if (!custom && response.eventSelectors().isEmpty() && response.advancedEventSelectors().isEmpty()) {
            // CloudTrail's default selector: all management events.
            out.add(MANAGEMENT_READ);
            out.add(MANAGEMENT_WRITE);
        }
        for (EventSelector selector : response.eventSelectors()) {
            if (Boolean.FALSE.equals(selector.includeManagementEvents())) {
                continue;
            }
            ReadWriteType type = selector.readWriteType() == null ? ReadWriteType.ALL : selector.readWriteType();
            if (type == ReadWriteType.ALL || type == ReadWriteType.READ_ONLY) {
                out.add(MANAGEMENT_READ);
            }
            if (type == ReadWriteType.ALL || type == ReadWriteType.WRITE_ONLY) {
                out.add(MANAGEMENT_WRITE);
            }
        }
        for (AdvancedEventSelector selector : response.advancedEventSelectors()) {
            if (!selectsManagement(selector)) {
                continue;
            }
            if (keepsReadOnly(selector, "true")) {
                out.add(MANAGEMENT_READ);
            }
            if (keepsReadOnly(selector, "false")) {
                out.add(MANAGEMENT_WRITE);
            }
        }
        return List.copyOf(out);
    }

    private static boolean selectsManagement(AdvancedEventSelector selector) {
        for (AdvancedFieldSelector field : selector.fieldSelectors()) {
            if ("eventCategory".equals(field.field())) {
                return field.equalsValue().stream().anyMatch(v -> v.equalsIgnoreCase("Management"));
            }
        }
        return false;
    }

    // readOnly = "true" selects read events, "false" write events; no readOnly field selects both.
    private static boolean keepsReadOnly(AdvancedEventSelector selector, String value) {
        for (AdvancedFieldSelector field : selector.fieldSelectors()) {
            if (!"readOnly".equals(field.field())) {
                continue;
            }
            List<String> equal = field.equalsValue().stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
            List<String> notEqual = field.notEquals().stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
            if (!equal.isEmpty() && !equal.contains(value)) {
                return false;
            }
            if (notEqual.contains(value)) {
                return false;
            }
        }
        return true;
    }

    /** Builds a {@link TrailLoggingCollector}. */
    public static final class Builder {
        private Function<Region, CloudTrailClient> cloudTrail;
        private String account;
        private String runId = "-";

        private Builder() {}

        /** The account's CloudTrail client per region (trails are asked in their home region). */
        public Builder cloudTrail(Function<Region, CloudTrailClient> cloudTrail) {
            this.cloudTrail = cloudTrail;
            return this;
        }

        /** The 12-digit account id. */
        public Builder account(String account) {
            this.account = account;
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
        public TrailLoggingCollector build() {
            if (cloudTrail == null) {
                throw new IllegalArgumentException("cloudTrail is required");
            }
            if (account == null || !ACCOUNT.matcher(account).matches()) {
                throw new IllegalArgumentException("account must be a 12-digit AWS account id, got '" + account + "'");
            }
            if (runId == null) {
                throw new IllegalArgumentException("runId is required");
            }
            return new TrailLoggingCollector(this);
        }
    }
}
