package io.scalewatch.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.event.CloudProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanWindowTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final CheckpointKey KEY =
            new CheckpointKey(CloudProvider.AWS, "111122223333", "us-east-1", "arn:aws:iam::111122223333:role/a");

    private static Optional<Checkpoint> at(String coveredUntil) {
        return Optional.of(new Checkpoint(KEY, Instant.parse(coveredUntil), "r", NOW));
    }

    @Test
    void next_firstRun_backfillsUpToTheIngestionDelay() {
        ScanWindow window = ScanWindow.next(Optional.empty(), NOW, ScanWindow.Policy.DEFAULT);
        assertThat(window.end()).isEqualTo(Instant.parse("2026-11-25T11:45:00Z"));
        assertThat(window.start()).isEqualTo(Instant.parse("2026-11-24T11:45:00Z"));
    }

    @Test
    void next_afterCheckpoint_overlapsIt() {
        ScanWindow window = ScanWindow.next(at("2026-11-25T11:30:00Z"), NOW, ScanWindow.Policy.DEFAULT);
        assertThat(window.start()).isEqualTo(Instant.parse("2026-11-25T11:20:00Z"));
        assertThat(window.end()).isEqualTo(Instant.parse("2026-11-25T11:45:00Z"));
    }

    @Test
    void next_longGap_isCappedAtMaxWindow() {
        ScanWindow window = ScanWindow.next(at("2026-11-20T00:00:00Z"), NOW, ScanWindow.Policy.DEFAULT);
        assertThat(Duration.between(window.start(), window.end())).isEqualTo(Duration.ofHours(24));
        assertThat(window.start()).isEqualTo(Instant.parse("2026-11-19T23:50:00Z"));
    }

    @Test
    void next_checkpointAheadOfNow_givesEmptyWindow() {
        ScanWindow window = ScanWindow.next(at("2026-11-25T13:00:00Z"), NOW, ScanWindow.Policy.DEFAULT);
        assertThat(window.start()).isEqualTo(window.end());
    }

    @Test
    void contains_startInclusiveEndExclusive() {
        ScanWindow window = new ScanWindow(NOW, NOW.plusSeconds(60));
        assertThat(window.contains(NOW)).isTrue();
        assertThat(window.contains(NOW.plusSeconds(60))).isFalse();
    }

    @Test
    void policy_negativeDuration_isRejected() {
        assertThatThrownBy(() -> new ScanWindow.Policy(Duration.ofMinutes(-1), Duration.ZERO, Duration.ofHours(1),
                Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1M");
    }

    @Test
    void identitySlug_isPathSafeAndStable() {
        String slug = KEY.identitySlug();
        assertThat(slug).matches("[a-z0-9-]+").endsWith(KEY.identitySlug().substring(slug.length() - 12));
        assertThat(slug).isEqualTo(new CheckpointKey(CloudProvider.AWS, "1", "r", KEY.identity()).identitySlug());
        assertThat(slug).isNotEqualTo(new CheckpointKey(CloudProvider.AWS, "1", "r", KEY.identity() + "x")
                .identitySlug());
    }
}
