package io.scalewatch.azure.posture;

import io.scalewatch.core.posture.LoggingPosture;
import java.util.List;
import java.util.Objects;

/**
 * The activity-log diagnostic settings of one subscription, or why they could not be read.
 *
 * @param logging the subscription's logging posture; {@link LoggingPosture#NOT_COLLECTED} when ARM refused the list
 * @param warnings what could not be read (a posture warning, never a failure of the scan)
 */
public record AzureLoggingResult(LoggingPosture logging, List<String> warnings) {
    public AzureLoggingResult {
        Objects.requireNonNull(logging, "logging");
        warnings = List.copyOf(warnings);
    }
}
