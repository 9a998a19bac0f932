package io.scalewatch.aws.sink;

import io.scalewatch.core.aivss.AivssScore;
import io.scalewatch.core.finding.Evidence;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.identity.IdentitySlug;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.suppress.Suppression;
import io.scalewatch.core.report.Finding;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.FindingProviderFields;
import software.amazon.awssdk.services.securityhub.model.FindingProviderSeverity;
import software.amazon.awssdk.services.securityhub.model.Note;
import software.amazon.awssdk.services.securityhub.model.Recommendation;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.Remediation;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;
import software.amazon.awssdk.services.securityhub.model.Workflow;

/**
 * Maps a scalewatch finding onto the AWS Security Finding Format 2018-10-08 (see docs/aws.md for the table).
 * Text from logs is cleaned by {@link AsffText} and cut to Security Hub's limits; times keep a stored finding's
 * creation and first observation and move its UpdatedAt strictly forward, so Security Hub applies the update.
 */
final class AsffMapper {
    static final String SCHEMA_VERSION = "2018-10-08";
    static final String FIELD_PREFIX = "scalewatch/";
    /** The ProductFields tag that scopes findings to one watched identity (its slug). */
    static final String IDENTITY_FIELD = FIELD_PREFIX + "identity";
    static final String KIND_FIELD = FIELD_PREFIX + "kind";
    static final String CLOUD_FIELD = FIELD_PREFIX + "cloud";
    static final String ACCOUNT_FIELD = FIELD_PREFIX + "account";
    static final String RULE_SET_FIELD = FIELD_PREFIX + "rule_set";
    static final String EVENT_IDS_FIELD = FIELD_PREFIX + "event_ids";
    static final String SOURCES_FIELD = FIELD_PREFIX + "sources";
    static final String SUPPRESSED_FIELD = FIELD_PREFIX + "suppressed";

    static final int TITLE_BYTES = 256;
    static final int DESCRIPTION_BYTES = 1024;
    static final int RECOMMENDATION_BYTES = 512;
    static final int RESOURCE_ID_BYTES = 512;
    static final int GENERATOR_ID_BYTES = 512;
    static final int FIELD_KEY_BYTES = 128;
    static final int FIELD_VALUE_BYTES = 2048;
    /** Our ProductFields keys at most; Security Hub allows 50 and adds its own aws/securityhub/* keys. */
    static final int MAX_PRODUCT_FIELDS = 40;

    private static final Pattern IAM_ARN = Pattern.compile("arn:(aws[a-z-]*):iam::\\d{12}:(role|user)/.+");
    private static final Pattern ARN_PARTITION = Pattern.compile("arn:(aws[a-z-]*):.*");
    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private final String productArn;
    private final String account;
    private final String region;
    private final String ruleSet;

    AsffMapper(String productArn, String account, String region, String ruleSet) {
        this.productArn = productArn;
        this.account = account;
        this.region = region;
        this.ruleSet = ruleSet;
    }

    /** The GeneratorId of a rule: {@code <rule set>/<rule id>}. */
    String generatorId(String ruleId) {
        return AsffText.clean(ruleSet + "/" + ruleId, GENERATOR_ID_BYTES);
    }

    /** The generator-id prefix of every finding of this rule set. */
    String generatorPrefix() {
        return ruleSet + "/";
    }

    /**
     * The ASFF form of {@code finding}.
     *
     * @param watched the watched identity, whose principal in the finding's cloud is its first resource
     * @param observedAt when the run read the posture (the observation time of posture findings)
     * @param previous the finding as Security Hub holds it, if it is active there
     * @param now the update time
     */
    AwsSecurityFinding map(Finding finding, IdentityMatcher watched, Instant observedAt,
            Optional<AwsSecurityFinding> previous, Instant now) {
        RuleFinding rule = finding.rule();
        Evidence evidence = rule.evidence();
        boolean dated = evidence.firstSeen().isPresent();
        Instant firstSeen = dated ? Instant.ofEpochMilli(evidence.firstSeenMs()) : observedAt;
        Instant lastSeen = dated ? Instant.ofEpochMilli(evidence.lastSeenMs()) : observedAt;
        Instant createdAt = earliest(firstSeen, previous.flatMap(p -> instant(p.createdAt())));
        Instant firstObserved = earliest(firstSeen, previous.flatMap(p -> instant(p.firstObservedAt())));
        Instant lastObserved = latest(lastSeen, previous.flatMap(p -> instant(p.lastObservedAt())));
        List<String> types = types(rule);
        Severity severity = severity(finding.aivss());

        String title = AsffText.clean(rule.title(), TITLE_BYTES);
        title = title.isEmpty() ? AsffText.clean(rule.ruleId(), TITLE_BYTES) : title;
        String description = AsffText.clean(rule.detail(), DESCRIPTION_BYTES);
        description = description.isEmpty() ? title : description;
        AwsSecurityFinding.Builder asff = AwsSecurityFinding.builder()
                .schemaVersion(SCHEMA_VERSION)
                .id(finding.id())
                .productArn(productArn)
                .generatorId(generatorId(rule.ruleId()))
                .awsAccountId(account)
                .region(region)
                .types(types)
                .createdAt(format(createdAt))
                .updatedAt(format(laterThan(now, previous.flatMap(p -> instant(p.updatedAt())))))
                .firstObservedAt(format(firstObserved))
                .lastObservedAt(format(lastObserved))
                .severity(severity)
                .title(title)
                .description(description)
                .resources(resources(finding, watched))
                .productFields(productFields(finding, watched))
                .recordState(RecordState.ACTIVE)
                .findingProviderFields(FindingProviderFields.builder()
                        .severity(FindingProviderSeverity.builder()
                                .label(severity.label()).original(severity.original()).build())
                        .types(types).build());
        String recommendation = AsffText.clean(rule.remediation(), RECOMMENDATION_BYTES);
        if (!recommendation.isEmpty()) {
            asff.remediation(Remediation.builder()
                    .recommendation(Recommendation.builder().text(recommendation).build()).build());
        }
        return asff.build();
    }

