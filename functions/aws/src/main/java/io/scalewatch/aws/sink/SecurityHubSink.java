package io.scalewatch.aws.sink;

import io.scalewatch.core.finding.RuleKind;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.identity.IdentitySlug;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.sink.ReportSink;
import io.scalewatch.core.suppress.Suppression;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.GetFindingsRequest;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;
import software.amazon.awssdk.services.securityhub.model.MapFilter;
import software.amazon.awssdk.services.securityhub.model.MapFilterComparison;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/**
 * Imports a report's raised findings into AWS Security Hub (CSPM) as ASFF 2018-10-08 via BatchImportFindings,
 * and archives the posture findings of the same rule set and identity that no longer hold. Dry-run and suppressed
 * findings are never imported; a stored active finding that a suppression now covers is archived with the
 * suppression's owner, reason and expiry in ProductFields (docs/suppressions.md).
 *
 * <ul>
 *   <li>Batches hold at most 100 findings and 6 MB; a finding over 240 KB loses its evidence lists, and is
 *       reported if still too large.
 *   <li>Throttling ({@code TooManyRequestsException}, {@code ThrottlingException}, 429) and 5xx are retried by
 *       the SDK's adaptive strategy with jittered backoff; then the call fails with {@link SinkException}.
 *   <li>FailedFindings with a transient error code are re-sent, with jittered backoff, up to
 *       {@code maxFindingAttempts} times; the rest are reported together in one {@link SinkException} that
 *       names each finding id and error code, never content.
 *   <li>Archiving is scoped to (rule set x identity): the stored set is read with GetFindings filtered on the
 *       product ARN, the rule set's GeneratorId prefix, the identity tag in ProductFields and ACTIVE, and
 *       re-checked here; only posture findings of an account whose posture this run read are archived, so a
 *       run that lacked posture never archives another run's findings. Activity findings age out in Security
 *       Hub on their own.
 * </ul>
 *
 * <pre>{@code
 * SecurityHubSink hub = SecurityHubSink.builder().securityHub(client).account("111122223333")
 *         .region("us-east-1").build();
 * hub.publish(report);
 * }</pre>
 */
public final class SecurityHubSink implements ReportSink {
    /** Findings per BatchImportFindings call (Security Hub's limit). */
    static final int MAX_BATCH_FINDINGS = 100;
    /** Bytes per call: 6 MB, with room for the request envelope. */
    static final long MAX_BATCH_BYTES = 6_000_000L - 1024;
    /** Bytes per finding: 240 KB, counted as 240,000 to stay under either reading of KB. */
    static final long MAX_FINDING_BYTES = 240_000L;
    /** The rule set scalewatch's own rules form. */
    public static final String DEFAULT_RULE_SET = "scalewatch";

    private static final System.Logger LOG = System.getLogger(SecurityHubSink.class.getName());
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern RULE_SET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Duration RETRY_BASE = Duration.ofMillis(200);
    private static final Duration RETRY_CAP = Duration.ofSeconds(5);
    private static final int LISTED_IDS = 20;

    /** Waits between re-sends of failed findings; tests pass one that records instead of sleeping. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final SecurityHubClient securityHub;
    private final String account;
    private final String region;
    private final String productArn;
    private final String ruleSet;
    private final Clock clock;
    private final int maxFindingAttempts;
    private final AwsRequestOverrideConfiguration retry;
    private final AsffMapper mapper;
    private final long maxFindingBytes;
    private final Sleeper sleeper;

    private SecurityHubSink(Builder builder, String productArn, RetryStrategy retryStrategy) {
        this.securityHub = builder.securityHub;
        this.account = builder.account;
        this.region = builder.region;
        this.productArn = productArn;
        this.ruleSet = builder.ruleSet;
        this.clock = builder.clock;
        this.maxFindingAttempts = builder.maxFindingAttempts;
        this.retry = SinkRetry.override(retryStrategy);
        this.mapper = new AsffMapper(productArn, account, region, ruleSet);
        this.maxFindingBytes = builder.maxFindingBytes;
        this.sleeper = builder.sleeper;
    }

    /** A builder; {@code securityHub}, {@code account} and {@code region} are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "securityhub:" + region + ":" + account;
    }

    /** The product ARN findings are imported under. */
    public String productArn() {
        return productArn;
    }

