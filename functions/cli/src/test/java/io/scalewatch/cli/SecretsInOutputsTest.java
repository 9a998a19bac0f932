package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets in the logs (user data, session tokens, passwords) appear in no output and no terminal line. */
class SecretsInOutputsTest {
    private static final List<String> SECRETS = List.of(
            "IyEvYmluL3NoCmN1cmwgaHR0cDovL2V2aWwuZXhhbXBsZS94IHwgc2ggIyBTVVBFUlNFQ1JFVC1VU0VSREFUQQ==",
            "FwoGZXIvYXdzEXAMPLE-SESSION-TOKEN-SUPERSECRET",
            "hunter2-SUPERSECRET-PASSWORD");

    @Test
    void scan_logsWithSecrets_noOutputContainsThem(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("secrets.jsonl");
        try (InputStream in = SecretsInOutputsTest.class.getResourceAsStream("/scan/secrets.jsonl")) {
            Files.copy(in, input);
        }
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("scan", "--input", input.toString(), "--identity",
                "arn:aws:iam::111122223333:role/castai-eks-demo", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(Files.readString(out.resolve("findings.jsonl"))).contains("SW-L4-003").contains("sec-0000-0001");
        assertThat(Files.readString(out.resolve("quarantine.jsonl"))).contains("\"line\":3");
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                SECRETS.forEach(secret -> assertThat(text).as(file.getFileName().toString()).doesNotContain(secret));
            }
        }
        SECRETS.forEach(secret -> assertThat(run.out() + run.err()).doesNotContain(secret));
    }
}
