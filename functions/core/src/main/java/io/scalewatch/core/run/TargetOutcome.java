package io.scalewatch.core.run;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scheduled run did for one target.
 *
 * @param status done, partial (stopped for the deadline; checkpointed where it stopped), failed, skipped
 * @param coveredUntil where the checkpoint now stands, if it moved
 * @param findings raised findings published
 * @param error why it failed, when it did (no secrets: messages come from scalewatch and the SDKs' codes)
 */
public record TargetOutcome(
        ScanTarget target, Status status, Optional<Instant> coveredUntil, int findings, Optional<String> error) {
    /** How a target ended. */
    public enum Status {
        DONE,
        PARTIAL,
        FAILED,
        SKIPPED
    }

    public TargetOutcome {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(coveredUntil, "coveredUntil");
        Objects.requireNonNull(error, "error");
    }
}
