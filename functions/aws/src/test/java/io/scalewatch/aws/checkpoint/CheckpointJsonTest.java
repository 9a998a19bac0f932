package io.scalewatch.aws.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.aws.SinkFixtures;
import io.scalewatch.core.checkpoint.Checkpoint;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.event.CloudProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointJsonTest {
    private static final Checkpoint CHECKPOINT = new Checkpoint(
            new CheckpointKey(CloudProvider.AWS, "111122223333", "us-east-1", SinkFixtures.ROLE),
            Instant.parse("2026-11-25T11:45:00Z"), "20261125T120000Z", Instant.parse("2026-11-25T12:03:12.481Z"));

    @Test
    void write_checkpoint_isTheStoredFormat() {
        assertThat(new String(CheckpointJson.write(CHECKPOINT), StandardCharsets.UTF_8))
                .isEqualTo(SinkFixtures.resource("checkpoint/stored-checkpoint.json").strip());
    }

    @Test
    void read_writtenCheckpoint_roundTrips() {
        assertThat(CheckpointJson.read(CheckpointJson.write(CHECKPOINT))).isEqualTo(CHECKPOINT);
    }

    @Test
    void read_otherFormat_isRejectedNamingIt() {
        byte[] bytes = "{\"format\":2}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CheckpointJson.read(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint format must be 1, got 2");
    }

    @Test
    void read_notJson_isRejectedWithoutEchoingTheContent() {
        byte[] bytes = "secret-ish {".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CheckpointJson.read(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint is not JSON");
    }

    @Test
    void read_unparseableTime_namesFieldAndValue() {
        String text = SinkFixtures.resource("checkpoint/stored-checkpoint.json")
                .replace("2026-11-25T11:45:00Z", "yesterday");

        assertThatThrownBy(() -> CheckpointJson.read(text.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'covered_until' must be an ISO-8601 instant")
                .hasMessageContaining("'yesterday'");
    }
}
