package io.scalewatch.gcp.collect;

import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.normalize.ReadCounts;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one collection of a window did.
 *
 * @param source the collector's name ({@code gcp:logging projects/my-project})
 * @param window the window asked for
 * @param coveredUntil every entry of {@code [window.start, coveredUntil)} was handed to the sink; the checkpoint
 *     may move here and no further. {@code window.end} when complete.
 * @param counts entries of the window read, normalized and quarantined (entries outside the window not included)
 * @param outsideWindow entries returned but dated outside the window, dropped
 * @param otherPrincipals entries in the window whose actor is not the watched account (impersonation chains
 *     where it is a later delegate), normalized but not handed over
 * @param handed events handed to the sink
 * @param requests ListLogEntries requests sent, retries included
 * @param retries requests retried after a quota or transient error
 * @param stopReason why collecting stopped before the window's end (deadline, quota); empty when complete
 */
public record CollectionReport(
        String source,
        ScanWindow window,
        Instant coveredUntil,
        ReadCounts counts,
        long outsideWindow,
        long otherPrincipals,
        long handed,
        long requests,
        long retries,
        String stopReason) {
    public CollectionReport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(coveredUntil, "coveredUntil");
        Objects.requireNonNull(counts, "counts");
        stopReason = Objects.requireNonNullElse(stopReason, "");
        if (coveredUntil.isBefore(window.start()) || coveredUntil.isAfter(window.end())) {
            throw new IllegalArgumentException("coveredUntil " + coveredUntil + " must lie in the window ["
                    + window.start() + ", " + window.end() + "]");
        }
        if (stopReason.isEmpty() && !coveredUntil.equals(window.end())) {
            throw new IllegalArgumentException("a report without a stop reason covers the whole window; got"
                    + " coveredUntil " + coveredUntil + " (end " + window.end() + ")");
        }
    }

    /** True when the whole window was collected. */
    public boolean complete() {
        return stopReason.isEmpty();
    }

    /** Why collecting stopped early, empty when complete. */
    public Optional<String> stopped() {
        return stopReason.isEmpty() ? Optional.empty() : Optional.of(stopReason);
    }
}
