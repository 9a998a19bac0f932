package io.scalewatch.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBaselineStoreTest {
    @TempDir
    Path dir;

    @Test
    void load_missingFile_isEmpty() {
        assertThat(new FileBaselineStore(dir.resolve("baseline.json")).load()).isEmpty();
    }

    @Test
    void save_thenLoad_sameBaselineAndVersion() {
        FileBaselineStore store = new FileBaselineStore(dir.resolve("nested/baseline.json"));
        IdentityBaseline baseline = BaselineJson.read(Fixtures.bytes("stored-baseline.json"));

        StoredBaseline saved = store.save(baseline, Optional.empty());

        assertThat(store.load()).contains(saved);
        assertThat(dir.resolve("nested")).isDirectoryNotContaining(p -> p.toString().endsWith(".tmp"));
    }

    @Test
    void save_fileChangedSinceLoad_conflictsAndLeavesItAlone() throws IOException {
        FileBaselineStore store = new FileBaselineStore(dir.resolve("baseline.json"));
        StoredBaseline first = store.save(IdentityBaseline.empty(), Optional.empty());
        Files.write(store.file(), Fixtures.bytes("stored-baseline.json"));

        assertThatThrownBy(() -> store.save(IdentityBaseline.empty(), Optional.of(first)))
                .isInstanceOf(BaselineConflictException.class).hasMessageContaining("changed since this scan read it");
        assertThat(store.load().orElseThrow().baseline().runs()).isEqualTo(42);
    }

    @Test
    void load_corruptFile_failsNamingFileAndField() throws IOException {
        Path file = dir.resolve("baseline.json");
        Files.write(file, Fixtures.bytes("corrupt-count.json"));

        assertThatThrownBy(() -> new FileBaselineStore(file).load()).isInstanceOf(BaselineFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'seen.region.us-east-1.count'");
    }
}