    /**
     * A stored finding that no longer holds, to be sent back with RecordState ARCHIVED. Fields Security Hub
     * manages for its users (workflow, notes, user-defined fields) are left out: imports may not change them.
     */
    AwsSecurityFinding archived(AwsSecurityFinding stored, Instant now) {
        return stored.toBuilder()
                .recordState(RecordState.ARCHIVED)
                .updatedAt(format(laterThan(now, instant(stored.updatedAt()))))
                .workflow((Workflow) null)
                .workflowState((String) null)
                .note((Note) null)
                .userDefinedFields(null)
                .verificationState((String) null)
                .processedAt(null)
                .build();
    }

    /**
     * A stored finding that an active suppression now covers: archived like a finding that no longer holds, with
     * the suppression's owner, reason and expiry in ProductFields so the Security Hub record says why it left.
     */
    AwsSecurityFinding suppressed(AwsSecurityFinding stored, Suppression suppression, Instant now) {
        Map<String, String> fields = new LinkedHashMap<>(stored.productFields());
        fields.put(SUPPRESSED_FIELD, "true");
        fields.put(FIELD_PREFIX + "suppression_owner", AsffText.clean(suppression.owner(), FIELD_VALUE_BYTES));
        fields.put(FIELD_PREFIX + "suppression_reason", AsffText.clean(suppression.reason(), FIELD_VALUE_BYTES));
        fields.put(FIELD_PREFIX + "suppression_expires", format(suppression.expires()));
        return archived(stored, now).toBuilder().productFields(fields).build();
    }

    /** The finding without its longest evidence lists, for a finding over Security Hub's size limit. */
    static AwsSecurityFinding withoutEvidenceLists(AwsSecurityFinding finding) {
        Map<String, String> fields = new TreeMap<>(finding.productFields());
        String eventIds = fields.remove(EVENT_IDS_FIELD);
        String sources = fields.remove(SOURCES_FIELD);
        if (eventIds != null || sources != null) {
            fields.put(FIELD_PREFIX + "evidence_trimmed", "true");
        }
        return finding.toBuilder().productFields(fields).build();
    }

    /** ASFF types by rule kind: posture and missing data are configuration checks, activity is behaviour. */
    static List<String> types(RuleFinding rule) {
        String classifier = "MAESTRO " + rule.layer().name() + " " + rule.layer().title();
        return switch (rule.kind()) {
            case POSTURE, MISSING ->
                    List.of("Software and Configuration Checks/AWS Security Best Practices/" + classifier);
            case EVENT, WINDOW -> List.of("Unusual Behaviors/User/" + classifier);
        };
    }

    /** Severity label from the AIVSS band (None is INFORMATIONAL); Original is the AIVSS score. */
    static Severity severity(AivssScore score) {
        SeverityLabel label = switch (score.band()) {
            case NONE -> SeverityLabel.INFORMATIONAL;
            case LOW -> SeverityLabel.LOW;
            case MEDIUM -> SeverityLabel.MEDIUM;
            case HIGH -> SeverityLabel.HIGH;
            case CRITICAL -> SeverityLabel.CRITICAL;
        };
        return Severity.builder().label(label).original(score.score().toPlainString()).build();
    }

    private List<Resource> resources(Finding finding, IdentityMatcher watched) {
        RuleFinding rule = finding.rule();
        String resourceRegion = AWS_REGION.matcher(rule.cloud().region()).matches() ? rule.cloud().region() : region;
        List<Resource> resources = new ArrayList<>();
        String principal = principalFor(finding, watched);
        resources.add(resource(principal, resourceRegion));
        String subject = AsffText.clean(rule.resource(), RESOURCE_ID_BYTES);
        if (!subject.isEmpty() && !subject.equals(resources.get(0).id())) {
            resources.add(resource(subject, resourceRegion));
        }
        return resources;
    }