    @Override
    public void publish(ScanReport report) {
        Objects.requireNonNull(report, "report");
        IdentityMatcher watched = report.request().identity();
        String slug = IdentitySlug.of(watched.value());
        Instant now = clock.instant();
        Map<String, AwsSecurityFinding> stored = storedActive(slug);

        List<AwsSecurityFinding> outgoing = new ArrayList<>();
        Set<String> current = new HashSet<>();
        for (Finding finding : report.raised()) {
            current.add(finding.id());
            outgoing.add(mapper.map(finding, watched, report.startedAt(), Optional.ofNullable(stored.get(finding.id())),
                    now));
        }
        Set<String> postureRead = report.request().postures().stream()
                .map(p -> location(p.cloud().id(), p.account())).collect(Collectors.toSet());
        Map<String, Suppression> suppressedNow = new LinkedHashMap<>();
        report.suppressed().forEach(f -> report.suppression(f).ifPresent(s -> suppressedNow.put(f.id(), s)));
        int archived = 0;
        int suppressed = 0;
        for (AwsSecurityFinding previous : stored.values()) {
            Suppression suppression = suppressedNow.get(previous.id());
            if (suppression != null) {
                // Workflow cannot be set on an existing finding through BatchImportFindings; archiving is the
                // provider's way to take it off the active list, and un-archiving on expiry resets it to NEW
                outgoing.add(mapper.suppressed(previous, suppression, now));
                suppressed++;
                continue;
            }
            Map<String, String> fields = previous.productFields();
            boolean posture = RuleKind.POSTURE.id().equals(fields.get(AsffMapper.KIND_FIELD));
            String where = location(fields.getOrDefault(AsffMapper.CLOUD_FIELD, ""),
                    fields.getOrDefault(AsffMapper.ACCOUNT_FIELD, ""));
            if (posture && !current.contains(previous.id()) && postureRead.contains(where)) {
                outgoing.add(mapper.archived(previous, now));
                archived++;
            }
        }

        List<SinkException.Failure> failures = new ArrayList<>();
        List<AwsSecurityFinding> sized = new ArrayList<>();
        for (AwsSecurityFinding finding : outgoing) {
            AwsSecurityFinding fitted = AsffSize.bytes(finding) <= maxFindingBytes ? finding
                    : AsffMapper.withoutEvidenceLists(finding);
            if (AsffSize.bytes(fitted) <= maxFindingBytes) {
                sized.add(fitted);
            } else {
                failures.add(new SinkException.Failure(finding.id(), "FindingTooLarge"));
            }
        }
        int imported = importAll(sized, failures);
        LOG.log(System.Logger.Level.INFO, "sink=securityhub run_id={0} identity={1} region={2} imported={3} "
                + "archived={4} suppressed={5} failed={6}", report.request().runId(), slug, region, imported, archived,
                suppressed, failures.size());
        if (!failures.isEmpty()) {
            throw new SinkException(name() + ": " + failures.size() + " of " + outgoing.size()
                    + " findings were not imported: " + list(failures), failures);
        }
    }

    // The rule set's active findings of this identity as Security Hub holds them. The filter is re-checked
    // here: archiving must never reach outside (rule set x identity), whatever a server returns.
    private Map<String, AwsSecurityFinding> storedActive(String slug) {
        GetFindingsRequest request = GetFindingsRequest.builder()
                .filters(AwsSecurityFindingFilters.builder()
                        .productArn(equalsFilter(productArn))
                        .awsAccountId(equalsFilter(account))
                        .generatorId(StringFilter.builder().value(mapper.generatorPrefix())
                                .comparison(StringFilterComparison.PREFIX).build())
                        .productFields(MapFilter.builder().key(AsffMapper.IDENTITY_FIELD).value(slug)
                                .comparison(MapFilterComparison.EQUALS).build())
                        .recordState(equalsFilter(RecordState.ACTIVE.toString()))
                        .build())
                .maxResults(100)
                .overrideConfiguration(retry)
                .build();
        Map<String, AwsSecurityFinding> stored = new LinkedHashMap<>();
        try {
            for (AwsSecurityFinding finding : securityHub.getFindingsPaginator(request).findings()) {
                boolean inScope = productArn.equals(finding.productArn())
                        && finding.generatorId() != null && finding.generatorId().startsWith(mapper.generatorPrefix())
                        && slug.equals(finding.productFields().get(AsffMapper.IDENTITY_FIELD))
                        && ruleSet.equals(finding.productFields().get(AsffMapper.RULE_SET_FIELD))
                        && finding.recordState() == RecordState.ACTIVE;
                if (inScope) {
                    stored.put(finding.id(), finding);
                }
            }
        } catch (SdkException e) {
            throw new SinkException(name() + ": GetFindings of the stored findings failed"
                    + S3ObjectWriter.describe(e), e);
        }
        return stored;
    }

