package io.scalewatch.core.suppress;

import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.sink.ReportSink;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Logs what a target's suppressions did, for whoever is paged: one WARNING line per expired entry (its findings
 * are raised again) and per stale entry, and one INFO line with the counts. First among a target's sinks, so the
 * lines appear even when a later sink fails; it never throws. Owners pass through the cloud's scrubber.
 */
public final class SuppressionLog implements ReportSink {
    private static final System.Logger LOG = System.getLogger(SuppressionLog.class.getName());

    private final UnaryOperator<String> scrubber;

    /** @param scrubber removes secrets from text bound for a log (the cloud's error scrubber) */
    public SuppressionLog(UnaryOperator<String> scrubber) {
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    }

    @Override
    public String name() {
        return "log:suppressions";
    }

    @Override
    public void publish(ScanReport report) {
        SuppressionResult result = report.suppressions();
        if (result.entries() == 0) {
            return;
        }
        String runId = report.request().runId();
        for (SuppressionResult.Expired expired : result.expired()) {
            Suppression s = expired.suppression();
            LOG.log(Level.WARNING, () -> "run_id=" + runId + " event=suppression_expired entry=" + s.index()
                    + " rule=" + s.rule() + " owner=\"" + quoted(s.owner()) + "\" expires=" + s.expires()
                    + " raised_again=" + expired.wouldMatch());
        }
        for (Suppression s : result.stale()) {
            LOG.log(Level.WARNING, () -> "run_id=" + runId + " event=suppression_stale entry=" + s.index()
                    + " rule=" + s.rule() + " owner=\"" + quoted(s.owner()) + "\"");
        }
        LOG.log(Level.INFO, () -> "run_id=" + runId + " event=suppressions source=" + result.source()
                + " entries=" + result.entries() + " suppressed=" + report.suppressed().size() + " expired="
                + result.expired().size() + " stale=" + result.stale().size());
    }

    // owners come from a reviewed file, but a log line must stay one line whatever they hold
    private String quoted(String text) {
        return scrubber.apply(text).replaceAll("[\\p{Cntrl}\"]", "?");
    }
}
