package io.scalewatch.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.aivss.AivssScore;
import io.scalewatch.core.finding.Evidence;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.suppress.Suppression;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shape of a reported finding (one line of {@code findings.jsonl}, locally and in S3). A contract:
 * fields are added, never renamed.
 */
public final class FindingJson {
    private FindingJson() {}

    /**
     * The finding as its report writes it: as {@link #of(Finding)}, with {@code suppressed} and, when an active
     * suppression covers it, {@code suppression} (owner, reason, expires, created, entry index, file).
     */
    public static ObjectNode of(ScanReport report, Finding finding) {
        ObjectNode node = of(finding);
        report.suppression(finding).ifPresent(s -> {
            node.put("suppressed", true);
            node.set("suppression", suppression(s, report.suppressions().source()));
        });
        return node;
    }

    /** The part of a finding that says which suppression entry covers it. */
    public static ObjectNode suppression(Suppression entry, String source) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("owner", entry.owner());
        node.put("reason", entry.reason());
        node.put("expires", entry.expires().toString());
        entry.createdAt().ifPresent(c -> node.put("created", c.toString()));
        node.put("entry", entry.index());
        node.put("source", source);
        return node;
    }

    /** The finding as a JSON object, without report context ({@code suppressed: false}). */
    public static ObjectNode of(Finding finding) {
        RuleFinding rule = finding.rule();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", finding.id());
        node.put("rule_id", rule.ruleId());
        node.put("layer", rule.layer().name());
        node.put("layer_name", rule.layer().title());
        node.put("kind", rule.kind().id());
        node.put("title", rule.title());
        node.put("detail", rule.detail());
        node.put("rule_severity", rule.severity().name());
        node.put("cvss_base", rule.cvssBase());
        node.set("aivss", aivss(finding.aivss()));
        node.put("identity", finding.identity());
        ObjectNode cloud = node.putObject("cloud");
        cloud.put("provider", rule.cloud().provider().id());
        cloud.put("account", rule.cloud().account());
        cloud.put("region", rule.cloud().region());
        node.put("resource", rule.resource());
        node.set("evidence", evidence(rule.evidence()));
        node.put("remediation", rule.remediation());
        node.set("attack", strings(rule.attack()));
        node.set("stratus", strings(rule.stratus()));
        node.put("dry_run", rule.dryRun());
        node.put("suppressed", false);
        node.put("run_id", finding.runId());
        return node;
    }

    /** The AIVSS part of a finding. */
    public static ObjectNode aivss(AivssScore score) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("version", score.version().label());
        node.put("score", score.score());
        node.put("band", score.band().label());
        node.put("aars", score.aars());
        node.put("threat_multiplier", score.threat().name().toLowerCase(java.util.Locale.ROOT));
        node.put("mitigation", score.mitigation().name().toLowerCase(java.util.Locale.ROOT));
        node.put("profile", score.profileId());
        node.put("vector", score.vector());
        return node;
    }

    private static ObjectNode evidence(Evidence evidence) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("event_ids", strings(evidence.eventIds()));
        ObjectNode counts = node.putObject("counts");
        evidence.counts().forEach(counts::put);
        if (evidence.firstSeenMs() > 0) {
            node.put("first_seen", Instant.ofEpochMilli(evidence.firstSeenMs()).toString());
            node.put("last_seen", Instant.ofEpochMilli(evidence.lastSeenMs()).toString());
        }
        if (!evidence.sources().isEmpty()) {
            node.set("sources", strings(evidence.sources()));
        }
        return node;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
