package io.scalewatch.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.event.CloudProvider;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryBaselineStoreTest {
    private static final CheckpointKey KEY = new CheckpointKey(CloudProvider.AWS, "111122223333", "us-east-1",
            "arn:aws:iam::111122223333:role/castai-eks-demo");

    @Test
    void save_thenLoad_returnsSaved() {
        InMemoryBaselineStore store = new InMemoryBaselineStore();
        IdentityBaseline baseline = BaselineJson.read(Fixtures.bytes("stored-baseline.json"));

        StoredBaseline saved = store.save(KEY, baseline, Optional.empty());

        assertThat(store.load(KEY)).contains(saved);
    }

    @Test
    void save_staleVersion_conflicts() {
        InMemoryBaselineStore store = new InMemoryBaselineStore();
        StoredBaseline first = store.save(KEY, IdentityBaseline.empty(), Optional.empty());
        store.save(KEY, IdentityBaseline.empty(), Optional.of(first));

        assertThatThrownBy(() -> store.save(KEY, IdentityBaseline.empty(), Optional.of(first)))
                .isInstanceOf(BaselineConflictException.class);
        assertThatThrownBy(() -> store.save(KEY, IdentityBaseline.empty(), Optional.empty()))
                .isInstanceOf(BaselineConflictException.class);
    }
}
