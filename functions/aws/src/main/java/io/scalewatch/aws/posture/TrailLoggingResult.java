package io.scalewatch.aws.posture;

import io.scalewatch.core.posture.LoggingPosture;
import java.util.List;
import java.util.Objects;

/**
 * The trails covering one region of an account, or why they could not be read.
 *
 * @param logging the region's logging posture; {@link LoggingPosture#NOT_COLLECTED} when CloudTrail refused a call
 * @param warnings what could not be read (a posture warning, never a failure of the scan)
 */
public record TrailLoggingResult(LoggingPosture logging, List<String> warnings) {
    public TrailLoggingResult {
        Objects.requireNonNull(logging, "logging");
        warnings = List.copyOf(warnings);
    }
}
