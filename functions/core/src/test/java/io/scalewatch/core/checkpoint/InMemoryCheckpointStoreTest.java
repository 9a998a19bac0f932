package io.scalewatch.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.event.CloudProvider;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryCheckpointStoreTest {
    private static final CheckpointKey KEY =
            new CheckpointKey(CloudProvider.AWS, "111122223333", "us-east-1", "arn:aws:iam::111122223333:role/a");
    private static final Instant T = Instant.parse("2026-11-24T12:00:00Z");

    private static Checkpoint at(Instant coveredUntil, String runId) {
        return new Checkpoint(KEY, coveredUntil, runId, coveredUntil);
    }

    @Test
    void load_newStore_isEmpty() {
        assertThat(new InMemoryCheckpointStore().load(KEY)).isEmpty();
    }

    @Test
    void advance_fromTheLoadedVersion_storesAndIsLoadedBack() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        StoredCheckpoint first = store.advance(at(T, "r1"), Optional.empty());
        StoredCheckpoint second = store.advance(at(T.plusSeconds(60), "r2"), Optional.of(first));

        assertThat(store.load(KEY)).contains(second);
        assertThat(second.version()).isNotEqualTo(first.version());
    }

    @Test
    void advance_twoRunsFromOneVersion_secondConflicts() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        StoredCheckpoint first = store.advance(at(T, "r1"), Optional.empty());
        store.advance(at(T.plusSeconds(60), "r2"), Optional.of(first));

        assertThatThrownBy(() -> store.advance(at(T.plusSeconds(120), "r3"), Optional.of(first)))
                .isInstanceOf(CheckpointConflictException.class).hasMessageContaining("not the expected");
        assertThatThrownBy(() -> store.advance(at(T, "r4"), Optional.empty()))
                .isInstanceOf(CheckpointConflictException.class);
    }
}
