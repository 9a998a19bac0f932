package io.scalewatch.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaselineFoldTest {
    private static final long START = 1_763_800_000_000L;
    private static final long END = 1_763_803_600_000L;
    private static final long DAY = 86_400_000L;

    private static IdentityBaseline stored() {
        return BaselineJson.read(Fixtures.bytes("stored-baseline.json"));
    }

    @Test
    void fold_empty_learnsSeenStatsAndIgnoresOthers() {
        IdentityBaseline next = BaselineFold.fold(IdentityBaseline.empty(), Fixtures.json("window-stats.json"),
                START, END, BaselineSettings.DEFAULT);

        assertThat(next.runs()).isEqualTo(1);
        assertThat(next.startedMs()).isEqualTo(START);
        assertThat(next.updatedMs()).isEqualTo(END);
        assertThat(next.seen()).containsOnlyKeys("region", "instance_family");
        assertThat(next.values("instance_family")).containsExactly(
                Map.entry("p5", new Observation(1_763_802_100_000L, 1_763_802_200_000L, 2)));
    }

    @Test
    void fold_stored_mergesTimesAndCounts() {
        IdentityBaseline next = BaselineFold.fold(stored(), Fixtures.json("window-stats.json"), START, END,
                BaselineSettings.DEFAULT);

        assertThat(next.runs()).isEqualTo(43);
        assertThat(next.startedMs()).isEqualTo(1_762_000_000_000L);
        assertThat(next.values("region").get("us-east-1"))
                .isEqualTo(new Observation(1_762_000_100_000L, 1_763_803_000_000L, 1210));
        assertThat(next.values("region")).containsKeys("ap-south-1", "eu-west-1");
        assertThat(next.values("instance_family")).containsKeys("m5", "p5");
    }

    @Test
    void fold_windowEndAtOrBeforeUpdated_returnsPriorUnchanged() {
        IdentityBaseline once = BaselineFold.fold(stored(), Fixtures.json("window-stats.json"), START, END,
                BaselineSettings.DEFAULT);

        IdentityBaseline twice = BaselineFold.fold(once, Fixtures.json("window-stats.json"), START, END,
                BaselineSettings.DEFAULT);

        assertThat(twice).isSameAs(once);
    }

    @Test
    void fold_sameInputs_sameResult() {
        JsonNode stats = Fixtures.json("window-stats.json");

        assertThat(BaselineFold.fold(stored(), stats, START, END, BaselineSettings.DEFAULT))
                .isEqualTo(BaselineFold.fold(stored(), stats.deepCopy(), START, END, BaselineSettings.DEFAULT));
    }

    @Test
    void fold_valueNotSeenForRetention_isDropped() {
        // eu-west-1 was last seen 2025-11-08; with 10 days of retention before the window end it goes
        IdentityBaseline next = BaselineFold.fold(stored(), Fixtures.json("window-stats.json"), START, END,
                new BaselineSettings(500, 10));

        assertThat(next.values("region")).containsOnlyKeys("us-east-1", "ap-south-1");
        assertThat(next.values("instance_family")).containsKeys("m5", "p5");
    }

    @Test
    void fold_overMaxKeys_evictsLeastRecentlySeen() {
        IdentityBaseline next = BaselineFold.fold(stored(), Fixtures.json("window-stats.json"), START, END,
                new BaselineSettings(2, 90));

        // last seen: us-east-1 1763803000000, ap-south-1 1763802000000, eu-west-1 1762600000000
        assertThat(next.values("region")).containsOnlyKeys("us-east-1", "ap-south-1");
    }

    @Test
    void fold_windowStartZero_startsAtEarliestObservation() {
        IdentityBaseline next = BaselineFold.fold(IdentityBaseline.empty(), Fixtures.json("window-stats.json"), 0,
                END, BaselineSettings.DEFAULT);

        assertThat(next.startedMs()).isEqualTo(1_763_800_050_000L);
    }

    @Test
    void fold_noStats_countsTheRunAndMovesUpdated() {
        IdentityBaseline next = BaselineFold.fold(stored(), Fixtures.JSON.createObjectNode(), START, END + DAY,
                BaselineSettings.DEFAULT);

        assertThat(next.runs()).isEqualTo(43);
        assertThat(next.updatedMs()).isEqualTo(END + DAY);
        assertThat(next.seen()).isEqualTo(stored().seen());
    }

    @Test
    void fold_undatedSummary_observedAtWindowEnd() {
        ObjectNode stats = Fixtures.JSON.createObjectNode();
        stats.putObject("seen_action").putObject("ec2:RunInstances").put("count", 2);

        IdentityBaseline next = BaselineFold.fold(IdentityBaseline.empty(), stats, START, END,
                BaselineSettings.DEFAULT);

        assertThat(next.values("action").get("ec2:RunInstances")).isEqualTo(new Observation(END, END, 2));
    }

    @Test
    void fold_illTypedSeenStat_failsNamingTheStat() {
        ObjectNode stats = Fixtures.JSON.createObjectNode();
        stats.putObject("seen_region").putObject("us-east-1").put("count", "3");

        assertThatThrownBy(() -> BaselineFold.fold(IdentityBaseline.empty(), stats, START, END,
                BaselineSettings.DEFAULT))
                .isInstanceOf(BaselineFormatException.class)
                .hasMessageContaining("stat 'seen_region' key 'us-east-1'").hasMessageContaining("'count'");
    }

    @Test
    void fold_windowEndBeforeStart_fails() {
        assertThatThrownBy(() -> BaselineFold.fold(IdentityBaseline.empty(), Fixtures.JSON.createObjectNode(), END,
                START, BaselineSettings.DEFAULT)).isInstanceOf(IllegalArgumentException.class);
    }
}
