package io.scalewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The option rules of {@code scan --gcp} and {@code scan --azure}; all refused before anything is contacted. */
class ScanLiveOptionsTest {
    private static final String SA = "castai-gke@demo-project.iam.gserviceaccount.com";
    private static final String OID = "0b5c2f6e-1111-4111-8111-111111111111";
    private static final String WORKSPACE = "5d7c1a9e-2b3f-4c6d-8e0a-1b2c3d4e5f60";

    @TempDir
    Path dir;

    private String out() {
        return dir.resolve("out").toString();
    }

    @Test
    void scan_twoClouds_isAUsageError() {
        CliRun run = CliRun.of("scan", "--gcp", "--azure", "--identity", SA, "--out", out());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--aws, --gcp and --azure exclude each other");
    }

    @Test
    void scan_gcpWithoutProject_isAUsageError() {
        CliRun run = CliRun.of("scan", "--gcp", "--identity", SA, "--out", out());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--gcp needs at least one --project");
    }

    @Test
    void scan_gcpWithoutOut_isAUsageError() {
        CliRun run = CliRun.of("scan", "--gcp", "--identity", SA, "--project", "demo-project");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--gcp writes to a local directory: give --out DIR");
    }

    @Test
    void scan_gcpWithAnAwsOrAzureOption_namesTheModeItNeeds() {
        CliRun aws = CliRun.of("scan", "--gcp", "--identity", SA, "--project", "demo-project", "--out", out(),
                "--findings-bucket", "audit");
        CliRun azure = CliRun.of("scan", "--gcp", "--identity", SA, "--project", "demo-project", "--out", out(),
                "--workspace", WORKSPACE);
        assertThat(aws.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(aws.err()).contains("--findings-bucket need --aws");
        assertThat(azure.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(azure.err()).contains("--workspace need --azure");
    }

    @Test
    void scan_azureWithoutWorkspace_isAUsageError() {
        CliRun run = CliRun.of("scan", "--azure", "--identity", OID, "--out", out());
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--azure needs at least one --workspace");
    }

    @Test
    void scan_azureWithAGcpOption_namesTheModeItNeeds() {
        CliRun run = CliRun.of("scan", "--azure", "--identity", OID, "--workspace", WORKSPACE, "--out", out(),
                "--project", "demo-project");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--project need --gcp");
    }

    @Test
    void scan_fileModeWithAGcpOption_namesTheModeItNeeds() {
        CliRun run = CliRun.of("scan", "--input", dir.toString(), "--identity", SA, "--out", out(), "--project",
                "demo-project");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--project need --gcp");
    }

    @Test
    void scan_gcpWithAnAzureIdentity_isAnInputErrorNamingTheField() {
        CliRun run = CliRun.of("scan", "--gcp", "--identity", OID, "--project", "demo-project", "--out", out());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(run.err()).contains("'identity'").contains("not a GCP service account");
    }
}
