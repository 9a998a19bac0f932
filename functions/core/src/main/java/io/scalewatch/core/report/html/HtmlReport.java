package io.scalewatch.core.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.aivss.AivssFactor;
import io.scalewatch.core.aivss.AivssVersion;
import io.scalewatch.core.aivss.Band;
import io.scalewatch.core.finding.Evidence;
import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.scan.ActivityHistogram;
import io.scalewatch.core.scan.Evaluation;
import io.scalewatch.core.scan.EvidenceEvents;
import io.scalewatch.core.scan.ScanRequest;
import io.scalewatch.core.scan.SourceReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Renders a scan report as one self-contained HTML page (docs/report.md): no script, no external fetch, a
 * strict Content-Security-Policy, every user-controlled string escaped by {@link Html}. The page opens from a
 * local file and as an S3 object alike, and its size does not grow with the number of events: the timeline is
 * counts per time bucket, evidence is a bounded sample; every finding is listed.
 *
 * <pre>{@code
 * Files.writeString(dir.resolve(HtmlReport.FILE_NAME), HtmlReport.render(report), StandardCharsets.UTF_8);
 * }</pre>
 */
public final class HtmlReport {
    /** The file name of the report next to findings.jsonl and summary.json. */
    public static final String FILE_NAME = "report.html";
    /** The content type to serve it with. */
    public static final String CONTENT_TYPE = "text/html; charset=utf-8";
    /** Findings shown in full (evidence, remediation); every finding is in the table. */
    static final int DETAILED = 20;
    /** Rows per page of a long table (pages are closed {@code <details>}, cheap to lay out). */
    static final int PAGE_ROWS = 250;
    /** Evidence event ids listed per detailed finding ({@code findings.jsonl} has every kept id). */
    static final int LISTED_IDS = 10;
    /** Evidence events printed per detailed finding. */
    static final int PRINTED_EVENTS = 3;
    /** Most bars of the timeline. */
    static final int MAX_BARS = 288;

    private static final long[] WIDTHS_MS = {60_000L, 300_000L, 900_000L, 1_800_000L, 3_600_000L, 10_800_000L,
        21_600_000L, 43_200_000L, 86_400_000L, 604_800_000L};
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Band[] SHOWN_BANDS = {Band.CRITICAL, Band.HIGH, Band.MEDIUM, Band.LOW};
    private static final String CSS = css();
    private static final String CSP = "default-src 'none'; style-src '" + sha256(CSS) + "'; img-src 'none'; "
            + "base-uri 'none'; form-action 'none'";

    private final ScanReport report;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private HtmlReport(ScanReport report) {
        this.report = report;
    }

    /** The page of a scan report. The same report always gives the same bytes (S3 writes objects once). */
    public static String render(ScanReport report) {
        HtmlReport page = new HtmlReport(report);
        page.page();
        return page.out.toString();
    }

    /** The page as UTF-8 bytes. */
    public static byte[] renderUtf8(ScanReport report) {
        return render(report).getBytes(StandardCharsets.UTF_8);
    }

    /** The Content-Security-Policy the page declares in its {@code <meta>}. */
    public static String contentSecurityPolicy() {
        return CSP;
    }

    private void page() {
        ScanRequest request = report.request();
        raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        raw("<meta http-equiv=\"Content-Security-Policy\" content=\"").raw(Html.attr(CSP)).raw("\">\n");
        raw("<meta name=\"referrer\" content=\"no-referrer\">\n");
        raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        raw("<title>scalewatch report: ").text(title(request.identity())).raw(" (run ").text(request.runId())
                .raw(")</title>\n<style>").raw(CSS).raw("</style>\n</head>\n<body>\n");
        header();
        profile();
        heatMap();
        distribution();
        timeline();
        topFindings();
        allFindings();
        usage();
        scanned();
        notScanned();
        raw("<footer>scalewatch HTML report of run ").text(request.runId()).raw(", finished ")
                .text(report.finishedAt().toString()).raw(". findings.jsonl and summary.json beside it hold the same "
                        + "findings as data.</footer>\n</body></html>\n");
    }

    // ---- header and profile ------------------------------------------------------------------------------

