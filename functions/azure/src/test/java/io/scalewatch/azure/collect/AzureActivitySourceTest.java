package io.scalewatch.azure.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.monitor.query.LogsQueryClient;
import io.scalewatch.azure.auth.AzureClients;
import io.scalewatch.azure.testing.LoopbackTls;
import io.scalewatch.azure.testing.StaticTokenCredential;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.ScanTarget;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AzureActivitySourceTest {
    private static final String OID = "0b5c2f6e-1111-4111-8111-111111111111";
    private static final String WS1 = "5d7c1a9e-2b3f-4c6d-8e0a-1b2c3d4e5f60";
    private static final String WS2 = "6E8D2B0F-3C4A-4D7E-9F1B-2C3D4E5F6A71";
    private final LogsQueryClient client =
            AzureClients.logsQuery(new StaticTokenCredential(), LoopbackTls.httpClient(), "https://127.0.0.1:1/v1");
    private final ScanWindow window = new ScanWindow(Instant.parse("2026-11-24T12:00:00Z"),
            Instant.parse("2026-11-24T13:00:00Z"));

    @Test
    void targets_oneCheckpointKeyPerWorkspace() {
        AzureActivitySource source = AzureActivitySource.builder().client(client).workspaces(List.of(WS1, WS2))
                .objectId(OID).build();

        assertThat(source.targets()).containsExactly(
                new ScanTarget(new CheckpointKey(CloudProvider.AZURE, WS1, "global", OID)),
                new ScanTarget(new CheckpointKey(CloudProvider.AZURE, WS2.toLowerCase(), "global", OID)));
    }

    @Test
    void open_ownTarget_collectorForThatWorkspaceAndWindow() {
        AzureActivitySource source = AzureActivitySource.builder().client(client).workspaces(List.of(WS1, WS2))
                .objectId(OID).build();

        AzureActivityCollector collector = source.open(source.targets().get(1), window, Deadline.none());

        assertThat(collector.name()).isEqualTo("azure:activity " + WS2.toLowerCase());
        assertThat(collector.window()).isEqualTo(window);
        assertThat(collector.coveredUntil()).isEqualTo(window.start());
    }

    @Test
    void open_foreignTarget_refused() {
        AzureActivitySource source = AzureActivitySource.builder().client(client).workspaces(List.of(WS1))
                .objectId(OID).build();
        ScanTarget other = new ScanTarget(new CheckpointKey(CloudProvider.AZURE, WS2, "global", OID));

        assertThatThrownBy(() -> source.open(other, window, Deadline.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not one of this source's");
    }

    @Test
    void build_workspaceNotAGuid_refused() {
        assertThatThrownBy(() -> AzureActivitySource.builder().client(client).workspaces(List.of("prod-logs"))
                .objectId(OID).build()).isInstanceOf(InvalidQueryValueException.class)
                .hasMessageContaining("workspace must be a GUID");
    }
}
