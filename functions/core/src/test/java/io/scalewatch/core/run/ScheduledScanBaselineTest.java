package io.scalewatch.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.baseline.BaselineStore;
import io.scalewatch.core.baseline.IdentityBaseline;
import io.scalewatch.core.baseline.InMemoryBaselineStore;
import io.scalewatch.core.baseline.Observation;
import io.scalewatch.core.baseline.StoredBaseline;
import io.scalewatch.core.checkpoint.CheckpointKey;
import io.scalewatch.core.checkpoint.InMemoryCheckpointStore;
import io.scalewatch.core.checkpoint.ScanWindow;
import io.scalewatch.core.event.Actor;
import io.scalewatch.core.event.ApiCall;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudLocation;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.event.Endpoint;
import io.scalewatch.core.event.EventMetadata;
import io.scalewatch.core.event.EventStatus;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.policy.PolicyEngine;
import io.scalewatch.core.policy.PolicyResult;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.scan.ScanPipeline;
import io.scalewatch.core.scan.Scanner;
import io.scalewatch.core.sink.ReportSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The baseline's place in a scheduled run, with a stand-in policy that reports {@code seen_region} per event and
 * records the {@code input.baseline} of every window pass: loaded before the window, folded and saved only after
 * every sink succeeded, before the checkpoint.
 */
class ScheduledScanBaselineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final ScanTarget TARGET =
            new ScanTarget(new CheckpointKey(CloudProvider.AWS, "111122223333", "us-east-1", ROLE));

    /** Reports seen_region from chunk inputs, remembers window inputs' baselines. */
    private static final class SeenRegionPolicy implements PolicyEngine {
        final List<JsonNode> baselines = new CopyOnWriteArrayList<>();
        final List<JsonNode> targets = new CopyOnWriteArrayList<>();

        @Override
        public PolicyResult evaluate(String inputJson) {
            JsonNode input;
            try {
                input = JSON.readTree(inputJson);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ObjectNode result = JSON.createObjectNode();
            result.putArray("findings");
            ObjectNode stats = result.putObject("stats");
            if (input.has("events")) {
                ObjectNode seen = stats.putObject("seen_region");
                for (JsonNode event : input.get("events")) {
                    long t = event.path("time_ms").asLong();
                    seen.putObject(event.path("cloud").path("region").asText()).put("count", 1).put("first_ms", t)
                            .put("last_ms", t).putArray("event_ids").add(event.path("metadata").path("uid"));
                }
            } else {
                baselines.add(input.path("baseline"));
                targets.add(input.path("scan").path("target"));
            }
            return PolicyResult.fromJson(result);
        }
    }

    private static AuditEvent call(Instant t, String region) {
        return new AuditEvent(t, new CloudLocation(CloudProvider.AWS, "111122223333", region),
                new Actor(ROLE, "AssumedRole", "", "ASIAEXAMPLE", "", "", "111122223333"),
                new ApiCall("ec2", "DescribeInstances", "ec2:DescribeInstances", null, null, null), Endpoint.UNKNOWN,
                List.of(), EventStatus.SUCCESS, new EventMetadata("e-" + t.getEpochSecond(), "cloudtrail", true));
    }

    private static TargetSource source(List<AuditEvent> events) {
        return (target, window, deadline) -> new TargetSource.Collection() {
            @Override
            public Instant coveredUntil() {
                return window.end();
            }

            @Override
            public String name() {
                return "memory";
            }

            @Override
            public ReadCounts read(RecordSink sink) {
                long n = 0;
                for (AuditEvent event : events) {
                    if (!event.time().isBefore(window.start()) && event.time().isBefore(window.end())) {
                        sink.event(event);
                        n++;
                    }
                }
                return new ReadCounts(new ReadCounts.Counts(n, n, 0), null, null, null);
            }
        };
    }

    private static ScheduledScan scan(SeenRegionPolicy policy, List<AuditEvent> events, InMemoryCheckpointStore
            checkpoints, BaselineStore baselines, ReportSink sink, Instant now) {
        Scanner scanner = new Scanner(ScanPipeline.builder().engine(policy).threads(1).build(),
                RuleCatalog.fromAnnotations("{}"), Clock.fixed(now, ZoneOffset.UTC));
        return ScheduledScan.builder().scanner(scanner).source(source(events)).checkpoints(checkpoints)
                .baselines(baselines).sinks(List.of(sink)).quarantine((t, run) -> record -> { })
                .identity(IdentityMatcher.parse(ROLE)).profile(AgentProfiles.builtIn("castai"))
                .windows(ScanWindow.Policy.DEFAULT).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    private static Deadline plenty(Instant now) {
        return Deadline.in(Duration.ofMinutes(10), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static final ReportSink OK = new ReportSink() {
        @Override
        public String name() {
            return "ok";
        }

        @Override
        public void publish(ScanReport report) {
            // accepted
        }
    };

    @Test
    void run_twice_secondWindowSeesTheFirstWindowsObservations() {
        List<AuditEvent> events = List.of(call(NOW.minus(Duration.ofHours(2)), "us-east-1"),
                call(NOW.plus(Duration.ofMinutes(30)), "eu-west-1"));
        SeenRegionPolicy policy = new SeenRegionPolicy();
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        InMemoryBaselineStore baselines = new InMemoryBaselineStore();

        scan(policy, events, checkpoints, baselines, OK, NOW).run("r1", List.of(TARGET), plenty(NOW));
        Instant later = NOW.plus(Duration.ofHours(1));
        scan(policy, events, checkpoints, baselines, OK, later).run("r2", List.of(TARGET), plenty(later));

        assertThat(policy.baselines).hasSize(2);
        assertThat(policy.baselines.get(0).toString()).isEqualTo(
                "{\"started_ms\":0,\"updated_ms\":0,\"runs\":0,\"seen\":{}}");
        assertThat(policy.baselines.get(1).path("runs").asLong()).isEqualTo(1);
        assertThat(policy.baselines.get(1).path("seen").path("region").has("us-east-1")).isTrue();
        assertThat(policy.baselines.get(1).path("seen").path("region").has("eu-west-1")).isFalse();
        IdentityBaseline stored = baselines.load(TARGET.key()).orElseThrow().baseline();
        assertThat(stored.runs()).isEqualTo(2);
        assertThat(stored.values("region")).containsOnlyKeys("us-east-1", "eu-west-1");
        assertThat(stored.updatedMs()).isEqualTo(checkpoints.load(TARGET.key()).orElseThrow().checkpoint()
                .coveredUntil().toEpochMilli());
    }

    @Test
    void run_sinkFails_baselineNotSaved() {
        InMemoryBaselineStore baselines = new InMemoryBaselineStore();
        ReportSink failing = new ReportSink() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public void publish(ScanReport report) {
                throw new IllegalStateException("sink unavailable");
            }
        };

        List<TargetOutcome> outcomes = scan(new SeenRegionPolicy(), List.of(call(NOW.minusSeconds(3600), "us-east-1")),
                new InMemoryCheckpointStore(), baselines, failing, NOW).run("r1", List.of(TARGET), plenty(NOW));

        assertThat(outcomes).singleElement().extracting(TargetOutcome::status).isEqualTo(TargetOutcome.Status.FAILED);
        assertThat(baselines.load(TARGET.key())).isEmpty();
    }

    @Test
    void run_baselineSavedByAnotherRun_failsAndKeepsTheCheckpoint() {
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        InMemoryBaselineStore baselines = new InMemoryBaselineStore();
        BaselineStore racing = new BaselineStore() {
            @Override
            public Optional<StoredBaseline> load(CheckpointKey key) {
                Optional<StoredBaseline> loaded = baselines.load(key);
                // another run saves between this run's load and save
                baselines.save(key, new IdentityBaseline(1, 2, 1, java.util.Map.of("region",
                        java.util.Map.of("x", new Observation(1, 2, 1)))), loaded);
                return loaded;
            }

            @Override
            public StoredBaseline save(CheckpointKey key, IdentityBaseline next, Optional<StoredBaseline> expected) {
                return baselines.save(key, next, expected);
            }
        };

        List<TargetOutcome> outcomes = scan(new SeenRegionPolicy(), List.of(call(NOW.minusSeconds(3600), "us-east-1")),
                checkpoints, racing, OK, NOW).run("r1", List.of(TARGET), plenty(NOW));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(TargetOutcome.Status.FAILED);
            assertThat(o.error()).hasValueSatisfying(e -> assertThat(e).startsWith("BaselineConflictException"));
        });
        assertThat(checkpoints.load(TARGET.key())).isEmpty();
    }

    @Test
    void run_withoutStore_windowSeesEmptyBaseline() {
        SeenRegionPolicy policy = new SeenRegionPolicy();

        scan(policy, List.of(call(NOW.minusSeconds(3600), "us-east-1")), new InMemoryCheckpointStore(), null, OK, NOW)
                .run("r1", List.of(TARGET), plenty(NOW));

        assertThat(policy.baselines).singleElement().satisfies(b -> assertThat(b.path("runs").asLong()).isZero());
    }

    @Test
    void run_windowInput_namesTheScheduledTarget() {
        SeenRegionPolicy policy = new SeenRegionPolicy();

        scan(policy, List.of(call(NOW.minusSeconds(3600), "us-east-1")), new InMemoryCheckpointStore(), null, OK, NOW)
                .run("r1", List.of(TARGET), plenty(NOW));

        assertThat(policy.targets).singleElement().satisfies(t -> {
            assertThat(t.path("provider").asText()).isEqualTo("aws");
            assertThat(t.path("account").asText()).isEqualTo("111122223333");
            assertThat(t.path("region").asText()).isEqualTo("us-east-1");
        });
    }
}
