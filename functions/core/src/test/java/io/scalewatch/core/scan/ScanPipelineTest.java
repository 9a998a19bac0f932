package io.scalewatch.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.event.Actor;
import io.scalewatch.core.event.ApiCall;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudLocation;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.event.Endpoint;
import io.scalewatch.core.event.EventMetadata;
import io.scalewatch.core.event.EventStatus;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.NormalizationIssues;
import io.scalewatch.core.normalize.ReadCounts;
import io.scalewatch.core.normalize.RecordSink;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.policy.ScanContext;
import io.scalewatch.core.policy.WasmPolicyEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScanPipelineTest {
    private static final WasmPolicyEngine ENGINE = WasmPolicyEngine.create(PolicyBundle.fromClasspath(), 2);
    private static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    private static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AuditEvent event(String principal, String action, String requestJson, int second, String uid)
            throws JsonProcessingException {
        JsonNode request = requestJson == null ? null : JSON.readTree(requestJson);
        return new AuditEvent(T0.plusSeconds(second),
                new CloudLocation(CloudProvider.AWS, "111122223333", "us-east-1"),
                new Actor(principal, "AssumedRole", "", "ASIAEXAMPLE", "", "", "111122223333"),
                new ApiCall("ec2", action.substring(4), action, request, null, null), Endpoint.UNKNOWN, List.of(),
                EventStatus.SUCCESS, new EventMetadata(uid, "cloudtrail", false));
    }

    /** An in-memory source: what a collector hands the pipeline. */
    private record ListSource(List<AuditEvent> events) implements EventSource {
        @Override
        public String name() {
            return "memory";
        }

        @Override
        public ReadCounts read(RecordSink sink) {
            events.forEach(sink::event);
            long n = events.size();
            return new ReadCounts(new ReadCounts.Counts(n, n, 0), null, null, null);
        }
    }

    private static List<AuditEvent> day() throws JsonProcessingException {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(event(ROLE, "ec2:RunInstances", "{\"instanceType\":\"p4d.24xlarge\"}", i, "gpu-" + i));
        }
        for (int i = 0; i < 25; i++) {
            events.add(event(ROLE, "ec2:TerminateInstances", null, 60 + i, "term-" + String.format("%02d", i)));
        }
        events.add(event("arn:aws:iam::111122223333:role/someone-else", "ec2:RunInstances",
                "{\"instanceType\":\"p5.48xlarge\"}", 5, "other-1"));
        return events;
    }

    private static Evaluation run(int chunkSize, int threads) throws JsonProcessingException {
        ScanPipeline pipeline = ScanPipeline.builder().engine(ENGINE).chunkSize(chunkSize).threads(threads).build();
        ScanContext context = new ScanContext("test", 0, T0.plusSeconds(3600).toEpochMilli(), ROLE, "castai", null);
        return pipeline.run(context, IdentityMatcher.parse(ROLE), List.of(new ListSource(day())), List.of(),
                record -> { throw new AssertionError("nothing is quarantined here"); });
    }

    @Test
    void run_gpuLaunchesInSeveralChunks_mergeIntoOneFindingWithEveryEvent() throws JsonProcessingException {
        Evaluation evaluation = run(2, 2);
        RuleFinding gpu = evaluation.findings().stream().filter(f -> f.ruleId().equals("SW-L4-001")).findFirst()
                .orElseThrow();
        assertThat(gpu.evidence().eventIds()).containsExactly("gpu-0", "gpu-1", "gpu-2");
        assertThat(gpu.evidence().counts()).containsEntry("events", 3L);
        assertThat(gpu.detail()).isEqualTo("launched p4d.24xlarge in us-east-1");
    }

    @Test
    void run_otherPrincipal_isOutOfScope() throws JsonProcessingException {
        Evaluation evaluation = run(1000, 1);
        assertThat(evaluation.eventsInScope()).isEqualTo(28);
        assertThat(evaluation.sources()).singleElement().satisfies(s -> assertThat(s.inScope()).isEqualTo(28));
        assertThat(evaluation.findings()).flatExtracting(f -> f.evidence().eventIds()).doesNotContain("other-1");
    }

    @Test
    void run_windowRuleAcrossChunks_seesTheWholeWindow() throws JsonProcessingException {
        Evaluation evaluation = run(4, 2);
        assertThat(evaluation.findings()).filteredOn(f -> f.ruleId().equals("SW-L4-002")).singleElement()
                .satisfies(f -> assertThat(f.evidence().eventIds()).hasSize(25));
    }

    @Test
    void run_chunkSizeAndThreads_doNotChangeTheFindings() throws JsonProcessingException {
        Evaluation one = run(1000, 1);
        Evaluation many = run(3, 2);
        assertThat(many.findings()).isEqualTo(one.findings());
        assertThat(many.stats()).isEqualTo(one.stats());
        assertThat(many.chunks()).isEqualTo(10);
        assertThat(one.chunks()).isEqualTo(1);
    }

    private static AuditEvent undated(AuditEvent event) {
        return new AuditEvent(AuditEvent.UNDATED, event.cloud(), event.actor(), event.api(), event.srcEndpoint(),
                event.resources(), event.status(), new EventMetadata(event.metadata().uid(), "cloudtrail", false,
                        List.of(NormalizationIssues.NO_EVENT_TIME)));
    }

    private static Evaluation runOver(List<AuditEvent> events) {
        ScanPipeline pipeline = ScanPipeline.builder().engine(ENGINE).chunkSize(2).threads(1).build();
        ScanContext context = new ScanContext("test", 0, T0.plusSeconds(3600).toEpochMilli(), ROLE, "castai", null);
        return pipeline.run(context, IdentityMatcher.parse(ROLE), List.of(new ListSource(events)), List.of(),
                record -> { throw new AssertionError("nothing is quarantined here"); });
    }

    @Test
    void run_undatedEvents_findingKeptAndWindowFromDatedEventsOnly() throws JsonProcessingException {
        String gpu = "{\"instanceType\":\"p4d.24xlarge\"}";
        Evaluation evaluation = runOver(List.of(undated(event(ROLE, "ec2:RunInstances", gpu, 0, "gpu-undated")),
                event(ROLE, "ec2:RunInstances", gpu, 10, "gpu-10"), event(ROLE, "ec2:RunInstances", gpu, 20, "gpu-20")));

        RuleFinding finding = evaluation.findings().stream().filter(f -> f.ruleId().equals("SW-L4-001")).findFirst()
                .orElseThrow();
        assertThat(finding.evidence().eventIds()).containsExactly("gpu-10", "gpu-20", "gpu-undated");
        assertThat(finding.evidence().firstSeenMs()).isEqualTo(T0.plusSeconds(10).toEpochMilli());
        assertThat(finding.evidence().lastSeenMs()).isEqualTo(T0.plusSeconds(20).toEpochMilli());
        assertThat(evaluation.firstEventMs()).isEqualTo(T0.plusSeconds(10).toEpochMilli());
        assertThat(evaluation.lastEventMs()).isEqualTo(T0.plusSeconds(20).toEpochMilli());
        assertThat(evaluation.undatedEvents()).isEqualTo(1);
        assertThat(evaluation.eventsWithIssues()).isEqualTo(1);
    }

    @Test
    void run_onlyUndatedEvents_noFirstOrLastEventTimeButFindingWithoutTime() throws JsonProcessingException {
        Evaluation evaluation = runOver(List.of(
                undated(event(ROLE, "ec2:RunInstances", "{\"instanceType\":\"p4d.24xlarge\"}", 0, "gpu-undated"))));

        assertThat(evaluation.firstEventMs()).isZero();
        assertThat(evaluation.lastEventMs()).isZero();
        assertThat(evaluation.eventsInScope()).isEqualTo(1);
        assertThat(evaluation.findings()).filteredOn(f -> f.ruleId().equals("SW-L4-001")).singleElement()
                .satisfies(f -> assertThat(f.evidence().firstSeen()).isEmpty());
    }

    @Test
    void builder_withoutEngine_isRejected() {
        assertThatThrownBy(() -> ScanPipeline.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("engine");
    }
}
