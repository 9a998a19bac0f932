package io.scalewatch.core.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.aivss.AivssFactor;
import io.scalewatch.core.aivss.AivssVersion;
import io.scalewatch.core.aivss.Band;
import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.scan.Evaluation;
import io.scalewatch.core.scan.ScanRequest;
import io.scalewatch.core.scan.SourceReport;
import io.scalewatch.core.suppress.Suppression;
import io.scalewatch.core.suppress.SuppressionResult;
import java.time.Instant;
import java.util.Map;

/**
 * The JSON shape of {@code summary.json} (DESIGN.md §7): identity, agent profile with its factor table and
 * AARS, counts by layer x AIVSS band, the highest AIVSS per layer, top findings, what was scanned, and
 * what was quarantined. A contract: fields are added, never renamed.
 */
public final class SummaryJson {
    private static final int TOP = 10;

    private SummaryJson() {}

    /** The summary of a scan. */
    public static ObjectNode of(ScanReport report) {
        ScanRequest request = report.request();
        Evaluation evaluation = report.evaluation();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("run_id", request.runId());
        root.put("started_at", report.startedAt().toString());
        root.put("finished_at", report.finishedAt().toString());
        root.set("identity", identity(request.identity()));
        root.set("profile", profile(request.profile(), request.version(), request));
        ObjectNode window = root.putObject("window");
        if (request.windowStartMs() > 0) {
            window.put("start", Instant.ofEpochMilli(request.windowStartMs()).toString());
        }
        window.put("end", Instant.ofEpochMilli(request.windowEndMs()).toString());
        if (evaluation.firstEventMs() > 0) {
            window.put("first_event", Instant.ofEpochMilli(evaluation.firstEventMs()).toString());
            window.put("last_event", Instant.ofEpochMilli(evaluation.lastEventMs()).toString());
        }
        root.set("events", events(report));
        root.set("findings", findings(report));
        root.set("highest_aivss_by_layer", highest(report));
        ArrayNode top = root.putArray("top_findings");
        report.top(TOP).forEach(f -> top.add(brief(f)));
        ArrayNode sources = root.putArray("sources");
        for (SourceReport source : evaluation.sources()) {
            ObjectNode node = sources.addObject();
            node.put("name", source.name());
            node.put("read", source.counts().read());
            node.put("normalized", source.counts().normalized());
            node.put("quarantined", source.counts().quarantined());
            node.put("in_scope", source.inScope());
        }
        root.set("posture", posture(request));
        root.set("suppressions", suppressions(report));
        ObjectNode quarantine = root.putObject("quarantine");
        quarantine.put("total", report.quarantine().total());
        ObjectNode byReason = quarantine.putObject("by_reason");
        report.quarantine().byReason().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> byReason.put(e.getKey(), e.getValue()));
        ObjectNode bySource = quarantine.putObject("by_source");
        report.quarantine().bySource().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> bySource.put(e.getKey(), e.getValue()));
        root.put("rules_evaluated", report.rulesEvaluated());
        root.put("policy_chunks", evaluation.chunks());
        return root;
    }

    private static ObjectNode identity(IdentityMatcher identity) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("all_principals", identity.matchesAll());
        ArrayNode principals = node.putArray("principals");
        for (IdentityMatcher principal : identity.principals()) {
            ObjectNode p = principals.addObject();
            p.put("kind", principal.kind().name().toLowerCase(java.util.Locale.ROOT));
            p.put("value", principal.value());
        }
        return node;
    }

    private static ObjectNode profile(AgentProfile profile, AivssVersion version, ScanRequest request) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", profile.id());
        node.put("name", profile.name());
        node.put("aivss_version", version.label());
        node.put("factors_version", profile.version().label());
        node.put("non_conformant_estimate", profile.nonConformantEstimate());
        node.put("mitigation", request.mitigation().name().toLowerCase(java.util.Locale.ROOT));
        node.put("source", profile.source());
        ArrayNode factors = node.putArray("factors");
        for (AivssFactor factor : profile.factors()) {
            ObjectNode f = factors.addObject();
            f.put("name", factor.name());
            f.put("value", factor.value());
            if (!factor.rationale().isEmpty()) {
                f.put("rationale", factor.rationale());
            }
        }
        node.put("factor_sum", profile.factorSum());
        if (version == AivssVersion.V0_5) {
            node.put("aars", profile.factorSum());
            node.put("formula", "AIVSS = round_half_up(((CVSS_base + AARS) / 2) x ThM, 1); AARS = factor sum");
        } else {
            node.put("formula", "AARS = (10 - CVSS_base) x (factor sum / 10) x ThM; "
                    + "AIVSS = min(10, round_half_up((CVSS_base + AARS) x MF, 1)); AARS per finding");
        }
        return node;
    }

    private static ObjectNode events(ScanReport report) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ReadCounts counts = report.evaluation().counts();
        node.put("read", counts.read());
        node.put("normalized", counts.normalized());
        node.put("quarantined", counts.quarantined());
        node.put("in_scope", report.evaluation().eventsInScope());
        // of the in-scope events: how many the normalizer took with issues, and how many state no time
        node.put("with_issues", report.evaluation().eventsWithIssues());
        node.put("undated", report.evaluation().undatedEvents());
        return node;
    }

    private static ObjectNode findings(ScanReport report) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        // total is what was raised; dry_run and suppressed were written to findings but not raised
        node.put("total", report.raised().size());
        node.put("raised", report.raised().size());
        node.put("dry_run", report.dryRun().size());
        node.put("suppressed", report.suppressed().size());
        ObjectNode matrix = node.putObject("by_layer_and_band");
        report.countsByLayerAndBand().forEach((layer, bands) -> {
            ObjectNode row = matrix.putObject(layer.name());
            bands.forEach((band, count) -> {
                if (band != Band.NONE) {
                    row.put(band.label(), count);
                }
            });
        });
        ObjectNode byKind = node.putObject("by_kind");
        report.raised().forEach(f -> byKind.put(f.rule().kind().id(), byKind.path(f.rule().kind().id()).asInt() + 1));
        return node;
    }

    private static ObjectNode highest(ScanReport report) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (MaestroLayer layer : MaestroLayer.values()) {
            report.highest(layer).ifPresentOrElse(f -> node.set(layer.name(), brief(f)), () -> node.putNull(layer.name()));
        }
        return node;
    }

    private static ObjectNode brief(Finding finding) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", finding.id());
        node.put("rule_id", finding.rule().ruleId());
        node.put("layer", finding.rule().layer().name());
        node.put("title", finding.rule().title());
        node.put("resource", finding.rule().resource());
        node.put("aivss", finding.aivss().score());
        node.put("band", finding.aivss().band().label());
        return node;
    }

    private static ObjectNode suppressions(ScanReport report) {
        SuppressionResult result = report.suppressions();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("source", result.source());
        node.put("entries", result.entries());
        if (result.entries() > 0) {
            node.put("evaluated_at", result.evaluatedAt().toString());
        }
        node.put("suppressed_findings", report.suppressed().size());
        ArrayNode expired = node.putArray("expired");
        for (SuppressionResult.Expired e : result.expired()) {
            ObjectNode entry = entry(e.suppression());
            entry.put("would_match", e.wouldMatch());
            expired.add(entry);
        }
        ArrayNode stale = node.putArray("stale");
        result.stale().forEach(s -> stale.add(entry(s)));
        ArrayNode warnings = node.putArray("warnings");
        for (SuppressionResult.Expired e : result.expired()) {
            warnings.add("suppression " + e.suppression().index() + " (rule " + e.suppression().rule() + ", owner "
                    + e.suppression().owner() + ") expired at " + e.suppression().expires() + "; "
                    + e.wouldMatch() + " finding(s) it covers are raised again: renew or remove it");
        }
        for (Suppression s : result.stale()) {
            warnings.add("suppression " + s.index() + " (rule " + s.rule() + ", owner " + s.owner()
                    + ") matched no finding of this scan: remove it if the finding is gone");
        }
        return node;
    }

    private static ObjectNode entry(Suppression s) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("entry", s.index());
        node.put("rule", s.rule());
        putIfSet(node, "cloud", s.cloud());
        putIfSet(node, "account", s.account());
        putIfSet(node, "region", s.region());
        putIfSet(node, "resource", s.resource());
        putIfSet(node, "finding_id", s.findingId());
        node.put("owner", s.owner());
        node.put("reason", s.reason());
        node.put("expires", s.expires().toString());
        s.createdAt().ifPresent(c -> node.put("created", c.toString()));
        return node;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (!value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static ObjectNode posture(ScanRequest request) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode postures = node.putArray("identities");
        for (Posture posture : request.postures()) {
            ObjectNode p = postures.addObject();
            p.put("cloud", posture.cloud().id());
            p.put("identity", posture.identity());
            p.put("account", posture.account());
            p.put("grants", posture.grants().size());
            p.put("trust_statements", posture.trust().size());
            p.put("credentials", posture.credentials().size());
            p.put("boundary", posture.boundary().present());
            p.put("source", posture.source());
        }
        ArrayNode warnings = node.putArray("warnings");
        request.postureWarnings().forEach(warnings::add);
        return node;
    }
}
