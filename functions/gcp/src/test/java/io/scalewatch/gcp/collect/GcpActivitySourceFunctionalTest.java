package io.scalewatch.gcp.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.run.Deadline;
import io.scalewatch.core.run.ScanTarget;
import io.scalewatch.core.run.TargetSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GcpActivitySourceFunctionalTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-11-25T00:20:00Z"));
    private LoggingServiceV2Server server;

    @BeforeEach
    void start() throws Exception {
        server = LoggingServiceV2Server.start(DemoEntries.entries());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void open_projectTarget_collectsTheTargetsAccountInItsProject() {
        TargetSource source = GcpActivitySource.builder().logging(server.client()).dataAccess(true)
                .sleeper(clock.sleeper()).build();
        ScanTarget target = new ScanTarget(new CheckpointKey(CloudProvider.GCP, "demo-project", "global",
                DemoEntries.SERVICE_ACCOUNT));

        TargetSource.Collection collection = source.open(target, Fixtures.DAY, Deadline.in(Duration.ofMinutes(10), clock));
        RecordingSink sink = new RecordingSink();
        collection.read(sink);

        assertThat(collection.name()).isEqualTo("gcp:logging projects/demo-project");
        assertThat(sink.ids()).containsExactlyInAnyOrderElementsOf(
                Fixtures.expectedIds(DemoEntries.lines(), DemoEntries.SERVICE_ACCOUNT, Fixtures.DAY, true));
        assertThat(collection.coveredUntil()).isEqualTo(Fixtures.DAY.end());
    }

    @Test
    void open_accountWithConfiguredResources_queriesEachOfThem() {
        GcpActivitySource source = GcpActivitySource.builder().logging(server.client())
                .resources("demo-project", List.of("projects/demo-project", "organizations/987654321")).build();
        ScanTarget target = new ScanTarget(new CheckpointKey(CloudProvider.GCP, "demo-project", "global",
                DemoEntries.SERVICE_ACCOUNT));

        CloudLoggingCollector collector = source.open(target, Fixtures.DAY, Deadline.in(Duration.ofMinutes(10), clock));
        collector.read(new RecordingSink());

        assertThat(collector.resourceNames()).containsExactly("projects/demo-project", "organizations/987654321");
        assertThat(server.requests()).extracting(r -> r.getResourceNames(0)).contains("organizations/987654321");
        assertThat(collector.filter("organizations/987654321"))
                .startsWith("logName=\"organizations/987654321/logs/cloudaudit.googleapis.com%2Factivity\"");
    }

    @Test
    void open_folderAccount_readsTheFolder() {
        GcpActivitySource source = GcpActivitySource.builder().logging(server.client()).build();
        ScanTarget target = new ScanTarget(new CheckpointKey(CloudProvider.GCP, "folders/1234567890", "global",
                DemoEntries.SERVICE_ACCOUNT));

        CloudLoggingCollector collector = source.open(target, Fixtures.DAY, Deadline.in(Duration.ofMinutes(10), clock));

        assertThat(collector.resourceNames()).containsExactly("folders/1234567890");
    }

    @Test
    void open_awsTarget_isRefused() {
        GcpActivitySource source = GcpActivitySource.builder().logging(server.client()).build();
        ScanTarget target = new ScanTarget(new CheckpointKey(CloudProvider.AWS, "123456789012", "us-east-1",
                "arn:aws:iam::123456789012:role/castai"));

        assertThatThrownBy(() -> source.open(target, Fixtures.DAY, Deadline.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("this target's cloud is aws");
    }

    @Test
    void open_targetWithRoleArnIdentity_isRejectedAsNotAnEmail() {
        GcpActivitySource source = GcpActivitySource.builder().logging(server.client()).build();
        ScanTarget target = new ScanTarget(new CheckpointKey(CloudProvider.GCP, "demo-project", "global",
                "arn:aws:iam::123456789012:role/castai"));

        assertThatThrownBy(() -> source.open(target, Fixtures.DAY, Deadline.none()))
                .isInstanceOf(InvalidFilterValueException.class);
    }
}
