package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"demo", "scan", "rules", "score", "bench", "coverage"})
    void help_everyCommand_printsUsageAndExitCodes(String command) {
        CliRun run = CliRun.of(command, "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("Usage: scalewatch " + command).contains("Exit codes:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void help_root_listsCommands(String flag) {
        CliRun run = CliRun.of(flag);
        assertThat(run.out()).contains("demo").contains("scan").contains("rules").contains("score").contains("bench")
                .contains("coverage");
    }
}
