package io.scalewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.aivss.Band;
import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.normalize.ReadCounts;
import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The readable terminal rendering of a scan: who and with which profile, what was read, a MAESTRO layer x
 * AIVSS band table, and the findings highest score first. Text that comes from logs (resources, details)
 * is stripped of control characters so a hostile event cannot drive the terminal.
 */
final class TerminalReport {
    private static final int MAX_LISTED = 40;
    private static final int WIDTH = 100;

    private TerminalReport() {}

    // one line of the usage report's counts, summed over its postures; the lists are in usage.json
    private static void usage(ScanReport report, PrintWriter out) {
        JsonNode entries = report.evaluation().usage();
        if (entries.isEmpty()) {
            return;
        }
        long used = 0;
        long neverUsed = 0;
        long denied = 0;
        boolean partial = false;
        for (JsonNode entry : entries) {
            used += entry.path("used").size();
            neverUsed += entry.path("granted_never_used").size();
            denied += entry.path("denied").size();
            partial |= !entry.path("history").path("covers_lookback").asBoolean();
        }
        out.printf("usage     %,d permissions used, %,d granted never used, %,d denied (usage.json)%s%n", used,
                neverUsed, denied, partial ? "; history shorter than the lookback" : "");
    }

    static void render(ScanReport report, PrintWriter out) {
        var request = report.request();
        out.println("scalewatch scan " + request.runId());
        out.println("identity  " + request.identity().principals().stream().map(IdentityMatcher::value)
                .collect(Collectors.joining(", ")));
        out.printf("profile   %s (%s), AIVSS %s, factor sum %s%s%n", request.profile().id(), request.profile().name(),
                request.version().label(), request.profile().factorSum().toPlainString(),
                request.profile().nonConformantEstimate() ? " (non-conformant estimate)" : "");
        ReadCounts read = report.evaluation().counts();
        out.printf("events    %,d read from %d sources, %,d normalized, %,d quarantined, %,d of the identity%n",
                read.read(), report.evaluation().sources().size(), read.normalized(), read.quarantined(),
                report.evaluation().eventsInScope());
        out.printf("posture   %d identities%s%n", request.postures().size(),
                request.postureWarnings().isEmpty() ? "" : ", " + request.postureWarnings().size() + " warnings");
        request.postureWarnings().stream().limit(5).forEach(w -> out.println("  warning " + safe(w)));
        usage(report, out);
        if (report.quarantine().total() > 0) {
            out.printf("quarantine %,d records could not be normalized (kept in quarantine.jsonl), e.g.%n",
                    report.quarantine().total());
            report.quarantine().samples().forEach(s -> out.println("  " + safe(s)));
        }
        out.println();
        out.printf("%-36s %5s %5s %5s %5s   %s%n", "MAESTRO layer", "Crit", "High", "Med", "Low", "highest AIVSS");
        Map<MaestroLayer, Map<Band, Integer>> counts = report.countsByLayerAndBand();
        for (MaestroLayer layer : MaestroLayer.values()) {
            Map<Band, Integer> bands = counts.get(layer);
            String highest = report.highest(layer)
                    .map(f -> f.aivss().score().toPlainString() + " " + f.aivss().band().label() + "  "
                            + f.rule().ruleId())
                    .orElse("-");
            out.printf("%-36s %5d %5d %5d %5d   %s%n", layer.name() + " " + layer.title(), bands.get(Band.CRITICAL),
                    bands.get(Band.HIGH), bands.get(Band.MEDIUM), bands.get(Band.LOW), highest);
        }
        out.println();
        var raised = report.raised();
        out.printf("%d findings (highest AIVSS first)%n", raised.size());
        raised.stream().limit(MAX_LISTED).forEach(f -> out.println(line(f)));
        if (raised.size() > MAX_LISTED) {
            out.printf("... %d more in findings.jsonl%n", raised.size() - MAX_LISTED);
        }
        int dryRun = report.dryRun().size();
        if (dryRun > 0) {
            out.printf("%d dry-run findings (counted, not raised) in findings.jsonl%n", dryRun);
        }
        int suppressed = report.suppressed().size();
        if (suppressed > 0) {
            out.printf("%d suppressed findings (counted, not raised; owner and reason in findings.jsonl)%n",
                    suppressed);
        }
        for (var expired : report.suppressions().expired()) {
            out.printf("warning   suppression %d (%s, owner %s) expired %s: %d findings raised again%n",
                    expired.suppression().index(), safe(expired.suppression().rule()),
                    safe(expired.suppression().owner()), expired.suppression().expires(), expired.wouldMatch());
        }
        for (var stale : report.suppressions().stale()) {
            out.printf("warning   suppression %d (%s, owner %s) matched no finding (stale)%n", stale.index(),
                    safe(stale.rule()), safe(stale.owner()));
        }
        out.flush();
    }

    private static String line(Finding f) {
        String head = String.format("%4s %-8s %-2s %-9s %-7s ", f.aivss().score().toPlainString(),
                f.aivss().band().label(), f.rule().layer().name(), f.rule().ruleId(), f.rule().kind().id());
        String text = safe(f.rule().title()) + " | " + safe(f.rule().detail().isEmpty() ? f.rule().resource()
                : f.rule().detail());
        int room = Math.max(20, WIDTH - head.length());
        return head + (text.length() > room ? text.substring(0, room - 3) + "..." : text);
    }

    /** Replaces control characters (ANSI escapes, newlines, bidi overrides) from log data. */
    static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean control = Character.isISOControl(cp) || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            out.append(control ? "?" : new String(Character.toChars(cp)));
        });
        return out.toString();
    }
}
