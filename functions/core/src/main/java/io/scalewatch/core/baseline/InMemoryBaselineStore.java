package io.scalewatch.core.baseline;

import io.scalewatch.core.checkpoint.CheckpointKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Baselines kept in memory with the same conditional saves as a durable store (tests, runs without state). */
public final class InMemoryBaselineStore implements BaselineStore {
    private final Map<CheckpointKey, StoredBaseline> stored = new HashMap<>();
    private long versions;

    @Override
    public synchronized Optional<StoredBaseline> load(CheckpointKey key) {
        return Optional.ofNullable(stored.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public synchronized StoredBaseline save(CheckpointKey key, IdentityBaseline next,
            Optional<StoredBaseline> expected) {
        Objects.requireNonNull(next, "next");
        Optional<String> current = Optional.ofNullable(stored.get(key)).map(StoredBaseline::version);
        Optional<String> wanted = expected.map(StoredBaseline::version);
        if (!current.equals(wanted)) {
            throw new BaselineConflictException("baseline of " + key + " is at version " + current.orElse("<none>")
                    + ", not the expected " + wanted.orElse("<none>"));
        }
        StoredBaseline written = new StoredBaseline(next, "m" + (++versions));
        stored.put(key, written);
        return written;
    }
}