    private int importAll(List<AwsSecurityFinding> findings, List<SinkException.Failure> failures) {
        int imported = 0;
        List<AwsSecurityFinding> pending = findings;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, AwsSecurityFinding> retryable = new LinkedHashMap<>();
            for (List<AwsSecurityFinding> batch : batches(pending)) {
                BatchImportFindingsResponse response = send(batch);
                imported += response.successCount() == null ? 0 : response.successCount();
                Map<String, AwsSecurityFinding> byId = batch.stream()
                        .collect(Collectors.toMap(AwsSecurityFinding::id, f -> f, (a, b) -> a, LinkedHashMap::new));
                for (ImportFindingsError error : response.failedFindings()) {
                    String code = Objects.requireNonNullElse(error.errorCode(), "unknown");
                    String id = Objects.requireNonNullElse(error.id(), "unknown");
                    if (transientError(code) && attempt < maxFindingAttempts && byId.containsKey(id)) {
                        retryable.put(id, byId.get(id));
                    } else {
                        failures.add(new SinkException.Failure(id,
                                transientError(code) ? code + " after " + attempt + " attempts" : code));
                    }
                }
                int unnamed = response.failedCount() == null ? 0
                        : response.failedCount() - response.failedFindings().size();
                for (int i = 0; i < unnamed; i++) {
                    failures.add(new SinkException.Failure("unknown", "FailedCountWithoutId"));
                }
            }
            pending = new ArrayList<>(retryable.values());
            if (!pending.isEmpty()) {
                pause(attempt);
            }
        }
        return imported;
    }

    private BatchImportFindingsResponse send(List<AwsSecurityFinding> batch) {
        try {
            return securityHub.batchImportFindings(b -> b.findings(batch).overrideConfiguration(retry));
        } catch (SdkException e) {
            List<SinkException.Failure> lost = batch.stream()
                    .map(f -> new SinkException.Failure(f.id(), "NotSent")).toList();
            throw new SinkException(name() + ": BatchImportFindings failed" + S3ObjectWriter.describe(e) + "; "
                    + batch.size() + " findings not imported: " + list(lost), e);
        }
    }

    /** Batches of at most 100 findings and {@link #MAX_BATCH_BYTES}, in order. */
    static List<List<AwsSecurityFinding>> batches(List<AwsSecurityFinding> findings) {
        List<List<AwsSecurityFinding>> batches = new ArrayList<>();
        List<AwsSecurityFinding> batch = new ArrayList<>();
        long bytes = 0;
        for (AwsSecurityFinding finding : findings) {
            long size = AsffSize.bytes(finding) + 1;
            if (!batch.isEmpty() && (batch.size() == MAX_BATCH_FINDINGS || bytes + size > MAX_BATCH_BYTES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(finding);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    // Error codes of FailedFindings that a later attempt can clear; the rest (InvalidInput, AccessDenied,
    // InvalidAccess, ...) would fail the same way again.
    static boolean transientError(String code) {
        String c = code.toLowerCase(Locale.ROOT);
        return c.contains("throttl") || c.contains("limitexceeded") || c.contains("toomanyrequests")
                || c.contains("internal") || c.contains("serviceunavailable") || c.contains("timeout");
    }

    private void pause(int attempt) {
        long ceiling = Math.min(RETRY_CAP.toMillis(), RETRY_BASE.toMillis() << Math.min(attempt, 10));
        try {
            sleeper.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException(name() + ": interrupted while waiting to re-send failed findings", e);
        }
    }

    private static String list(List<SinkException.Failure> failures) {
        String shown = failures.stream().limit(LISTED_IDS).map(f -> f.findingId() + " (" + f.errorCode() + ")")
                .collect(Collectors.joining(", "));
        return failures.size() > LISTED_IDS ? shown + " and " + (failures.size() - LISTED_IDS) + " more" : shown;
    }

    private static StringFilter equalsFilter(String value) {
        return StringFilter.builder().value(value).comparison(StringFilterComparison.EQUALS).build();
    }

    private static String location(String cloud, String account) {
        return cloud + "\n" + account;
    }

    /** Settings of a {@link SecurityHubSink}. */
    public static final class Builder {
        private SecurityHubClient securityHub;
        private String account;
        private String region;
        private String productArn;
        private String ruleSet = DEFAULT_RULE_SET;
        private Clock clock = Clock.systemUTC();
        private int maxFindingAttempts = 3;
        private RetryStrategy retryStrategy;
        private long maxFindingBytes = MAX_FINDING_BYTES;
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {}

        /** The Security Hub client of {@code region} (built once per container and shared). */
        public Builder securityHub(SecurityHubClient securityHub) {
            this.securityHub = securityHub;
            return this;
        }

        /** The account findings are imported into; it must be the caller's (ASFF AwsAccountId). */
        public Builder account(String account) {
            this.account = account;
            return this;
        }

        /** The region of the Security Hub the client calls. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** The product ARN; {@code arn:aws:securityhub:<region>:<account>:product/<account>/default} by default. */
        public Builder productArn(String productArn) {
            this.productArn = productArn;
            return this;
        }

        /**
         * The rule set, prefix of every GeneratorId ({@code <rule set>/<rule id>}) and the scope of archiving;
         * {@value #DEFAULT_RULE_SET} by default.
         */
        public Builder ruleSet(String ruleSet) {
            this.ruleSet = ruleSet;
            return this;
        }

        /** The clock of UpdatedAt; UTC system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Sends of a finding Security Hub failed with a transient error code, the first included; 3 by default. */
        public Builder maxFindingAttempts(int maxFindingAttempts) {
            this.maxFindingAttempts = maxFindingAttempts;
            return this;
        }

        /** The retry strategy of every call; {@link SinkRetry#adaptive(int)} with 5 attempts by default. */
        public Builder retryStrategy(RetryStrategy retryStrategy) {
            this.retryStrategy = retryStrategy;
            return this;
        }

        // test-only: a small per-finding limit and a sleeper that does not wait
        Builder maxFindingBytes(long maxFindingBytes) {
            this.maxFindingBytes = maxFindingBytes;
            return this;
        }

        Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /**
         * The sink.
         *
         * @throws IllegalArgumentException naming the missing or invalid setting
         */
        public SecurityHubSink build() {
            if (securityHub == null) {
                throw new IllegalArgumentException("SecurityHubSink needs a Security Hub client: securityHub(client)");
            }
            if (account == null || !ACCOUNT.matcher(account).matches()) {
                throw new IllegalArgumentException("SecurityHubSink account must be a 12-digit AWS account id, got '"
                        + account + "'");
            }
            if (region == null || !REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("SecurityHubSink region must be an AWS region such as us-east-1,"
                        + " got '" + region + "'");
            }
            if (ruleSet == null || !RULE_SET.matcher(ruleSet).matches()) {
                throw new IllegalArgumentException("SecurityHubSink ruleSet must be 1-64 of A-Z a-z 0-9 . _ -"
                        + " starting with a letter or digit, got '" + ruleSet + "'");
            }
            if (maxFindingAttempts < 1 || maxFindingAttempts > 10) {
                throw new IllegalArgumentException("SecurityHubSink maxFindingAttempts must be within 1..10, got "
                        + maxFindingAttempts);
            }
            Objects.requireNonNull(clock, "clock");
            String partition = region.startsWith("cn-") ? "aws-cn"
                    : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
            String arn = productArn != null ? productArn : "arn:" + partition + ":securityhub:" + region + ":"
                    + account + ":product/" + account + "/default";
            if (!arn.startsWith("arn:aws") || !arn.contains(":securityhub:")) {
                throw new IllegalArgumentException("SecurityHubSink productArn must be a Security Hub product ARN"
                        + " (arn:aws:securityhub:<region>:<account>:product/<company>/<product>), got '" + arn + "'");
            }
            return new SecurityHubSink(this, arn, retryStrategy != null ? retryStrategy
                    : SinkRetry.adaptive(SinkRetry.DEFAULT_MAX_ATTEMPTS));
        }
    }
}
