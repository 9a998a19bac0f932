package io.scalewatch.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.event.CloudLocation;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.finding.Evidence;
import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.finding.RuleKind;
import io.scalewatch.core.finding.Severity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A finding as a rule emitted it (lib/finding.rego), before scoring and identity are attached.
 *
 * @param key what makes two occurrences the same finding: rule id, cloud location and resource
 */
public record RuleFinding(
        String ruleId,
        MaestroLayer layer,
        RuleKind kind,
        Severity severity,
        BigDecimal cvssBase,
        String title,
        String remediation,
        List<String> attack,
        List<String> stratus,
        String resource,
        String detail,
        boolean dryRun,
        CloudLocation cloud,
        Evidence evidence) {

    public RuleFinding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(cvssBase, "cvssBase");
        if (cvssBase.signum() < 0 || cvssBase.compareTo(BigDecimal.TEN) > 0) {
            throw new IllegalArgumentException("cvss_base of " + ruleId + " must be within 0..10, got " + cvssBase);
        }
        title = Objects.requireNonNullElse(title, "");
        remediation = Objects.requireNonNullElse(remediation, "");
        attack = List.copyOf(attack);
        stratus = List.copyOf(stratus);
        resource = Objects.requireNonNullElse(resource, "");
        detail = Objects.requireNonNullElse(detail, "");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** Identity of the finding across chunks and runs: rule, cloud location and resource. */
    public String key() {
        return String.join("|", ruleId, cloud.provider().id(), cloud.account(), cloud.region(), resource);
    }

    /**
     * This finding with the evidence of another occurrence of it merged in. The detail of the earlier
     * occurrence is kept, so the result does not depend on the order chunks finish in.
     */
    public RuleFinding mergedWith(RuleFinding other, int maxIds) {
        long mine = dateOrder(evidence.firstSeenMs());
        long theirs = dateOrder(other.evidence.firstSeenMs());
        boolean otherFirst = theirs < mine || (theirs == mine && other.detail.compareTo(detail) < 0);
        String keptDetail = otherFirst ? other.detail : detail;
        return new RuleFinding(ruleId, layer, kind, severity, cvssBase, title, remediation, attack, stratus, resource,
                keptDetail, dryRun, cloud, evidence.merge(other.evidence, maxIds));
    }

    // 0 is "no time" (undated events): such an occurrence sorts after every dated one
    private static long dateOrder(long firstSeenMs) {
        return firstSeenMs == 0 ? Long.MAX_VALUE : firstSeenMs;
    }

    /** Reads one finding of the policy result; fails with the field that is wrong. */
    public static RuleFinding fromJson(JsonNode node) {
        String ruleId = text(node, "rule_id");
        try {
            JsonNode cloud = node.path("cloud");
            JsonNode ev = node.path("evidence");
            Map<String, Long> counts = new TreeMap<>();
            ev.path("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
            Evidence evidence = new Evidence(strings(ev.path("event_ids")), counts,
                    ev.path("first_seen_ms").asLong(0), ev.path("last_seen_ms").asLong(0), strings(ev.path("sources")));
            return new RuleFinding(ruleId,
                    MaestroLayer.parse(text(node, "layer")),
                    RuleKind.parse(text(node, "kind")),
                    Severity.parse(text(node, "severity")),
                    new BigDecimal(node.path("cvss_base").asText("")),
                    node.path("title").asText(""),
                    node.path("remediation").asText(""),
                    strings(node.path("attack")),
                    strings(node.path("stratus")),
                    node.path("resource").asText(""),
                    node.path("detail").asText(""),
                    node.path("dry_run").asBoolean(false),
                    new CloudLocation(CloudProvider.fromId(text(cloud, "provider")),
                            cloud.path("account").asText(""), cloud.path("region").asText("")),
                    evidence);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("finding of rule " + ruleId + " is malformed: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException("finding field '" + field + "' must be a non-empty string, got "
                    + (value.isMissingNode() ? "nothing" : value.toString()));
        }
        return value.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
