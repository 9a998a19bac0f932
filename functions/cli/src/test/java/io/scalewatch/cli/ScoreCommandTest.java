package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScoreCommandTest {
    @ParameterizedTest
    @CsvSource({"7.5, 0.5, 6.2 Medium", "7.5, 0.8, 8.7 High", "5.0, 0.5, 5.0 Medium", "9.8, 0.8, 9.9 Critical"})
    void score_castAiProfile_printsWorkedValue(String cvss, String version, String expected) {
        CliRun run = CliRun.of("score", "--cvss", cvss, "--profile", "castai", "--aivss", version);
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out().lines().findFirst()).contains(expected);
    }

    @Test
    void score_explain_printsFactorTableAndVector() {
        CliRun run = CliRun.of("score", "--cvss", "7.5", "--profile", "castai", "--explain");
        assertThat(run.out()).contains("Autonomy of Action").contains("non-conformant estimate").contains("AIVSS:0.5");
    }

    @Test
    void score_unknownProfile_isAnInputError() {
        CliRun run = CliRun.of("score", "--cvss", "7.5", "--profile", "no-such-agent");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err()).contains("no-such-agent").doesNotContain("\tat ");
    }

    @Test
    void score_cvssOutOfRange_isAnInputError() {
        CliRun run = CliRun.of("score", "--cvss", "11", "--profile", "castai");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err()).contains("11");
    }
}
