package io.scalewatch.core.checkpoint;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checkpoints kept in memory only, with the same conditional writes as a durable store: "no state". A CLI scan
 * without a state bucket uses it, so every run cuts its window from the clock and forgets it afterwards.
 */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<CheckpointKey, StoredCheckpoint> stored = new HashMap<>();
    private long versions;

    @Override
    public synchronized Optional<StoredCheckpoint> load(CheckpointKey key) {
        return Optional.ofNullable(stored.get(key));
    }

    @Override
    public synchronized StoredCheckpoint advance(Checkpoint next, Optional<StoredCheckpoint> expected) {
        Optional<String> current = Optional.ofNullable(stored.get(next.key())).map(StoredCheckpoint::version);
        if (!current.equals(expected.map(StoredCheckpoint::version))) {
            throw new CheckpointConflictException("checkpoint of " + next.key() + " is at version "
                    + current.orElse("<none>") + ", not the expected " + expected.map(StoredCheckpoint::version)
                    .orElse("<none>"));
        }
        StoredCheckpoint written = new StoredCheckpoint(next, "m" + (++versions));
        stored.put(next.key(), written);
        return written;
    }
}
