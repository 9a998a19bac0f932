package io.scalewatch.core.checkpoint;

import java.time.Instant;
import java.util.Objects;

/**
 * How far a target has been scanned: every event up to {@code coveredUntil} was evaluated and published.
 *
 * @param runId the run that advanced it
 * @param writtenAt when it was written
 */
public record Checkpoint(CheckpointKey key, Instant coveredUntil, String runId, Instant writtenAt) {
    public Checkpoint {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(coveredUntil, "coveredUntil");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(writtenAt, "writtenAt");
    }
}
