package io.scalewatch.core.aivss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BandTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.0, NONE, None",
        "0, NONE, None",
        "0.1, LOW, Low",
        "3.9, LOW, Low",
        "4.0, MEDIUM, Medium",
        "6.9, MEDIUM, Medium",
        "7.0, HIGH, High",
        "8.9, HIGH, High",
        "9.0, CRITICAL, Critical",
        "10.0, CRITICAL, Critical",
        "10, CRITICAL, Critical",
    })
    void of_bandEdges_returnsBandOfTheRoundedScore(BigDecimal score, Band want, String label) {
        assertThat(Band.of(score)).isEqualTo(want);
        assertThat(Band.of(score).label()).isEqualTo(label);
    }

    @ParameterizedTest(name = "{0} rejected")
    @ValueSource(strings = {"3.95", "-0.1", "10.1", "0.05"})
    void of_unroundedOrOutOfRange_isRejected(String score) {
        assertThatThrownBy(() -> Band.of(new BigDecimal(score)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AIVSS score must be within 0.0..10.0 with at most one decimal place")
                .hasMessageContaining("got " + score);
    }
}
