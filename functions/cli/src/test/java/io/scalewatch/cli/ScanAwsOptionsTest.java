package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The option rules of {@code scan --aws} against file mode; all refused before anything is contacted. */
class ScanAwsOptionsTest {
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";

    @TempDir
    Path dir;

    private String out() {
        return dir.resolve("out").toString();
    }

    @Test
    void scan_awsWithoutOutput_isAUsageError() {
        CliRun run = CliRun.of("scan", "--aws", "--identity", ROLE);
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("exactly one of --out DIR and --findings-bucket BUCKET");
    }

    @Test
    void scan_awsWithBothOutputs_isAUsageError() {
        CliRun run = CliRun.of("scan", "--aws", "--identity", ROLE, "--out", out(), "--findings-bucket", "audit");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("exactly one of --out DIR and --findings-bucket BUCKET");
    }

    @Test
    void scan_awsWithInputFiles_isAUsageError() {
        CliRun run = CliRun.of("scan", "--aws", "--input", dir.toString(), "--identity", ROLE, "--out", out());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("drop --input and --posture");
    }

    @Test
    void scan_awsWithAllPrincipals_isAUsageError() {
        CliRun run = CliRun.of("scan", "--aws", "--all-principals", "--out", out());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("give one --identity");
    }

    @Test
    void scan_awsUnknownMode_namesTheValidModes() {
        CliRun run = CliRun.of("scan", "--aws", "--identity", ROLE, "--out", out(), "--mode", "cloudwatch");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--mode").contains("lookup, s3, lake");
    }

    @Test
    void scan_securityHubWithoutBucket_isAUsageError() {
        CliRun run = CliRun.of("scan", "--aws", "--identity", ROLE, "--out", out(), "--security-hub");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--security-hub goes with --findings-bucket");
    }

    @Test
    void scan_awsWithAivss_isAUsageError() {
        CliRun run = CliRun.of("scan", "--aws", "--identity", ROLE, "--out", out(), "--aivss", "0.8");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("drop --aivss and --mitigation");
    }

    @Test
    void scan_fileModeWithoutInput_stillRequiresInput() {
        CliRun run = CliRun.of("scan", "--identity", ROLE, "--out", out());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Missing required option: '--input=PATH'");
    }

    @Test
    void scan_fileModeWithoutOut_stillRequiresOut() {
        CliRun run = CliRun.of("scan", "--input", dir.toString(), "--identity", ROLE);
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("Missing required option: '--out=DIR'");
    }

    @Test
    void scan_awsOptionInFileMode_saysItNeedsAws() {
        CliRun run = CliRun.of("scan", "--input", dir.toString(), "--identity", ROLE, "--out", out(), "--mode", "s3",
                "--state-bucket", "audit");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--mode, --state-bucket need --aws");
    }

    @Test
    void help_scan_describesLiveMode() {
        CliRun run = CliRun.of("scan", "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("--aws").contains("--endpoint-url").contains("--state-bucket")
                .contains("--since").contains("--gcp").contains("--project").contains("--azure")
                .contains("--workspace").contains("5 a live target could not be scanned");
    }
}
