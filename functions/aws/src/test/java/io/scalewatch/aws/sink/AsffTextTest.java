package io.scalewatch.aws.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsffTextTest {
    @Test
    void clean_controlCharactersAndEscapes_areRemoved() {
        assertThat(AsffText.clean("a\u0000b\u0007c\u001b[31md\u007fe\u0085f\u009bg", 100)).isEqualTo("abc[31mde fg");
    }

    @Test
    void clean_invisibleFormatCharacters_areRemoved() {
        assertThat(AsffText.clean("evil\u202egnp.exe\u202c zero\u200bwidth\ufeff \u2066x\u2069", 100))
                .isEqualTo("evilgnp.exe zerowidth x");
    }

    @Test
    void clean_lineBreaksTabsAndRuns_becomeSingleSpaces() {
        assertThat(AsffText.clean("  line1\r\n\tline2\u2028line3\u2029  line4  ", 100))
                .isEqualTo("line1 line2 line3 line4");
    }

    @Test
    void clean_loneSurrogate_isRemovedAndPairsKept() {
        assertThat(AsffText.clean("a\ud83db \ud83d\ude00", 100)).isEqualTo("ab \ud83d\ude00");
    }

    @Test
    void clean_textOverTheBudget_isCutAtACharacterBoundaryWithinTheBudget() {
        String cut = AsffText.clean("é".repeat(600), 1024);

        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
        assertThat(cut).endsWith("é…").hasSize(510 + 1);
    }

    @Test
    void clean_fourByteCharactersAtTheEdge_areNeverSplit() {
        String cut = AsffText.clean("\ud83d\ude00".repeat(10), 10);

        assertThat(cut).isEqualTo("\ud83d\ude00…");
    }

    @ParameterizedTest
    @ValueSource(ints = {256, 512, 1024, 2048})
    void clean_textWithinTheBudget_isKeptWhole(int budget) {
        String text = "x".repeat(budget);

        assertThat(AsffText.clean(text, budget)).isEqualTo(text);
        assertThat(AsffText.clean(text + "y", budget)).hasSize(budget - 2).endsWith("x…");
    }

    @Test
    void cut_budgetTooSmallForAMark_isRejected() {
        assertThatThrownBy(() -> AsffText.cut("abc", 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytes must be at least 4");
    }
}
