package io.scalewatch.core.checkpoint;

import java.util.Objects;

/** A checkpoint as stored, with the store's version (e.g. an S3 ETag) for the next conditional write. */
public record StoredCheckpoint(Checkpoint checkpoint, String version) {
    public StoredCheckpoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(version, "version");
    }
}
