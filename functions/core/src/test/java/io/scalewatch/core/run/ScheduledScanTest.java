package io.scalewatch.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.checkpoint.CheckpointKey;
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
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.WasmPolicyEngine;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.scan.Scanner;
import io.scalewatch.core.sink.ReportSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduledScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Scanner SCANNER;

    static {
        PolicyBundle bundle = PolicyBundle.fromClasspath();
        SCANNER = Scanner.create(WasmPolicyEngine.create(bundle, 1), RuleCatalog.fromBundle(bundle), 1);
    }

    private static final ScanTarget TARGET =
            new ScanTarget(new CheckpointKey(CloudProvider.AWS, "111122223333", "us-east-1", ROLE));
    private static final ScanTarget OTHER =
            new ScanTarget(new CheckpointKey(CloudProvider.AWS, "111122223333", "us-west-2", ROLE));

    /** One GPU launch per 10 minutes across the day before NOW: a stream of activity findings. */
    private static List<AuditEvent> activity() {
        List<AuditEvent> events = new ArrayList<>();
        for (Instant t = NOW.minus(Duration.ofHours(30)); t.isBefore(NOW); t = t.plus(Duration.ofMinutes(10))) {
            events.add(launch(t));
        }
        return events;
    }

    private static AuditEvent launch(Instant t) {
        JsonNode request = JSON.createObjectNode().put("instanceType", "p4d.24xlarge");
        return new AuditEvent(t, new CloudLocation(CloudProvider.AWS, "111122223333", "us-east-1"),
                new Actor(ROLE, "AssumedRole", "", "ASIAEXAMPLE", "", "", "111122223333"),
                new ApiCall("ec2", "RunInstances", "ec2:RunInstances", request, null, null), Endpoint.UNKNOWN,
                List.of(), EventStatus.SUCCESS, new EventMetadata("e-" + t.getEpochSecond(), "cloudtrail", false));
    }

    /** A collector over a fixed list: hands over the window's events, stopping early at {@code stopAt}. */
    private static final class ListSource implements TargetSource {
        private final List<AuditEvent> events;
        private final Set<String> handedOver = new HashSet<>();
        private Instant stopAt = Instant.MAX;

        ListSource(List<AuditEvent> events) {
            this.events = events;
        }

        @Override
        public Collection open(ScanTarget target, ScanWindow window, Deadline deadline) {
            Instant until = window.end().isAfter(stopAt) ? stopAt : window.end();
            return new Collection() {
                @Override
                public Instant coveredUntil() {
                    return until;
                }

                @Override
                public String name() {
                    return "memory";
                }

                @Override
                public ReadCounts read(RecordSink sink) {
                    long n = 0;
                    for (AuditEvent event : events) {
                        if (!event.time().isBefore(window.start()) && event.time().isBefore(until)) {
                            sink.event(event);
                            handedOver.add(event.metadata().uid());
                            n++;
                        }
                    }
                    return new ReadCounts(new ReadCounts.Counts(n, n, 0), null, null, null);
                }
            };
        }
    }

    /** A sink that keeps what it was given, or fails on demand. */
    private static final class RecordingSink implements ReportSink {
        final List<ScanReport> published = new ArrayList<>();
        boolean failing;

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void publish(ScanReport report) {
            if (failing) {
                throw new IllegalStateException("sink unavailable");
            }
            published.add(report);
        }

        Set<String> eventIds() {
            Set<String> ids = new HashSet<>();
            published.forEach(r -> r.findings().forEach(f -> ids.addAll(f.rule().evidence().eventIds())));
            return ids;
        }
    }

    private static ScheduledScan scan(ListSource source, InMemoryCheckpointStore store, RecordingSink sink,
            Instant now) {
        return ScheduledScan.builder().scanner(SCANNER).source(source).checkpoints(store).sinks(List.of(sink))
                .quarantine((t, run) -> record -> { }).identity(IdentityMatcher.parse(ROLE))
                .profile(AgentProfiles.builtIn("castai")).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    private static Deadline plenty() {
        return Deadline.in(Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void run_firstRun_publishesThenCheckpointsTheWindowEnd() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        RecordingSink sink = new RecordingSink();
        List<TargetOutcome> outcomes = scan(new ListSource(activity()), store, sink, NOW).run("r1", List.of(TARGET),
                plenty());
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(TargetOutcome.Status.DONE);
            assertThat(o.coveredUntil()).contains(NOW.minus(Duration.ofMinutes(15)));
            assertThat(o.findings()).isPositive();
        });
        assertThat(store.load(TARGET.key()).orElseThrow().checkpoint().coveredUntil())
                .isEqualTo(NOW.minus(Duration.ofMinutes(15)));
        assertThat(sink.published).hasSize(1);
    }

    @Test
    void run_sinkFails_checkpointStaysAndOtherTargetsRun() {
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        RecordingSink sink = new RecordingSink();
        sink.failing = true;
        List<TargetOutcome> outcomes = scan(new ListSource(activity()), store, sink, NOW)
                .run("r1", List.of(TARGET, OTHER), plenty());
        assertThat(outcomes).extracting(TargetOutcome::status)
                .containsExactly(TargetOutcome.Status.FAILED, TargetOutcome.Status.FAILED);
        assertThat(outcomes.get(0).error()).hasValueSatisfying(e -> assertThat(e).contains("sink unavailable"));
        assertThat(store.load(TARGET.key())).isEmpty();
    }

    @Test
    void run_deadlineNear_skipsRemainingTargets() {
        Deadline almost = Deadline.in(Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));
        List<TargetOutcome> outcomes = scan(new ListSource(activity()), new InMemoryCheckpointStore(),
                new RecordingSink(), NOW).run("r1", List.of(TARGET, OTHER), almost);
        assertThat(outcomes).extracting(TargetOutcome::status)
                .containsExactly(TargetOutcome.Status.SKIPPED, TargetOutcome.Status.SKIPPED);
    }

    @Test
    void run_stoppedEarlyThenCrashBeforeCheckpoint_nextRunsLeaveNoGapAndNoDuplicateIds() {
        List<AuditEvent> events = activity();
        ListSource source = new ListSource(events);
        InMemoryCheckpointStore store = new InMemoryCheckpointStore();
        RecordingSink sink = new RecordingSink();

        // Run 1 stops early (deadline inside collection): partial, checkpointed where it stopped.
        source.stopAt = NOW.minus(Duration.ofHours(12));
        TargetOutcome first = scan(source, store, sink, NOW.minus(Duration.ofHours(6))).run("r1", List.of(TARGET),
                plenty()).get(0);
        assertThat(first.status()).isEqualTo(TargetOutcome.Status.PARTIAL);
        assertThat(first.coveredUntil()).contains(NOW.minus(Duration.ofHours(12)));

        // Run 2 publishes, then crashes before its checkpoint: the checkpoint must not move.
        source.stopAt = Instant.MAX;
        store.failNextAdvance();
        TargetOutcome second = scan(source, store, sink, NOW.minus(Duration.ofHours(3))).run("r2", List.of(TARGET),
                plenty()).get(0);
        assertThat(second.status()).isEqualTo(TargetOutcome.Status.FAILED);
        assertThat(store.load(TARGET.key()).orElseThrow().checkpoint().coveredUntil())
                .isEqualTo(NOW.minus(Duration.ofHours(12)));

        // Run 3 re-reads from the old checkpoint (minus overlap) to now: together nothing is missed.
        TargetOutcome third = scan(source, store, sink, NOW).run("r3", List.of(TARGET), plenty()).get(0);
        assertThat(third.status()).isEqualTo(TargetOutcome.Status.DONE);

        Instant firstStart = NOW.minus(Duration.ofHours(6)).minus(Duration.ofMinutes(15)).minus(Duration.ofHours(24));
        Instant lastEnd = NOW.minus(Duration.ofMinutes(15));
        Set<String> expected = new HashSet<>();
        events.stream().filter(e -> !e.time().isBefore(firstStart) && e.time().isBefore(lastEnd))
                .forEach(e -> expected.add(e.metadata().uid()));
        assertThat(source.handedOver).isEqualTo(expected);
        assertThat(sink.eventIds()).isEqualTo(expected);
        // Re-published findings keep their ids: the same GPU finding across runs, never a second id.
        Set<String> ids = new HashSet<>();
        sink.published.forEach(r -> r.findings().stream().map(Finding::id).forEach(ids::add));
        assertThat(ids).hasSize(1);
    }
}
