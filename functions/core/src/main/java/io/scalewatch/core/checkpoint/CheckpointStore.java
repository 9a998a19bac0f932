package io.scalewatch.core.checkpoint;

import java.util.Optional;

/** Keeps checkpoints; writes are conditional so two runs cannot both advance the same one. */
public interface CheckpointStore {
    /** The last stored checkpoint of a target, if any. */
    Optional<StoredCheckpoint> load(CheckpointKey key);

    /**
     * Stores the next checkpoint if the stored one is still {@code expected} (empty: none may exist yet).
     *
     * @throws CheckpointConflictException when another run moved it first
     */
    StoredCheckpoint advance(Checkpoint next, Optional<StoredCheckpoint> expected);
}
