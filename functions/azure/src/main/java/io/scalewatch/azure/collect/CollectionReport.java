package io.scalewatch.azure.collect;

import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.normalize.ReadCounts;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one AzureActivity collection did.
 *
 * @param source the collector's name ({@code azure:activity <workspace id>})
 * @param window the window asked for
 * @param coveredUntil every event of {@code [window.start, coveredUntil)} was handed to the sink; the checkpoint may
 *     advance to here and no further
 * @param counts rows of the window read, normalized and quarantined (rows dated outside their query are not in them)
 * @param outsideWindow rows dated outside the slice they were asked for, dropped
 * @param otherPrincipals rows of other principals (the service filters them; counted when it does not), normalized
 *     but not handed over
 * @param duplicates rows seen again after a partial answer or a split, not handed over twice
 * @param handed events handed to the sink
 * @param queries Logs Query requests sent, retries included
 * @param retries requests retried after throttling, a server error or a timeout
 * @param splits slices cut smaller because they hit the row limit, answered partially or timed out
 * @param partialSlices answers that carried a partial error
 * @param stopReason why collecting stopped before the window's end; empty when complete
 */
public record CollectionReport(
        String source,
        ScanWindow window,
        Instant coveredUntil,
        ReadCounts counts,
        long outsideWindow,
        long otherPrincipals,
        long duplicates,
        long handed,
        long queries,
        long retries,
        long splits,
        long partialSlices,
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
        if (coveredUntil.equals(window.end()) != stopReason.isEmpty()) {
            throw new IllegalArgumentException("a report covers the whole window exactly when it has no stop reason;"
                    + " got coveredUntil " + coveredUntil + " (end " + window.end() + ") and stop reason '"
                    + stopReason + "'");
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
