package io.scalewatch.aws.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.suppress.Suppressions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one scheduled AWS scan does: whom it watches, where (accounts x regions), how it collects, how it
 * reaches other accounts, where results go, and how windows are cut. Built by {@link AwsScanConfigLoader} from
 * the scheduler event, an S3 config object and environment defaults ({@link AwsEnvironment}); the CLI builds it
 * with {@link #builder()}.
 *
 * <pre>{@code
 * AwsScanConfig config = AwsScanConfig.builder()
 *         .identity(IdentityMatcher.parse("arn:aws:iam::111122223333:role/castai-eks"))
 *         .source(AwsScanConfig.Source.s3("org-trail-bucket", "", "o-a1b2c3d4e5"))
 *         .outputs(AwsScanConfig.Outputs.s3("audit-bucket", "scalewatch")).build();
 * }</pre>
 *
 * @param accounts target accounts; empty: the function's own account
 * @param regions target regions; empty: the function's region
 * @param settings policy settings overrides (input.config), an object (empty for none)
 * @param suppressions accepted findings applied to every target's report (validated when the config is loaded)
 * @param deadlineReserve time kept at the end of an invocation for evaluating, publishing and checkpointing
 * @param now the instant windows are cut from, for replays and tests; {@code null}: the clock's time
 */
public record AwsScanConfig(
        IdentityMatcher identity,
        List<String> accounts,
        List<String> regions,
        Source source,
        CrossAccount crossAccount,
        Outputs outputs,
        AgentProfile profile,
        JsonNode settings,
        Suppressions suppressions,
        ScanWindow.Policy window,
        Duration deadlineReserve,
        Instant now) {
    /** Config field names (the event's and the S3 object's JSON keys). */
    public static final String IDENTITY = "identity";
    public static final String ACCOUNTS = "accounts";
    public static final String REGIONS = "regions";
    public static final String MODE = "mode";
    public static final String TRAIL_BUCKET = "trailBucket";
    public static final String TRAIL_PREFIX = "trailPrefix";
    public static final String TRAIL_BUCKET_REGION = "trailBucketRegion";
    public static final String ORGANIZATION_ID = "organizationId";
    public static final String EVENT_DATA_STORE = "eventDataStore";
    public static final String READ_ROLE_NAME = "readRoleName";
    public static final String EXTERNAL_ID = "externalId";
    public static final String FINDINGS_BUCKET = "findingsBucket";
    public static final String FINDINGS_PREFIX = "findingsPrefix";
    public static final String KMS_KEY_ID = "kmsKeyId";
    public static final String STATE_BUCKET = "stateBucket";
    public static final String SECURITY_HUB_ENABLED = "securityHubEnabled";
    public static final String PROFILE = "profile";
    public static final String SETTINGS = "settings";
    public static final String SUPPRESSIONS = "suppressions";
    public static final String SUPPRESSION_MAX_DAYS = "suppressionMaxDays";
    public static final String WINDOW = "window";
    public static final String OVERLAP = "overlap";
    public static final String INGESTION_DELAY = "ingestionDelay";
    public static final String MAX_WINDOW = "maxWindow";
    public static final String FIRST_RUN_BACKFILL = "firstRunBackfill";
    public static final String DEADLINE_RESERVE = "deadlineReserve";
    public static final String NOW = "now";

    /** Every top-level field, in the order of the docs. */
    public static final List<String> FIELDS = List.of(IDENTITY, ACCOUNTS, REGIONS, MODE, TRAIL_BUCKET, TRAIL_PREFIX,
            TRAIL_BUCKET_REGION, ORGANIZATION_ID, EVENT_DATA_STORE, READ_ROLE_NAME, EXTERNAL_ID, FINDINGS_BUCKET,
            FINDINGS_PREFIX, KMS_KEY_ID, STATE_BUCKET, SECURITY_HUB_ENABLED, PROFILE, SETTINGS, SUPPRESSIONS,
            SUPPRESSION_MAX_DAYS, WINDOW, DEADLINE_RESERVE, NOW);
    /** The fields of {@link #WINDOW}. */
    public static final List<String> WINDOW_FIELDS = List.of(OVERLAP, INGESTION_DELAY, MAX_WINDOW, FIRST_RUN_BACKFILL);

    static final Duration DEFAULT_RESERVE = Duration.ofSeconds(60);
    /** Lambda runs at most 15 minutes; a larger reserve would skip every target. */
    static final Duration MAX_RESERVE = Duration.ofMinutes(15);
    static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9!_.*'()/-]*");
    static final Pattern ORG_ID = Pattern.compile("o-[a-z0-9]{10,32}");
    static final Pattern EVENT_DATA_STORE_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");
    static final Pattern EVENT_DATA_STORE_ARN =
            Pattern.compile("arn:aws[a-z-]*:cloudtrail:([a-z]{2}(?:-[a-z]+)+-\\d{1,2}):(\\d{12}):eventdatastore/"
                    + "[A-Za-z0-9-]{1,128}");
    static final Pattern ROLE_NAME = Pattern.compile("(/[\\w+=,.@-]+)*/?[\\w+=,.@-]{1,64}");
    static final Pattern EXTERNAL_ID_VALUE = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    public AwsScanConfig {
        Objects.requireNonNull(identity, "identity");
        if (!Set.of(IdentityMatcher.Kind.AWS_ROLE, IdentityMatcher.Kind.AWS_USER, IdentityMatcher.Kind.AWS_ACCESS_KEY)
                .contains(identity.kind())) {
            throw new IllegalArgumentException("config field '" + IDENTITY + "': '" + identity.value() + "' is not an"
                    + " AWS identity; give one role ARN, user ARN or access key id");
        }
        accounts = distinct(accounts, ACCOUNTS, ACCOUNT, "a 12-digit AWS account id");
        regions = distinct(regions, REGIONS, REGION, "an AWS region name such as us-east-1");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(crossAccount, "crossAccount");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(profile, "profile");
        settings = settings == null || settings.isNull() ? JsonNodeFactory.instance.objectNode() : settings;
        if (!settings.isObject()) {
            throw new IllegalArgumentException("config field '" + SETTINGS + "' must be a JSON object of policy"
                    + " settings overrides, got " + settings.getNodeType());
        }
        suppressions = suppressions == null ? Suppressions.none() : suppressions;
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(deadlineReserve, "deadlineReserve");
        if (deadlineReserve.isNegative() || deadlineReserve.compareTo(MAX_RESERVE) > 0) {
            throw new IllegalArgumentException("config field '" + DEADLINE_RESERVE + "' must be within PT0S.."
                    + MAX_RESERVE + ", got " + deadlineReserve);
        }
        if (source.mode() == CollectorMode.LAKE && (accounts.size() > 1 || regions.size() > 1)) {
            throw new IllegalArgumentException("config fields '" + ACCOUNTS + "' and '" + REGIONS + "': in mode lake"
                    + " one query of the event data store covers every account and region it holds; give at most one"
                    + " account and one region (the store's), got " + accounts + " and " + regions);
        }
    }

    private static List<String> distinct(List<String> values, String field, Pattern pattern, String what) {
        Set<String> out = new LinkedHashSet<>();
        for (String value : values == null ? List.<String>of() : values) {
            if (value == null || !pattern.matcher(value).matches()) {
                throw new IllegalArgumentException("config field '" + field + "': '" + value + "' is not " + what);
            }
            out.add(value);
        }
        return List.copyOf(out);
    }

    /** A builder with the defaults: lookup mode, own account and region, castai profile, default windows. */
    public static Builder builder() {
        return new Builder();
    }

    /** The instant windows are cut from when one is fixed (replays, tests). */
    public Optional<Instant> fixedNow() {
        return Optional.ofNullable(now);
    }

    /** The clock windows are cut with: fixed at {@link #now} when set, else {@code clock}. */
    public Clock windowClock(Clock clock) {
        return now == null ? clock : Clock.fixed(now, ZoneOffset.UTC);
    }

    /**
     * Where events come from.
     *
     * @param trailBucket the trail's bucket (mode s3), read with the function's own credentials
     * @param trailPrefix the trail's key prefix, empty for none
     * @param trailBucketRegion the bucket's region, empty: the function's region
     * @param organizationId the organization id of an organization trail, empty for an account trail
     * @param eventDataStore the Lake event data store id or ARN (mode lake)
     */
    public record Source(CollectorMode mode, String trailBucket, String trailPrefix, String trailBucketRegion,
            String organizationId, String eventDataStore) {
        public Source {
            Objects.requireNonNull(mode, "mode");
            trailBucket = Objects.requireNonNullElse(trailBucket, "");
            trailPrefix = Objects.requireNonNullElse(trailPrefix, "");
            trailBucketRegion = Objects.requireNonNullElse(trailBucketRegion, "");
            organizationId = Objects.requireNonNullElse(organizationId, "");
            eventDataStore = Objects.requireNonNullElse(eventDataStore, "");
            if (mode == CollectorMode.S3 && trailBucket.isEmpty()) {
                throw new IllegalArgumentException("config field '" + TRAIL_BUCKET + "' is required in mode s3");
            }
            if (!trailBucket.isEmpty() && !BUCKET.matcher(trailBucket).matches()) {
                throw new IllegalArgumentException("config field '" + TRAIL_BUCKET + "': '" + trailBucket
                        + "' is not an S3 bucket name (3-63 of a-z 0-9 . -)");
            }
            if (!PREFIX.matcher(trailPrefix).matches() || trailPrefix.startsWith("/")) {
                throw new IllegalArgumentException("config field '" + TRAIL_PREFIX + "': '" + trailPrefix
                        + "' is not an S3 key prefix (A-Z a-z 0-9 ! _ . * ' ( ) / -, no leading slash)");
            }
            if (!trailBucketRegion.isEmpty() && !REGION.matcher(trailBucketRegion).matches()) {
                throw new IllegalArgumentException("config field '" + TRAIL_BUCKET_REGION + "': '" + trailBucketRegion
                        + "' is not an AWS region name such as us-east-1");
            }
            if (!organizationId.isEmpty() && !ORG_ID.matcher(organizationId).matches()) {
                throw new IllegalArgumentException("config field '" + ORGANIZATION_ID + "': '" + organizationId
                        + "' is not an organization id (o- and 10-32 lowercase letters or digits)");
            }
            if (mode == CollectorMode.LAKE && eventDataStore.isEmpty()) {
                throw new IllegalArgumentException("config field '" + EVENT_DATA_STORE + "' is required in mode lake");
            }
            if (!eventDataStore.isEmpty() && !EVENT_DATA_STORE_ID.matcher(eventDataStore).matches()
                    && !EVENT_DATA_STORE_ARN.matcher(eventDataStore).matches()) {
                throw new IllegalArgumentException("config field '" + EVENT_DATA_STORE + "': '" + eventDataStore
                        + "' is not an event data store id or ARN"
                        + " (arn:aws:cloudtrail:<region>:<account>:eventdatastore/<id>)");
            }
        }

        /** LookupEvents. */
        public static Source lookup() {
            return new Source(CollectorMode.LOOKUP, "", "", "", "", "");
        }

        /** Trail objects in {@code bucket} under {@code prefix} (organization trail when {@code organizationId}). */
        public static Source s3(String bucket, String prefix, String organizationId) {
            return new Source(CollectorMode.S3, bucket, prefix, "", organizationId, "");
        }

        /** A CloudTrail Lake event data store. */
        public static Source lake(String eventDataStore) {
            return new Source(CollectorMode.LAKE, "", "", "", "", eventDataStore);
        }

        /** The account named by an event data store ARN. */
        public Optional<String> eventDataStoreAccount() {
            Matcher m = EVENT_DATA_STORE_ARN.matcher(eventDataStore);
            return m.matches() ? Optional.of(m.group(2)) : Optional.empty();
        }

        /** The region named by an event data store ARN. */
        public Optional<String> eventDataStoreRegion() {
            Matcher m = EVENT_DATA_STORE_ARN.matcher(eventDataStore);
            return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    /**
     * How other accounts are reached: STS AssumeRole into {@code arn:aws:iam::<account>:role/<readRoleName>} with
     * {@code externalId}. Both empty: only the function's own account can be scanned.
     */
    public record CrossAccount(String readRoleName, String externalId) {
        public CrossAccount {
            readRoleName = Objects.requireNonNullElse(readRoleName, "");
            externalId = Objects.requireNonNullElse(externalId, "");
            if (readRoleName.isEmpty() != externalId.isEmpty()) {
                throw new IllegalArgumentException("config fields '" + READ_ROLE_NAME + "' and '" + EXTERNAL_ID
                        + "' go together: the read-only role's trust policy must require an sts:ExternalId; "
                        + (readRoleName.isEmpty() ? READ_ROLE_NAME : EXTERNAL_ID) + " is missing");
            }
            if (!readRoleName.isEmpty() && !ROLE_NAME.matcher(readRoleName).matches()) {
                throw new IllegalArgumentException("config field '" + READ_ROLE_NAME + "': '" + readRoleName
                        + "' is not an IAM role name ([\\w+=,.@-], 1-64 characters, optionally after a /path/)");
            }
            if (!externalId.isEmpty() && !EXTERNAL_ID_VALUE.matcher(externalId).matches()) {
                throw new IllegalArgumentException("config field '" + EXTERNAL_ID + "' must be 2-1224 characters of"
                        + " [\\w+=,.@:/-] (value not shown)");
            }
        }

        /** Only the function's own account. */
        public static CrossAccount none() {
            return new CrossAccount("", "");
        }

        /** Whether a read-only role is configured. */
        public boolean enabled() {
            return !readRoleName.isEmpty();
        }

        @Override
        public String toString() {
            return "CrossAccount[readRoleName=" + readRoleName + ", externalId=" + (enabled() ? "<set>" : "") + "]";
        }
    }

    /**
     * Where results go (S3 and Security Hub; the CLI may write locally instead and leaves the buckets empty).
     *
     * @param findingsPrefix key prefix of findings, summaries, quarantine and checkpoints, empty for none
     * @param kmsKeyId SSE-KMS key of every object written, empty for SSE-S3
     * @param stateBucket checkpoints' bucket; empty: none configured (the loader defaults it to the findings bucket)
     */
    public record Outputs(String findingsBucket, String findingsPrefix, String kmsKeyId, String stateBucket,
            boolean securityHubEnabled) {
        public Outputs {
            findingsBucket = Objects.requireNonNullElse(findingsBucket, "");
            findingsPrefix = Objects.requireNonNullElse(findingsPrefix, "");
            kmsKeyId = Objects.requireNonNullElse(kmsKeyId, "");
            stateBucket = Objects.requireNonNullElse(stateBucket, "");
            bucket(findingsBucket, FINDINGS_BUCKET);
            bucket(stateBucket, STATE_BUCKET);
            if (!PREFIX.matcher(findingsPrefix).matches() || findingsPrefix.startsWith("/")) {
                throw new IllegalArgumentException("config field '" + FINDINGS_PREFIX + "': '" + findingsPrefix
                        + "' is not an S3 key prefix (A-Z a-z 0-9 ! _ . * ' ( ) / -, no leading slash)");
            }
            if (!kmsKeyId.isEmpty() && !kmsKeyId.matches("[A-Za-z0-9:/_.-]{1,2048}")) {
                throw new IllegalArgumentException("config field '" + KMS_KEY_ID + "': '" + kmsKeyId
                        + "' is not a KMS key id, ARN or alias");
            }
        }

        private static void bucket(String value, String field) {
            if (!value.isEmpty() && !BUCKET.matcher(value).matches()) {
                throw new IllegalArgumentException("config field '" + field + "': '" + value
                        + "' is not an S3 bucket name (3-63 of a-z 0-9 . -)");
            }
        }

        /** Nothing in the cloud (the CLI's local output). */
        public static Outputs none() {
            return new Outputs("", "", "", "", false);
        }

        /** Findings, summaries and checkpoints in {@code bucket} under {@code prefix}, Security Hub on. */
        public static Outputs s3(String bucket, String prefix) {
            return new Outputs(bucket, prefix, "", bucket, true);
        }
    }

    /** Builds an {@link AwsScanConfig}. */
    public static final class Builder {
        private IdentityMatcher identity;
        private List<String> accounts = List.of();
        private List<String> regions = List.of();
        private Source source = Source.lookup();
        private CrossAccount crossAccount = CrossAccount.none();
        private Outputs outputs = Outputs.none();
        private AgentProfile profile = AgentProfiles.builtIn("castai");
        private JsonNode settings;
        private Suppressions suppressions = Suppressions.none();
        private ScanWindow.Policy window = ScanWindow.Policy.DEFAULT;
        private Duration deadlineReserve = DEFAULT_RESERVE;
        private Instant now;

        private Builder() {}

        /** The watched identity (required): role ARN, user ARN or access key id. */
        public Builder identity(IdentityMatcher identity) {
            this.identity = identity;
            return this;
        }

        /** Target accounts (replaces; default: the function's own). */
        public Builder accounts(List<String> accounts) {
            this.accounts = accounts;
            return this;
        }

        /** Target regions (replaces; default: the function's). */
        public Builder regions(List<String> regions) {
            this.regions = regions;
            return this;
        }

        /** Where events come from (default lookup). */
        public Builder source(Source source) {
            this.source = source;
            return this;
        }

        /** How other accounts are reached (default: not at all). */
        public Builder crossAccount(CrossAccount crossAccount) {
            this.crossAccount = crossAccount;
            return this;
        }

        /** Where results go (default: nowhere in the cloud). */
        public Builder outputs(Outputs outputs) {
            this.outputs = outputs;
            return this;
        }

        /** The agent profile (default castai). */
        public Builder profile(AgentProfile profile) {
            this.profile = profile;
            return this;
        }

        /** Policy settings overrides (default none). */
        public Builder settings(JsonNode settings) {
            this.settings = settings;
            return this;
        }

        /** Accepted findings (default none): {@code SuppressionFile.read(...)}. */
        public Builder suppressions(Suppressions suppressions) {
            this.suppressions = suppressions;
            return this;
        }

        /** How windows are cut (default {@link ScanWindow.Policy#DEFAULT}). */
        public Builder window(ScanWindow.Policy window) {
            this.window = window;
            return this;
        }

        /** Time kept for evaluating, publishing and checkpointing (default 60 s). */
        public Builder deadlineReserve(Duration deadlineReserve) {
            this.deadlineReserve = deadlineReserve;
            return this;
        }

        /** Cut windows from this instant instead of the clock's (replays, tests). */
        public Builder now(Instant now) {
            this.now = now;
            return this;
        }

        /**
         * The config.
         *
         * @throws IllegalArgumentException naming the config field that is missing or invalid
         */
        public AwsScanConfig build() {
            if (identity == null) {
                throw new IllegalArgumentException("config field '" + IDENTITY + "' is required: the watched role ARN,"
                        + " user ARN or access key id");
            }
            return new AwsScanConfig(identity, accounts, regions, source, crossAccount, outputs, profile, settings,
                    suppressions, window, deadlineReserve, now);
        }
    }
}
