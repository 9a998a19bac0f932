package io.scalewatch.aws.collect;

import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.normalize.ReadCounts;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one collector run did.
 *
 * @param source the collector's name ({@code cloudtrail:lookup 123456789012/us-east-1}, ...)
 * @param window the window asked for
 * @param coveredUntil every event of {@code [window.start, coveredUntil)} was handed to the sink; the
 *     checkpoint may advance to here and no further. {@code window.end} when complete, {@code window.start}
 *     when nothing can be vouched for.
 * @param counts records of the window read, normalized and quarantined (events outside the window are not
 *     in them)
 * @param outsideWindow events read but dated outside the window, dropped
 * @param otherPrincipals events in the window made by principals other than the watched identity, read and
 *     normalized but not handed to the sink
 * @param handed events handed to the sink
 * @param requests API requests sent (the collector's own retries included; retries made inside an SDK client,
 *     as S3's, are not seen)
 * @param retries requests the collector retried
 * @param stopReason why collecting stopped before the window's end (deadline, throttling); empty when complete
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