    private void header() {
        ScanRequest request = report.request();
        Evaluation evaluation = report.evaluation();
        raw("<header><h1>scalewatch report</h1>\n<p class=\"sub\">Run <code>").text(request.runId())
                .raw("</code> &middot; started ").text(report.startedAt().toString()).raw(" &middot; finished ")
                .text(report.finishedAt().toString()).raw("</p>\n");
        raw("<h2 id=\"identity\">Identity</h2>\n<table class=\"kv\">");
        IdentityMatcher identity = request.identity();
        if (identity.matchesAll()) {
            raw("<tr><th>principals</th><td>every principal (<code>*</code>)</td></tr>");
        } else {
            for (IdentityMatcher principal : identity.principals()) {
                raw("<tr><th>").text(principal.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                        .raw("</th><td><code>").text(principal.value()).raw("</code></td></tr>");
            }
        }
        raw("</table>\n<nav><a href=\"#profile\">Agent profile</a> <a href=\"#heatmap\">Heat map</a> "
                + "<a href=\"#distribution\">AIVSS distribution</a> <a href=\"#timeline\">Timeline</a> "
                + "<a href=\"#top\">Top findings</a> <a href=\"#findings\">All findings</a> "
                + "<a href=\"#scanned\">What was scanned</a> <a href=\"#not-scanned\">What was not</a></nav>\n");
        List<Finding> raised = report.raised();
        raw("<div class=\"cards\">");
        card("findings", count(raised.size()));
        card("highest AIVSS", raised.isEmpty() ? "-" : raised.get(0).aivss().score().toPlainString() + " "
                + raised.get(0).aivss().band().label());
        card("events in scope", count(evaluation.eventsInScope()));
        card("records read", count(evaluation.counts().read()));
        card("quarantined", count(report.quarantine().total()));
        raw("</div></header>\n");
    }

    private void card(String label, String value) {
        raw("<div class=\"card\"><div class=\"v\">").text(value).raw("</div><div class=\"l\">").text(label)
                .raw("</div></div>");
    }

    private void profile() {
        ScanRequest request = report.request();
        AgentProfile profile = request.profile();
        AivssVersion version = request.version();
        raw("<section id=\"profile\"><h2>Agent profile</h2>\n<table class=\"kv\">");
        kv("profile", profile.name() + " (" + profile.id() + ")");
        kv("scored with", "AIVSS " + version.label() + ", factors written for " + profile.version().label()
                + (profile.version() != version ? " (cross-version: the profile's own factor sum is used)" : ""));
        kv("mitigation factor", request.mitigation().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (!profile.source().isEmpty()) {
            kv("source", profile.source());
        }
        raw("</table>\n");
        if (profile.nonConformantEstimate()) {
            raw("<p class=\"warn\">Non-conformant estimate: the factor values are not all 0, 0.5 or 1, so every score "
                    + "below is outside both AIVSS specifications.</p>\n");
        }
        raw("<table class=\"grid\"><thead><tr><th>AIVSS factor</th><th class=\"n\">value</th><th>rationale</th>"
                + "</tr></thead><tbody>");
        for (AivssFactor factor : profile.factors()) {
            raw("<tr><td>").text(factor.name()).raw("</td><td class=\"n\">").text(factor.value().toPlainString())
                    .raw("</td><td>").text(factor.rationale()).raw("</td></tr>");
        }
        raw("</tbody><tfoot><tr><th>factor sum</th><th class=\"n\">").text(profile.factorSum().toPlainString())
                .raw("</th><th></th></tr></tfoot></table>\n<p class=\"note\">");
        if (version == AivssVersion.V0_5) {
            raw("AARS = factor sum = ").text(profile.factorSum().toPlainString())
                    .raw("; AIVSS = round_half_up(((CVSS_base + AARS) / 2) &times; ThM, 1).");
        } else {
            raw("AARS = (10 &minus; CVSS_base) &times; (factor sum / 10) &times; ThM, per finding; "
                    + "AIVSS = min(10, round_half_up((CVSS_base + AARS) &times; MF, 1)).");
        }
        raw(" ThM is 1.0 for observed activity (attacked), 0.97 for a posture weakness with a public technique.</p>"
                + "</section>\n");
    }

    // ---- heat map and distribution -----------------------------------------------------------------------

    private void heatMap() {
        Map<MaestroLayer, Map<Band, Integer>> counts = report.countsByLayerAndBand();
        raw("<section id=\"heatmap\"><h2>MAESTRO layer &times; AIVSS band</h2>\n<table class=\"grid heat\"><thead>"
                + "<tr><th>layer</th>");
        for (Band band : SHOWN_BANDS) {
            raw("<th class=\"n\">").text(band.label()).raw("</th>");
        }
        raw("<th class=\"n\">total</th></tr></thead><tbody>");
        for (MaestroLayer layer : MaestroLayer.values()) {
            raw("<tr><th>").text(layer.name() + " " + layer.title()).raw("</th>");
            int total = 0;
            for (Band band : SHOWN_BANDS) {
                int n = counts.get(layer).get(band);
                total += n;
                String level = n == 0 ? "0" : n == 1 ? "1" : n < 5 ? "2" : "3";
                raw("<td class=\"n h-").raw(bandClass(band)).raw(" lv").raw(level).raw("\">").raw(Integer.toString(n))
                        .raw("</td>");
            }
            raw("<td class=\"n\">").raw(Integer.toString(total)).raw("</td></tr>");
        }
        raw("</tbody></table>\n<p class=\"note\">Raised findings (dry-run rules are listed apart). Band by the "
                + "finding's AIVSS score: Low 0.1-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.</p></section>\n");
    }

    private void distribution() {
        long[] bins = new long[10];
        for (Finding f : report.raised()) {
            bins[Math.min(9, f.aivss().score().intValue())]++;
        }
        long max = 1;
        for (long n : bins) {
            max = Math.max(max, n);
        }
        int rowH = 22;
        int w = 720;
        int label = 70;
        raw("<section id=\"distribution\"><h2>AIVSS distribution</h2>\n<svg class=\"chart\" role=\"img\" "
                + "aria-label=\"findings per AIVSS score\" viewBox=\"0 0 ").raw(Integer.toString(w)).raw(" ")
                .raw(Integer.toString(rowH * 10 + 4)).raw("\" width=\"").raw(Integer.toString(w)).raw("\" height=\"")
                .raw(Integer.toString(rowH * 10 + 4)).raw("\">");
        for (int i = 9; i >= 0; i--) {
            int y = (9 - i) * rowH + 2;
            long n = bins[i];
            long bar = n == 0 ? 0 : Math.max(2, Math.round((w - label - 60) * (double) n / max));
            raw("<text x=\"0\" y=\"").raw(Integer.toString(y + 15)).raw("\">").raw(i + "-" + (i + 1)).raw("</text>");
            raw("<rect class=\"b-").raw(bandClass(binBand(i))).raw("\" x=\"").raw(Integer.toString(label))
                    .raw("\" y=\"").raw(Integer.toString(y + 3)).raw("\" width=\"").raw(Long.toString(bar))
                    .raw("\" height=\"").raw(Integer.toString(rowH - 6)).raw("\"><title>AIVSS ").raw(i + "-" + (i + 1))
                    .raw(": ").raw(Long.toString(n)).raw(" findings</title></rect>");
            raw("<text x=\"").raw(Long.toString(label + bar + 6)).raw("\" y=\"").raw(Integer.toString(y + 15))
                    .raw("\">").raw(Long.toString(n)).raw("</text>");
        }
        raw("</svg></section>\n");
    }

    private static Band binBand(int bin) {
        return bin < 4 ? Band.LOW : bin < 7 ? Band.MEDIUM : bin < 9 ? Band.HIGH : Band.CRITICAL;
    }

    // ---- timeline ----------------------------------------------------------------------------------------

    private void timeline() {
        ActivityHistogram histogram = report.evaluation().timeline();
        raw("<section id=\"timeline\"><h2>Activity timeline</h2>\n");
        if (histogram.buckets().isEmpty()) {
            raw("<p>No dated in-scope event: nothing to place on a timeline.</p></section>\n");
            return;
        }
        long from = histogram.buckets().get(0).startMs();
        long to = histogram.buckets().get(histogram.buckets().size() - 1).startMs() + histogram.bucketMs();
        ScanRequest request = report.request();
        if (request.windowStartMs() > 0) {
            from = Math.min(from, request.windowStartMs());
            to = Math.max(to, request.windowEndMs());
        }
        long width = displayWidth(histogram.bucketMs(), to - from);
        from = Math.floorDiv(from, width) * width;
        int bars = (int) Math.max(1, (to - from + width - 1) / width);
        TreeMap<Integer, long[]> byBar = new TreeMap<>();
        for (ActivityHistogram.Bucket b : histogram.buckets()) {
            long[] c = byBar.computeIfAbsent((int) ((b.startMs() - from) / width), k -> new long[3]);
            c[0] += b.events();
            c[1] += b.failures();
            c[2] += b.writes();
        }
        long max = byBar.values().stream().mapToLong(c -> c[0]).max().orElse(1);
        int plotW = 960;
        int left = 50;
        int plotH = 150;
        int top = 28;
        double barW = (double) plotW / bars;
        raw("<p class=\"note\">In-scope events per ").text(duration(width)).raw(" (").text(count(histogram.events()))
                .raw(" dated events; failed calls in red). Markers: findings by their first occurrence, coloured by "
                        + "the highest band in that interval; hover for rule ids.</p>\n");
        int svgW = left + plotW + 10;
        int svgH = top + plotH + 40;
        raw("<svg class=\"chart\" role=\"img\" aria-label=\"activity timeline\" viewBox=\"0 0 ").raw(svgW + " " + svgH)
                .raw("\" width=\"").raw(Integer.toString(svgW)).raw("\" height=\"").raw(Integer.toString(svgH))
                .raw("\">");
        raw("<line class=\"axis\" x1=\"").raw(Integer.toString(left)).raw("\" y1=\"").raw(Integer.toString(top + plotH))
                .raw("\" x2=\"").raw(Integer.toString(left + plotW)).raw("\" y2=\"").raw(Integer.toString(top + plotH))
                .raw("\"/>");
        raw("<text x=\"0\" y=\"").raw(Integer.toString(top + 10)).raw("\">").raw(Long.toString(max)).raw("</text>");
        for (Map.Entry<Integer, long[]> e : byBar.entrySet()) {
            long[] c = e.getValue();
            double x = left + e.getKey() * barW;
            long h = Math.max(1, Math.round(plotH * (double) c[0] / max));
            long fh = c[1] == 0 ? 0 : Math.max(1, Math.round(plotH * (double) c[1] / max));
            long start = from + e.getKey() * width;
            raw("<g><title>").text(MINUTE.format(Instant.ofEpochMilli(start)) + " +" + duration(width) + ": " + c[0]
                    + " events, " + c[1] + " failed, " + c[2] + " writes").raw("</title>");
            rect("ev", x, top + plotH - h, barW, h);
            if (fh > 0) {
                rect("fail", x, top + plotH - fh, barW, fh);
            }
            raw("</g>");
        }
        markers(from, width, bars, left, barW, top);
        int ticks = Math.min(6, bars);
        double lastX = -1000;
        for (int i = 0; i <= ticks; i++) {
            int bar = (int) Math.round((double) bars * i / ticks);
            double x = left + bar * barW;
            if (x - lastX < 130 && i < ticks || plotW + left - x < 130 && i > 0 && i < ticks) {
                continue; // labels are about 110 px wide: keep them apart
            }
            lastX = x;
            raw("<text class=\"tick\" text-anchor=\"").raw(i == 0 ? "start" : i == ticks ? "end" : "middle")
                    .raw("\" x=\"").raw(num(x)).raw("\" y=\"").raw(Integer.toString(top + plotH + 16))
                    .raw("\">").text(MINUTE.format(Instant.ofEpochMilli(from + bar * width))).raw("</text>");
        }
        raw("</svg>\n");
        if (histogram.undated() > 0) {
            raw("<p class=\"note\">").text(count(histogram.undated()))
                    .raw(" in-scope events state no time and are on no bar.</p>\n");
        }
        raw("</section>\n");
    }

    private void markers(long from, long width, int bars, int left, double barW, int top) {
        TreeMap<Integer, List<Finding>> byBar = new TreeMap<>();
        for (Finding f : report.raised()) {
            long first = f.rule().evidence().firstSeenMs();
            if (first > 0) {
                int bar = (int) Math.min(bars - 1L, Math.max(0, (first - from) / width));
                byBar.computeIfAbsent(bar, k -> new ArrayList<>()).add(f);
            }
        }
        for (Map.Entry<Integer, List<Finding>> e : byBar.entrySet()) {
            List<Finding> here = e.getValue();
            double cx = left + (e.getKey() + 0.5) * barW;
            StringBuilder tip = new StringBuilder();
            for (int i = 0; i < Math.min(5, here.size()); i++) {
                Finding f = here.get(i);
                tip.append(i == 0 ? "" : "\n").append(f.rule().ruleId()).append(' ').append(f.aivss().score())
                        .append(' ').append(f.rule().title());
            }
            if (here.size() > 5) {
                tip.append("\n+").append(here.size() - 5).append(" more");
            }
            raw("<g><title>").text(tip.toString()).raw("</title><path class=\"b-").raw(bandClass(here.get(0).aivss()
                    .band())).raw("\" d=\"M").raw(num(cx - 6)).raw(" ").raw(Integer.toString(top - 14)).raw(" L")
                    .raw(num(cx + 6)).raw(" ").raw(Integer.toString(top - 14)).raw(" L").raw(num(cx)).raw(" ")
                    .raw(Integer.toString(top - 3)).raw(" Z\"/><line class=\"mark\" x1=\"").raw(num(cx)).raw("\" y1=\"")
                    .raw(Integer.toString(top - 3)).raw("\" x2=\"").raw(num(cx)).raw("\" y2=\"")
                    .raw(Integer.toString(top + 150)).raw("\"/></g>");
        }
    }

    private void rect(String cls, double x, long y, double w, long h) {
        raw("<rect class=\"").raw(cls).raw("\" x=\"").raw(num(x)).raw("\" y=\"").raw(Long.toString(y))
                .raw("\" width=\"")
                .raw(num(Math.max(0.5, w - (w > 3 ? 1 : 0)))).raw("\" height=\"").raw(Long.toString(h)).raw("\"/>");
    }

    /** The smallest width of the ladder (or a multiple of a week) at least {@code base} giving few enough bars. */
    static long displayWidth(long base, long span) {
        for (long w : WIDTHS_MS) {
            if (w >= base && w % base == 0 && span / w < MAX_BARS) {
                return w;
            }
        }
        long week = WIDTHS_MS[WIDTHS_MS.length - 1];
        return week * Math.max(1, (span / week) / MAX_BARS + 1);
    }

    // ---- findings ----------------------------------------------------------------------------------------

    private void topFindings() {
        List<Finding> top = report.top(DETAILED);
        raw("<section id=\"top\"><h2>Top findings</h2>\n");
        if (top.isEmpty()) {
            raw("<p>No finding was raised.</p></section>\n");
            return;
        }
        raw("<p class=\"note\">The ").raw(Integer.toString(top.size())).raw(" highest-scored of ")
                .raw(count(report.raised().size())).raw(" findings with their evidence. Evidence events are the "
                        + "normalized events (secrets already redacted by the normalizers), a bounded sample per "
                        + "finding.</p>\n");
        EvidenceEvents events = report.evaluation().evidenceEvents();
        for (int i = 0; i < top.size(); i++) {
            detail(i + 1, top.get(i), events);
        }
        raw("</section>\n");
    }

    private void detail(int rank, Finding finding, EvidenceEvents events) {
        RuleFinding rule = finding.rule();
        Evidence evidence = rule.evidence();
        raw("<article id=\"f").raw(Integer.toString(rank)).raw("\" class=\"finding\"><h3><span class=\"badge b-")
                .raw(bandClass(finding.aivss().band())).raw("\">").text(finding.aivss().score().toPlainString() + " "
                        + finding.aivss().band().label()).raw("</span> ").text(rule.title())
                .raw("</h3>\n<table class=\"kv\">");
        kv("rule", rule.ruleId() + " (" + rule.kind().id() + " rule, " + rule.layer().name() + " "
                + rule.layer().title() + ")");
        kv("AIVSS", finding.aivss().score().toPlainString() + " " + finding.aivss().band().label() + "   "
                + finding.aivss().vector());
        kv("CVSS base", rule.cvssBase().toPlainString() + " (rule severity " + rule.severity().name() + ")");
        kv("where", rule.cloud().provider().id() + " / " + orDash(rule.cloud().account()) + " / "
                + orDash(rule.cloud().region()));
        kv("resource", orDash(rule.resource()));
        if (!rule.detail().isEmpty()) {
            kv("detail", rule.detail());
        }
        evidence.firstSeen().ifPresent(first -> kv("seen", Instant.ofEpochMilli(first) + " to "
                + Instant.ofEpochMilli(evidence.lastSeenMs())));
        if (!evidence.counts().isEmpty()) {
            kv("counts", new TreeMap<>(evidence.counts()).toString());
        }
        if (!evidence.eventIds().isEmpty()) {
            List<String> ids = evidence.eventIds();
            kv("event ids", String.join(", ", ids.subList(0, Math.min(LISTED_IDS, ids.size())))
                    + (ids.size() > LISTED_IDS ? " and " + (ids.size() - LISTED_IDS) + " more in findings.jsonl" : ""));
        }
        if (!evidence.sources().isEmpty()) {
            kv("posture sources", String.join(", ", evidence.sources()));
        }
        if (!rule.attack().isEmpty() || !rule.stratus().isEmpty()) {
            kv("techniques", String.join(", ", rule.attack()) + (rule.stratus().isEmpty() ? ""
                    : " / Stratus: " + String.join(", ", rule.stratus())));
        }
        kv("finding id", finding.id());
        raw("</table>\n<p class=\"rem\"><b>Remediation.</b> ").text(orDash(rule.remediation())).raw("</p>\n");
        int printed = 0;
        for (String id : evidence.eventIds()) {
            Optional<String> json = events.json(id);
            if (json.isPresent()) {
                raw("<details").raw(printed == 0 ? " open" : "").raw("><summary>event ").text(id)
                        .raw("</summary><pre>").text(json.get()).raw("</pre></details>\n");
                if (++printed == PRINTED_EVENTS) {
                    break;
                }
            }
        }
        if (printed == 0 && !evidence.eventIds().isEmpty()) {
            raw("<p class=\"note\">No evidence event of this finding was kept in the sample.</p>\n");
        }
        raw("</article>\n");
    }

    private void allFindings() {
        List<Finding> raised = report.raised();
        raw("<section id=\"findings\"><h2>All findings (").raw(count(raised.size())).raw(")</h2>\n");
        findingPages(raised);
        List<Finding> dryRun = report.findings().stream().filter(f -> f.rule().dryRun()).toList();
        if (!dryRun.isEmpty()) {
            raw("<h3>Dry-run rules (").raw(count(dryRun.size())).raw(", not counted)</h3>\n");
            findingPages(dryRun);
        }
        suppressedFindings();
        raw("</section>\n");
    }

    // accepted findings stay visible with who accepted them, why and until when (docs/suppressions.md)
    private void suppressedFindings() {
        List<Finding> suppressed = report.suppressed();
        if (suppressed.isEmpty()) {
            return;
        }
        raw("<h3>Suppressed (").raw(count(suppressed.size())).raw(", not counted)</h3>\n");
        raw("<table class=\"grid\"><thead><tr><th class=\"n\">AIVSS</th><th>rule</th><th>title</th><th>resource</th>"
                + "<th>owner</th><th>reason</th><th>expires</th></tr></thead><tbody>");
        for (Finding f : suppressed) {
            RuleFinding rule = f.rule();
            raw("<tr><td class=\"n\"><span class=\"badge b-").raw(bandClass(f.aivss().band())).raw("\">")
                    .text(f.aivss().score().toPlainString()).raw("</span></td><td>").text(rule.ruleId())
                    .raw("</td><td>").text(rule.title()).raw("<br><code class=\"id\">").text(f.id())
                    .raw("</code></td><td>").text(orDash(rule.resource())).raw("</td>");
            report.suppression(f).ifPresentOrElse(entry -> raw("<td>").text(entry.owner()).raw("</td><td>")
                    .text(entry.reason()).raw("</td><td>").text(entry.expires().toString()).raw("</td>"),
                    () -> raw("<td>-</td><td>-</td><td>-</td>"));
            raw("</tr>\n");
        }
        raw("</tbody></table>\n");
    }

    private void findingPages(List<Finding> findings) {
        List<Finding> top = report.top(DETAILED);
        for (int page = 0; page * PAGE_ROWS < findings.size(); page++) {
            int from = page * PAGE_ROWS;
            int to = Math.min(findings.size(), from + PAGE_ROWS);
            raw("<details").raw(page == 0 ? " open" : "").raw("><summary>findings ").raw(count(from + 1)).raw("-")
                    .raw(count(to)).raw("</summary><table class=\"grid\"><thead><tr><th class=\"n\">#</th>"
                            + "<th class=\"n\">AIVSS</th><th>layer</th><th>rule</th><th>title</th><th>resource</th>"
                            + "<th>where</th><th>first seen</th><th class=\"n\">events</th></tr></thead><tbody>");
            for (int i = from; i < to; i++) {
                Finding f = findings.get(i);
                RuleFinding rule = f.rule();
                int rank = top.indexOf(f) + 1;
                raw("<tr><td class=\"n\">");
                if (rank > 0) {
                    raw("<a href=\"#f").raw(Integer.toString(rank)).raw("\">").raw(Integer.toString(i + 1)).raw("</a>");
                } else {
                    raw(Integer.toString(i + 1));
                }
                raw("</td><td class=\"n\"><span class=\"badge b-").raw(bandClass(f.aivss().band())).raw("\">")
                        .text(f.aivss().score().toPlainString()).raw("</span></td><td>").raw(rule.layer().name())
                        .raw("</td><td>").text(rule.ruleId()).raw("</td><td>").text(rule.title())
                        .raw("<br><code class=\"id\">")
                        .text(f.id()).raw("</code></td><td>")
                        .text(orDash(rule.resource())).raw("</td><td>").text(rule.cloud().provider().id() + " "
                                + orDash(rule.cloud().account()) + " " + rule.cloud().region()).raw("</td><td>");
                rule.evidence().firstSeen().ifPresent(t -> text(MINUTE.format(Instant.ofEpochMilli(t))));
                raw("</td><td class=\"n\">").raw(Long.toString(eventCount(rule.evidence()))).raw("</td></tr>\n");
            }
            raw("</tbody></table></details>\n");
        }
    }

    // counts carry the true number where a rule states one; the id list is capped
    private static long eventCount(Evidence evidence) {
        return Math.max(evidence.eventIds().size(), evidence.counts().getOrDefault("events", 0L));
    }

    // ---- used versus granted (docs/usage.md) ---------------------------------------------------------------

    // renders the policy's usage report as it is: every value is log- or posture-derived text, so escaped
    private void usage() {
        JsonNode entries = report.evaluation().usage();
        raw("<section id=\"usage\"><h2>Usage: used versus granted</h2>\n");
        if (entries.isEmpty()) {
            raw("<p>No posture was read, so there is no grant to compare use with (usage.json is empty).</p>"
                    + "</section>\n");
            return;
        }
        for (JsonNode entry : entries) {
            raw("<h3>").text(entry.path("cloud").asText()).raw(" ").text(entry.path("account").asText())
                    .raw(": <code>").text(entry.path("identity").asText()).raw("</code></h3>\n<table class=\"kv\">");
            JsonNode history = entry.path("history");
            kv("history", history.path("runs").asLong() + " runs folded; "
                    + (history.path("covers_lookback").asBoolean()
                            ? "covers the " + entry.path("lookback_days").asLong() + "-day lookback"
                            : "shorter than the " + entry.path("lookback_days").asLong()
                                    + "-day lookback, so \"never used\" is not known yet"));
            kv("used", count(entry.path("used").size()) + " permissions");
            kv("granted, never used", count(entry.path("granted_never_used").size()) + " permissions");
            long notGranted = 0;
            for (JsonNode denied : entry.path("denied")) {
                notGranted += denied.path("granted").asBoolean() ? 0 : 1;
            }
            kv("denied", count(entry.path("denied").size()) + " permissions, " + count(notGranted)
                    + " of them not granted");
            raw("</table>\n");
            usageList("used", entry.path("used"));
            usageList("granted, never used", entry.path("granted_never_used"));
            if (!entry.path("denied").isEmpty()) {
                raw("<details><summary>denied (").raw(count(entry.path("denied").size())).raw(")</summary><ul>");
                for (JsonNode denied : entry.path("denied")) {
                    raw("<li><code>").text(denied.path("action").asText()).raw("</code> ")
                            .text(denied.path("granted").asBoolean() ? "granted but refused" : "not granted")
                            .raw("</li>");
                }
                raw("</ul></details>\n");
            }
            JsonNode passRole = entry.path("pass_role");
            usageList("roles passed", passRole.path("passed"));
            if (!passRole.path("passable").isEmpty()) {
                raw("<table class=\"grid\"><thead><tr><th>passable role</th><th>passed</th></tr></thead><tbody>");
                for (JsonNode role : passRole.path("passable")) {
                    raw("<tr><td><code>").text(role.path("role").asText()).raw("</code></td><td>")
                            .text(role.path("passed").asBoolean() ? "yes" : "no").raw("</td></tr>\n");
                }
                raw("</tbody></table>\n");
            }
            if (!passRole.path("unresolved_profiles").isEmpty()) {
                usageList("instance profiles not tied to a passable role (map them in usage.instance_profile_roles)",
                        passRole.path("unresolved_profiles"));
            }
        }
        raw("</section>\n");
    }

    private void usageList(String label, JsonNode values) {
        if (values.isEmpty()) {
            return;
        }
        raw("<details><summary>").text(label).raw(" (").raw(count(values.size())).raw(")</summary><p>");
        boolean first = true;
        for (JsonNode value : values) {
            raw(first ? "" : ", ").raw("<code>").text(value.asText()).raw("</code>");
            first = false;
        }
        raw("</p></details>\n");
    }

    // ---- what was scanned and what was not ---------------------------------------------------------------

    private void scanned() {
        ScanRequest request = report.request();
        Evaluation evaluation = report.evaluation();
        ReadCounts counts = evaluation.counts();
        raw("<section id=\"scanned\"><h2>What was scanned</h2>\n<table class=\"kv\">");
        kv("window", (request.windowStartMs() > 0 ? Instant.ofEpochMilli(request.windowStartMs()).toString()
                : "whatever the inputs hold") + " to " + Instant.ofEpochMilli(request.windowEndMs()));
        if (evaluation.firstEventMs() > 0) {
            kv("events between", Instant.ofEpochMilli(evaluation.firstEventMs()) + " and "
                    + Instant.ofEpochMilli(evaluation.lastEventMs()));
        }
        kv("records", count(counts.read()) + " read, " + count(counts.normalized()) + " normalized, "
                + count(counts.quarantined()) + " quarantined");
        kv("in scope", count(evaluation.eventsInScope()) + " events of the watched identity");
        kv("rules", report.rulesEvaluated() + " rules, " + count(evaluation.chunks()) + " event chunks + 1 window "
                + "and posture pass");
        raw("</table>\n<h3>Sources (").raw(count(evaluation.sources().size())).raw(")</h3>\n");
        List<SourceReport> sources = evaluation.sources();
        for (int page = 0; page * PAGE_ROWS < sources.size(); page++) {
            int from = page * PAGE_ROWS;
            int to = Math.min(sources.size(), from + PAGE_ROWS);
            raw("<details").raw(page == 0 ? " open" : "").raw("><summary>sources ").raw(count(from + 1)).raw("-")
                    .raw(count(to)).raw("</summary><table class=\"grid\"><thead><tr><th>source</th><th class=\"n\">read"
                            + "</th><th class=\"n\">normalized</th><th class=\"n\">quarantined</th><th class=\"n\">in "
                            + "scope</th></tr></thead><tbody>");
            for (SourceReport s : sources.subList(from, to)) {
                raw("<tr><td><code>").text(s.name()).raw("</code></td><td class=\"n\">").raw(count(s.counts().read()))
                        .raw("</td><td class=\"n\">").raw(count(s.counts().normalized())).raw("</td><td class=\"n\">")
                        .raw(count(s.counts().quarantined())).raw("</td><td class=\"n\">").raw(count(s.inScope()))
                        .raw("</td></tr>\n");
            }
            raw("</tbody></table></details>\n");
        }
        raw("<h3>IAM posture</h3>\n");
        if (request.postures().isEmpty()) {
            raw("<p>No posture was read.</p>\n");
        } else {
            raw("<table class=\"grid\"><thead><tr><th>cloud</th><th>identity</th><th>account</th><th class=\"n\">"
                    + "grants</th><th class=\"n\">trust</th><th class=\"n\">credentials</th><th>source</th></tr>"
                    + "</thead>"
                    + "<tbody>");
            for (Posture p : request.postures()) {
                raw("<tr><td>").text(p.cloud().id()).raw("</td><td><code>").text(p.identity()).raw("</code></td><td>")
                        .text(p.account()).raw("</td><td class=\"n\">").raw(count(p.grants().size()))
                        .raw("</td><td class=\"n\">").raw(count(p.trust().size())).raw("</td><td class=\"n\">")
                        .raw(count(p.credentials().size())).raw("</td><td>").text(p.source()).raw("</td></tr>\n");
            }
            raw("</tbody></table>\n");
        }
        raw("<h3>Quarantine</h3>\n");
        if (report.quarantine().total() == 0) {
            raw("<p>No record was quarantined.</p>\n");
        } else {
            raw("<table class=\"grid\"><thead><tr><th>reason</th><th class=\"n\">records</th></tr></thead><tbody>");
            report.quarantine().byReason().forEach((reason, n) -> raw("<tr><td>").text(reason)
                    .raw("</td><td class=\"n\">").raw(count(n)).raw("</td></tr>"));
            raw("</tbody></table>\n<table class=\"grid\"><thead><tr><th>source</th><th class=\"n\">records</th></tr>"
                    + "</thead><tbody>");
            report.quarantine().bySource().forEach((source, n) -> raw("<tr><td><code>").text(source)
                    .raw("</code></td><td class=\"n\">").raw(count(n)).raw("</td></tr>"));
            raw("</tbody></table>\n");
        }
        raw("</section>\n");
    }

    private void notScanned() {
        ScanRequest request = report.request();
        Evaluation evaluation = report.evaluation();
        List<String> items = new ArrayList<>();
        if (report.quarantine().total() > 0) {
            items.add(count(report.quarantine().total()) + " records could not be normalized and were not judged "
                    + "(quarantine.jsonl has each with its reason).");
        }
        long others = evaluation.counts().normalized() - evaluation.eventsInScope();
        if (!request.identity().matchesAll() && others > 0) {
            items.add(count(others) + " normalized events of other principals were outside the identity filter.");
        }
        if (evaluation.undatedEvents() > 0) {
            items.add(count(evaluation.undatedEvents()) + " in-scope events state no time: judged by event rules, "
                    + "not counted by per-interval window rules.");
        }
        if (evaluation.eventsWithIssues() > 0) {
            items.add(count(evaluation.eventsWithIssues()) + " in-scope events were taken with normalizer issues "
                    + "(fields missing or malformed; see metadata.issues).");
        }
        long empty = evaluation.sources().stream().filter(s -> s.inScope() == 0).count();
        if (empty > 0) {
            items.add(count(empty) + " of " + count(evaluation.sources().size())
                    + " sources held no event of the watched identity.");
        }
        if (request.postures().isEmpty()) {
            items.add("No IAM posture was read, so posture rules had nothing to judge.");
        }
        request.postureWarnings().forEach(w -> items.add("Posture: " + w));
        if (request.windowStartMs() > 0) {
            items.add("Activity before " + Instant.ofEpochMilli(request.windowStartMs()) + " or after "
                    + Instant.ofEpochMilli(request.windowEndMs()) + " is outside this run's window.");
        }
        raw("<section id=\"not-scanned\"><h2>What was not scanned</h2>\n");
        if (items.isEmpty()) {
            raw("<p>Every record read was normalized, in scope and dated; posture was read.</p>\n");
        } else {
            raw("<ul>");
            items.forEach(item -> raw("<li>").text(item).raw("</li>\n"));
            raw("</ul>\n");
        }
        raw("</section>\n");
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private void kv(String key, String value) {
        raw("<tr><th>").text(key).raw("</th><td>").text(value).raw("</td></tr>");
    }

    private HtmlReport raw(String trusted) {
        out.append(trusted);
        return this;
    }

    private HtmlReport text(String untrusted) {
        Html.appendEscaped(out, untrusted);
        return this;
    }

    private static String title(IdentityMatcher identity) {
        return identity.matchesAll() ? "every principal" : identity.principals().get(0).value()
                + (identity.principals().size() > 1 ? " and " + (identity.principals().size() - 1) + " more" : "");
    }

    private static String bandClass(Band band) {
        return band.name().toLowerCase(Locale.ROOT);
    }

    private static String orDash(String value) {
        return value.isEmpty() ? "-" : value;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String duration(long ms) {
        long minutes = ms / 60_000;
        if (minutes < 60) {
            return minutes + " min";
        }
        return minutes % 1440 == 0 ? (minutes / 1440) + " d" : (minutes / 60) + " h";
    }

    private static String sha256(String css) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String css() {
        return String.join("\n",
                "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0 auto;"
                        + "max-width:1200px;padding:16px 24px;color:#1d2330;background:#fff}",
                "h1{margin:0;font-size:24px}h2{margin:28px 0 8px;font-size:19px;border-bottom:1px solid #dde2ea;"
                        + "padding-bottom:4px}h3{font-size:15px;margin:14px 0 6px}",
                ".sub,.note{color:#5b6475}.note{font-size:13px}.warn{background:#fff4d6;border:1px solid #e9c46a;"
                        + "padding:6px 10px}",
                "nav{margin:10px 0}nav a{margin-right:12px;color:#1f5fbf;text-decoration:none}",
                ".cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}.card{border:1px solid #dde2ea;"
                        + "border-radius:6px;padding:8px 14px;min-width:120px}.card .v{font-size:20px;font-weight:600}"
                        + ".card .l{color:#5b6475;font-size:12px}",
                "table{border-collapse:collapse;margin:6px 0}th,td{text-align:left;vertical-align:top;"
                        + "padding:3px 8px}td,th{overflow-wrap:anywhere}.kv th{color:#5b6475;font-weight:500;"
                        + "white-space:nowrap}",
                ".grid{width:100%}.grid th,.grid td{border-bottom:1px solid #eceff4}.grid thead th{background:#f4f6f9}"
                        + ".n{text-align:right;font-variant-numeric:tabular-nums}",
                "code.id{color:#5b6475;font-size:11px}"
                        + "code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}"
                        + "pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:8px;overflow:auto;max-height:420px;"
                        + "white-space:pre-wrap;overflow-wrap:anywhere}",
                ".finding{border:1px solid #dde2ea;border-radius:6px;padding:4px 14px 10px;margin:12px 0}"
                        + ".rem{background:#eef6ee;padding:6px 10px}",
                ".badge{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;font-weight:600}",
                ".b-critical{background:#8b1a1a;fill:#8b1a1a}.b-high{background:#d1495b;fill:#d1495b}"
                        + ".b-medium{background:#e09f3e;fill:#e09f3e}.b-low{background:#5b8e7d;fill:#5b8e7d}"
                        + ".b-none{background:#9aa3b2;fill:#9aa3b2}",
                ".heat td.lv0{color:#9aa3b2}.heat td.lv1,.heat td.lv2,.heat td.lv3{color:#fff;font-weight:600}",
                ".h-critical.lv1{background:#c06060}.h-critical.lv2{background:#a03030}"
                        + ".h-critical.lv3{background:#8b1a1a}",
                ".h-high.lv1{background:#e48a96}.h-high.lv2{background:#d9677a}.h-high.lv3{background:#c23b50}",
                ".h-medium.lv1{background:#eebd74}.h-medium.lv2{background:#e5a74f}.h-medium.lv3{background:#c9861f}",
                ".h-low.lv1{background:#8fb5a8}.h-low.lv2{background:#6d9f8e}.h-low.lv3{background:#4b7d6c}",
                ".chart{max-width:100%;height:auto;font-size:11px}.chart text{fill:#5b6475}.chart .ev{fill:#7a9cc6}"
                        + ".chart .fail{fill:#d1495b}.chart .axis{stroke:#9aa3b2}.chart .mark{stroke:#c23b50;"
                        + "stroke-width:1;stroke-dasharray:2 2;opacity:.6}",
                "details{margin:4px 0}summary{cursor:pointer;color:#1f5fbf}",
                "footer{margin:32px 0 8px;color:#5b6475;font-size:12px}");
    }
}
