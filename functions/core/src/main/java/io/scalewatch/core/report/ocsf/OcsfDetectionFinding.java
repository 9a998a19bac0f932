package io.scalewatch.core.report.ocsf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.aivss.AivssScore;
import io.scalewatch.core.aivss.Band;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.finding.Evidence;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.FindingJson;
import io.scalewatch.core.report.ScanReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a scalewatch finding onto an OCSF {@value #OCSF_VERSION} Detection Finding (class 2004, activity Create)
 * with the {@code cloud} profile; one JSON object per finding, one line of {@code findings.ocsf.jsonl}. The
 * mapping table is docs/ocsf.md; the conformance test validates the output against the pinned OCSF schema
 * ({@code infra/tools/install-ocsf}).
 *
 * <pre>{@code
 * for (Finding finding : report.findings()) {
 *     out.write(json.writeValueAsString(OcsfDetectionFinding.of(finding, report)) + "\n");
 * }
 * }</pre>
 */
public final class OcsfDetectionFinding {
    /** The OCSF schema version the output is written for and validated against. */
    public static final String OCSF_VERSION = "1.4.0";
    /** OCSF Detection Finding. */
    public static final int CLASS_UID = 2004;
    /** OCSF category Findings. */
    public static final int CATEGORY_UID = 2;
    /** Activity Create: each run reports the findings it holds; a stable finding uid lets readers update. */
    public static final int ACTIVITY_CREATE = 1;
    /** Our attributes without an OCSF attribute live under {@code unmapped.scalewatch}. */
    public static final String UNMAPPED_KEY = "scalewatch";
    static final String PRODUCT = "scalewatch";
    // analytic.type_id 1 = Rule
    private static final int ANALYTIC_RULE = 1;
    // status_id 1 = New: scalewatch does not track triage, a reader's workflow does
    private static final int STATUS_NEW = 1;
    // status_id 3 = Suppressed: an active suppression (owner, reason, expiry) covers it; kept, not alerted on
    private static final int STATUS_SUPPRESSED = 3;
    private static final Pattern ATTACK_ID = Pattern.compile("(T\\d{4})(\\.\\d{3})?");

    private OcsfDetectionFinding() {}

    /** The finding as an OCSF Detection Finding, reported at the end of {@code report}'s scan. */
    public static ObjectNode of(Finding finding, ScanReport report) {
        Objects.requireNonNull(report, "report");
        ObjectNode node = of(finding, report.request().identity(), report.finishedAt());
        report.suppression(finding).ifPresent(entry -> {
            node.put("status_id", STATUS_SUPPRESSED);
            node.put("status", "Suppressed");
            node.put("is_alert", false);
            node.put("comment", "suppressed by " + entry.owner() + " until " + entry.expires() + ": " + entry.reason());
            ObjectNode ours = (ObjectNode) node.path("unmapped").path(UNMAPPED_KEY);
            ours.put("suppressed", true);
            ours.set("suppression", FindingJson.suppression(entry, report.suppressions().source()));
        });
        return node;
    }

    /**
     * The finding as an OCSF Detection Finding.
     *
     * @param watched the watched identity; its principal in the finding's cloud is the first affected resource
     * @param reportedAt when the scan reported it: {@code time}, and first/last seen of posture findings
     */
    public static ObjectNode of(Finding finding, IdentityMatcher watched, Instant reportedAt) {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(watched, "watched");
        Objects.requireNonNull(reportedAt, "reportedAt");
        RuleFinding rule = finding.rule();
        AivssScore aivss = finding.aivss();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("activity_id", ACTIVITY_CREATE);
        node.put("activity_name", "Create");
        node.put("category_uid", CATEGORY_UID);
        node.put("category_name", "Findings");
        node.put("class_uid", CLASS_UID);
        node.put("class_name", "Detection Finding");
        node.put("type_uid", (long) CLASS_UID * 100 + ACTIVITY_CREATE);
        node.put("type_name", "Detection Finding: Create");
        node.put("time", reportedAt.toEpochMilli());
        SeverityLevel severity = SeverityLevel.of(aivss.band());
        node.put("severity_id", severity.severityId);
        node.put("severity", severity.severity);
        node.put("status_id", STATUS_NEW);
        node.put("status", "New");
        // a dry-run rule is being tried out: its findings are recorded, not alerted on
        node.put("is_alert", !rule.dryRun());
        node.put("message", title(rule));
        node.set("metadata", metadata(finding));
        node.set("cloud", cloud(rule));
        node.set("finding_info", findingInfo(finding, reportedAt));
        node.set("resources", resources(finding, watched));
        ArrayNode evidences = evidences(rule, principalFor(finding, watched));
        if (!evidences.isEmpty()) {
            node.set("evidences", evidences);
        }
        if (!rule.remediation().isEmpty()) {
            node.putObject("remediation").put("desc", rule.remediation());
        }
        node.put("risk_score", riskScore(aivss.score()));
        node.put("risk_level_id", severity.riskLevelId);
        node.put("risk_level", severity.riskLevel);
        node.put("risk_details", "AIVSS " + aivss.version().label() + " score " + aivss.score().toPlainString()
                + " (" + aivss.band().label() + "), " + aivss.vector());
        node.putObject("unmapped").set(UNMAPPED_KEY, unmapped(finding));
        return node;
    }

    /**
     * OCSF {@code risk_score} is an integer: the AIVSS score (0.0..10.0, one decimal) times ten, so 8.7 is 87 and
     * no precision is lost.
     */
    public static int riskScore(BigDecimal aivssScore) {
        return aivssScore.movePointRight(1).setScale(0, RoundingMode.UNNECESSARY).intValueExact();
    }

    /** OCSF's cloud provider name for one of ours (the attribute's own examples: AWS, GCP, Azure). */
    public static String provider(CloudProvider provider) {
        return switch (provider) {
            case AWS -> "AWS";
            case GCP -> "GCP";
            case AZURE -> "Azure";
        };
    }

    private static ObjectNode metadata(Finding finding) {
        RuleFinding rule = finding.rule();
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("version", OCSF_VERSION);
        ObjectNode product = metadata.putObject("product");
        product.put("name", PRODUCT);
        product.put("vendor_name", PRODUCT);
        product.put("version", productVersion());
        metadata.putArray("profiles").add("cloud");
        // the uid of this record: one finding as one run reported it
        metadata.put("uid", finding.id() + "/" + finding.runId());
        metadata.put("correlation_uid", finding.runId());
        ArrayNode labels = metadata.putArray("labels");
        labels.add("maestro:" + rule.layer().name());
        labels.add("kind:" + rule.kind().id());
        if (rule.dryRun()) {
            labels.add("dry_run");
        }
        return metadata;
    }

    private static ObjectNode cloud(RuleFinding rule) {
        ObjectNode cloud = JsonNodeFactory.instance.objectNode();
        cloud.put("provider", provider(rule.cloud().provider()));
        if (!rule.cloud().region().isEmpty()) {
            cloud.put("region", rule.cloud().region());
        }
        if (!rule.cloud().account().isEmpty()) {
            ObjectNode account = cloud.putObject("account");
            account.put("uid", rule.cloud().account());
            AccountType type = AccountType.of(rule.cloud().provider());
            account.put("type_id", type.typeId);
            account.put("type", type.caption);
        }
        return cloud;
    }

    private static ObjectNode findingInfo(Finding finding, Instant reportedAt) {
        RuleFinding rule = finding.rule();
        Evidence evidence = rule.evidence();
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("uid", finding.id());
        info.put("title", title(rule));
        if (!rule.detail().isEmpty()) {
            info.put("desc", rule.detail());
        }
        ArrayNode types = info.putArray("types");
        types.add("MAESTRO " + rule.layer().name() + " " + rule.layer().title());
        types.add(rule.kind().observed() ? "Unusual Behaviors" : "Software and Configuration Checks");
        boolean dated = evidence.firstSeen().isPresent();
        info.put("first_seen_time", dated ? evidence.firstSeenMs() : reportedAt.toEpochMilli());
        info.put("last_seen_time", dated ? evidence.lastSeenMs() : reportedAt.toEpochMilli());
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("uid", rule.ruleId());
        analytic.put("name", title(rule));
        analytic.put("type_id", ANALYTIC_RULE);
        analytic.put("type", "Rule");
        analytic.put("category", "MAESTRO " + rule.layer().name());
        ArrayNode attacks = attacks(rule.attack());
        if (!attacks.isEmpty()) {
            info.set("attacks", attacks);
        }
        if (!evidence.eventIds().isEmpty()) {
            ArrayNode related = info.putArray("related_events");
            evidence.eventIds().forEach(id -> related.addObject().put("uid", id));
            info.put("related_events_count", evidence.eventIds().size());
        }
        ArrayNode tags = info.putArray("tags");
        tag(tags, "maestro_layer", rule.layer().name());
        tag(tags, "maestro_layer_name", rule.layer().title());
        tag(tags, "rule_kind", rule.kind().id());
        return info;
    }

    // ATT&CK ids from rule metadata: T1234 is a technique, T1234.001 a sub-technique of T1234
    private static ArrayNode attacks(List<String> ids) {
        ArrayNode attacks = JsonNodeFactory.instance.arrayNode();
        for (String id : ids) {
            Matcher m = ATTACK_ID.matcher(id.trim());
            if (!m.matches()) {
                continue; // not an ATT&CK technique id; it stays in unmapped.scalewatch.attack
            }
            ObjectNode attack = attacks.addObject();
            attack.putObject("technique").put("uid", m.group(1));
            if (m.group(2) != null) {
                attack.putObject("sub_technique").put("uid", m.group(0));
            }
        }
        return attacks;
    }

    private static ArrayNode resources(Finding finding, IdentityMatcher watched) {
        RuleFinding rule = finding.rule();
        ArrayNode resources = JsonNodeFactory.instance.arrayNode();
        IdentityMatcher principal = principalFor(finding, watched);
        ObjectNode identity = resources.addObject();
        identity.put("uid", principal.value());
        identity.put("type", principalType(principal.kind()));
        region(identity, rule);
        tags(identity, "role", "watched_identity");
        if (!rule.resource().isEmpty() && !rule.resource().equals(principal.value())) {
            ObjectNode subject = resources.addObject();
            subject.put("uid", rule.resource());
            region(subject, rule);
            tags(subject, "role", "finding_subject");
        }
        return resources;
    }

    private static void region(ObjectNode resource, RuleFinding rule) {
        if (!rule.cloud().region().isEmpty()) {
            resource.put("region", rule.cloud().region());
        }
    }

    // Activity findings rest on the watched principal's own events (the scan keeps only those), posture findings
    // on the policies, bindings and assignments named in the evidence sources.
    private static ArrayNode evidences(RuleFinding rule, IdentityMatcher principal) {
        Evidence evidence = rule.evidence();
        ArrayNode evidences = JsonNodeFactory.instance.arrayNode();
        boolean activity = !evidence.eventIds().isEmpty();
        if (!activity && evidence.sources().isEmpty() && evidence.counts().isEmpty()) {
            return evidences;
        }
        ObjectNode item = evidences.addObject();
        if (activity && principal.kind() != IdentityMatcher.Kind.ALL) {
            item.putObject("actor").putObject("user").put("uid", principal.value());
        }
        ObjectNode data = item.putObject("data");
        if (activity) {
            ArrayNode ids = data.putArray("event_uids");
            evidence.eventIds().forEach(ids::add);
        }
        if (!evidence.sources().isEmpty()) {
            ArrayNode sources = data.putArray("sources");
            evidence.sources().forEach(sources::add);
        }
        ObjectNode counts = data.putObject("counts");
        new TreeMap<>(evidence.counts()).forEach(counts::put);
        return evidences;
    }

    private static ObjectNode unmapped(Finding finding) {
        RuleFinding rule = finding.rule();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("rule_id", rule.ruleId());
        node.put("layer", rule.layer().name());
        node.put("layer_name", rule.layer().title());
        node.put("kind", rule.kind().id());
        node.put("rule_severity", rule.severity().name());
        node.put("cvss_base", rule.cvssBase());
        node.set("aivss", FindingJson.aivss(finding.aivss()));
        node.put("aivss_non_conformant_estimate", finding.aivss().nonConformantEstimate());
        node.put("identity", finding.identity());
        node.put("resource", rule.resource());
        node.set("attack", strings(rule.attack()));
        node.set("stratus", strings(rule.stratus()));
        node.put("dry_run", rule.dryRun());
        node.put("run_id", finding.runId());
        return node;
    }

    // The watched principal in the finding's cloud; one agent may have a principal per cloud.
    private static IdentityMatcher principalFor(Finding finding, IdentityMatcher watched) {
        String cloud = finding.rule().cloud().provider().id();
        for (IdentityMatcher principal : watched.principals()) {
            // kinds are named by cloud: AWS_ROLE, AWS_USER, AWS_ACCESS_KEY, GCP_SERVICE_ACCOUNT, AZURE_PRINCIPAL
            if (principal.kind().name().toLowerCase(Locale.ROOT).startsWith(cloud + "_")) {
                return principal;
            }
        }
        return watched.principals().get(0);
    }

    private static String principalType(IdentityMatcher.Kind kind) {
        return switch (kind) {
            case AWS_ROLE -> "AWS IAM Role";
            case AWS_USER -> "AWS IAM User";
            case AWS_ACCESS_KEY -> "AWS Access Key";
            case GCP_SERVICE_ACCOUNT -> "GCP Service Account";
            case AZURE_PRINCIPAL -> "Azure Service Principal";
            case ALL, ANY_OF -> "Principal";
        };
    }

    private static String title(RuleFinding rule) {
        return rule.title().isEmpty() ? rule.ruleId() : rule.title();
    }

    private static void tag(ArrayNode tags, String name, String value) {
        tags.addObject().put("name", name).put("value", value);
    }

    private static void tags(ObjectNode resource, String name, String value) {
        tag(resource.putArray("tags"), name, value);
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static String productVersion() {
        String version = OcsfDetectionFinding.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    // OCSF severity_id and risk_level_id by AIVSS band; None is Informational / Info.
    private enum SeverityLevel {
        NONE(1, "Informational", 0, "Info"),
        LOW(2, "Low", 1, "Low"),
        MEDIUM(3, "Medium", 2, "Medium"),
        HIGH(4, "High", 3, "High"),
        CRITICAL(5, "Critical", 4, "Critical");

        final int severityId;
        final String severity;
        final int riskLevelId;
        final String riskLevel;

        SeverityLevel(int severityId, String severity, int riskLevelId, String riskLevel) {
            this.severityId = severityId;
            this.severity = severity;
            this.riskLevelId = riskLevelId;
            this.riskLevel = riskLevel;
        }

        static SeverityLevel of(Band band) {
            return valueOf(band.name());
        }
    }

    // OCSF account.type_id: 10 AWS Account, 11 GCP Project, 13 Azure Subscription
    private enum AccountType {
        AWS(10, "AWS Account"),
        GCP(11, "GCP Project"),
        AZURE(13, "Azure Subscription");

        final int typeId;
        final String caption;

        AccountType(int typeId, String caption) {
            this.typeId = typeId;
            this.caption = caption;
        }

        static AccountType of(CloudProvider provider) {
            return valueOf(provider.name());
        }
    }
}