    // The watched principal in the finding's cloud; one agent may have a principal per cloud.
    private static String principalFor(Finding finding, IdentityMatcher watched) {
        String cloud = finding.rule().cloud().provider().id();
        for (IdentityMatcher principal : watched.principals()) {
            // kinds are named by cloud: AWS_ROLE, AWS_USER, AWS_ACCESS_KEY, GCP_SERVICE_ACCOUNT, AZURE_PRINCIPAL
            if (principal.kind().name().toLowerCase(Locale.ROOT).startsWith(cloud + "_")) {
                return principal.value();
            }
        }
        return finding.identity();
    }

    private static Resource resource(String id, String region) {
        String cleanId = AsffText.clean(id, RESOURCE_ID_BYTES);
        Matcher iam = IAM_ARN.matcher(cleanId);
        Matcher arn = ARN_PARTITION.matcher(cleanId);
        String type = iam.matches() ? (iam.group(2).equals("role") ? "AwsIamRole" : "AwsIamUser") : "Other";
        return Resource.builder().type(type).id(cleanId.isEmpty() ? "unknown" : cleanId)
                .partition(arn.matches() ? arn.group(1) : "aws").region(region).build();
    }

    private Map<String, String> productFields(Finding finding, IdentityMatcher watched) {
        RuleFinding rule = finding.rule();
        AivssScore aivss = finding.aivss();
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "rule_set", ruleSet);
        put(fields, "rule_id", rule.ruleId());
        put(fields, "layer", rule.layer().name());
        put(fields, "layer_name", rule.layer().title());
        put(fields, "kind", rule.kind().id());
        fields.put(IDENTITY_FIELD, IdentitySlug.of(watched.value()));
        put(fields, "identity_name", watched.value());
        put(fields, "cloud", rule.cloud().provider().id());
        put(fields, "account", rule.cloud().account());
        put(fields, "region", rule.cloud().region());
        put(fields, "resource", rule.resource());
        put(fields, "rule_severity", rule.severity().name());
        put(fields, "cvss_base", rule.cvssBase().toPlainString());
        put(fields, "aivss_score", aivss.score().toPlainString());
        put(fields, "aivss_band", aivss.band().label());
        put(fields, "aivss_version", aivss.version().label());
        put(fields, "aivss_vector", aivss.vector());
        put(fields, "aivss_profile", aivss.profileId());
        put(fields, "aivss_non_conformant_estimate", Boolean.toString(aivss.nonConformantEstimate()));
        put(fields, "run_id", finding.runId());
        put(fields, "attack", String.join(",", rule.attack()));
        put(fields, "stratus", String.join(",", rule.stratus()));
        Evidence evidence = rule.evidence();
        put(fields, "event_count", Integer.toString(evidence.eventIds().size()));
        put(fields, "event_ids", joinCapped(evidence.eventIds()));
        put(fields, "sources", joinCapped(evidence.sources()));
        for (Map.Entry<String, Long> count : new TreeMap<>(evidence.counts()).entrySet()) {
            if (fields.size() >= MAX_PRODUCT_FIELDS) {
                break;
            }
            put(fields, "count/" + count.getKey().replaceAll("[^A-Za-z0-9_.-]", "_"), count.getValue().toString());
        }
        return fields;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        String cleanValue = AsffText.clean(value, FIELD_VALUE_BYTES);
        if (cleanValue.isEmpty() || fields.size() >= MAX_PRODUCT_FIELDS) {
            return;
        }
        String key = AsffText.cut(FIELD_PREFIX + name, FIELD_KEY_BYTES);
        fields.putIfAbsent(key, cleanValue);
    }

    // As many whole values as fit in a field, then how many were left out.
    static String joinCapped(List<String> values) {
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < values.size(); i++) {
            String value = AsffText.strip(values.get(i));
            String more = " (+" + (values.size() - i) + " more)";
            int bytes = AsffText.utf8Length(value) + (out.length() > 0 ? 1 : 0);
            int reserve = i + 1 < values.size() ? AsffText.utf8Length(more) + 4 : 0;
            if (used + bytes + reserve > FIELD_VALUE_BYTES) {
                return out.append(more).toString();
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(value);
            used += bytes;
        }
        return out.toString();
    }

    static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static Optional<Instant> instant(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Instant earliest(Instant mine, Optional<Instant> stored) {
        return stored.filter(s -> s.isBefore(mine)).orElse(mine);
    }

    private static Instant latest(Instant mine, Optional<Instant> stored) {
        return stored.filter(s -> s.isAfter(mine)).orElse(mine);
    }

    // Security Hub ignores an update whose UpdatedAt is not after the stored one (e.g. after clock skew).
    private static Instant laterThan(Instant now, Optional<Instant> stored) {
        Instant truncated = now.truncatedTo(ChronoUnit.MILLIS);
        return stored.filter(s -> !truncated.isAfter(s)).map(s -> s.plusMillis(1)).orElse(truncated);
    }
}
