package io.scalewatch.core.run;

import io.scalewatch.core.checkpoint.Checkpoint;
import io.scalewatch.core.checkpoint.CheckpointConflictException;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.CheckpointStore;
import io.scalewatch.core.checkpoint.StoredCheckpoint;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A checkpoint store in memory with the same conditional-write contract as the S3 one (a unit's collaborator). */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final Map<CheckpointKey, StoredCheckpoint> stored = new HashMap<>();
    private int versions;
    private boolean failNextAdvance;

    @Override
    public synchronized Optional<StoredCheckpoint> load(CheckpointKey key) {
        return Optional.ofNullable(stored.get(key));
    }

    @Override
    public synchronized StoredCheckpoint advance(Checkpoint next, Optional<StoredCheckpoint> expected) {
        if (failNextAdvance) {
            failNextAdvance = false;
            throw new IllegalStateException("simulated crash before the checkpoint was written");
        }
        Optional<StoredCheckpoint> current = Optional.ofNullable(stored.get(next.key()));
        if (!current.map(StoredCheckpoint::version).equals(expected.map(StoredCheckpoint::version))) {
            throw new CheckpointConflictException("checkpoint of " + next.key() + " moved");
        }
        StoredCheckpoint written = new StoredCheckpoint(next, "v" + (++versions));
        stored.put(next.key(), written);
        return written;
    }

    /** The next advance throws, as a crash between the sinks and the checkpoint would. */
    public synchronized void failNextAdvance() {
        failNextAdvance = true;
    }
}
