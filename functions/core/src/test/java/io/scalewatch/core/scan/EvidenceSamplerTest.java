package io.scalewatch.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.event.Actor;
import io.scalewatch.core.event.ApiCall;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudLocation;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.event.Endpoint;
import io.scalewatch.core.event.EventMetadata;
import io.scalewatch.core.event.EventStatus;
import io.scalewatch.core.finding.Evidence;
import io.scalewatch.core.finding.MaestroLayer;
import io.scalewatch.core.finding.RuleKind;
import io.scalewatch.core.finding.Severity;
import io.scalewatch.core.policy.PolicyResult;
import io.scalewatch.core.policy.RuleFinding;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceSamplerTest {
    private static final CloudLocation AWS = new CloudLocation(CloudProvider.AWS, "111122223333", "us-east-1");

    private static AuditEvent event(String uid) {
        return new AuditEvent(Instant.parse("2026-11-24T10:00:00Z"), AWS,
                Actor.of("arn:aws:iam::111122223333:role/castai-eks-demo", "AssumedRole"),
                new ApiCall("ec2", "TerminateInstances", "ec2:TerminateInstances", null, null, null), Endpoint.UNKNOWN,
                List.of(), EventStatus.SUCCESS, new EventMetadata(uid, "cloudtrail", false));
    }

    private static RuleFinding finding(String uid) {
        return new RuleFinding("SW-L4-002", MaestroLayer.L4, RuleKind.EVENT, Severity.HIGH, new BigDecimal("7.5"),
                "t", "r", List.of(), List.of(), "res", "", false, AWS,
                new Evidence(List.of(uid), Map.of(), 1, 1, List.of()));
    }

    private static PolicyResult result(List<String> findingIds, String statFirstId) {
        ObjectNode stats = new ObjectMapper().createObjectNode();
        stats.putObject("terminations").putObject("bucket-1").putArray("event_ids").add(statFirstId);
        return new PolicyResult(findingIds.stream().map(EvidenceSamplerTest::finding).toList(), stats);
    }

    @Test
    void offer_chunksInEitherOrder_keepTheSameSmallestIds() {
        EvidenceSampler forward = new EvidenceSampler();
        EvidenceSampler backward = new EvidenceSampler();
        List<AuditEvent> first = List.of(event("e5"), event("e4"), event("e3"));
        List<AuditEvent> second = List.of(event("e2"), event("e1"), event("e0"));

        forward.offer(first, result(List.of("e5", "e4", "e3"), "e3"));
        forward.offer(second, result(List.of("e2", "e1", "e0"), "e0"));
        backward.offer(second, result(List.of("e2", "e1", "e0"), "e0"));
        backward.offer(first, result(List.of("e5", "e4", "e3"), "e3"));

        assertThat(forward.events().byEventId().keySet()).containsExactlyInAnyOrder("e0", "e1", "e2");
        assertThat(backward.events()).isEqualTo(forward.events());
    }

    @Test
    void offer_findingEvent_isKeptAsPrettyJsonWithItsIsoTimeFirst() {
        EvidenceSampler sampler = new EvidenceSampler();

        sampler.offer(List.of(event("e1")), result(List.of("e1"), "e1"));

        assertThat(sampler.events().json("e1")).hasValueSatisfying(json -> assertThat(json)
                .startsWith("{\n  \"time\" : \"2026-11-24T10:00:00Z\",").contains("\"uid\" : \"e1\""));
        assertThat(sampler.events().json("missing")).isEmpty();
    }
}
