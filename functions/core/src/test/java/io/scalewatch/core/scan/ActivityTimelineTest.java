package io.scalewatch.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.core.event.Actor;
import io.scalewatch.core.event.ApiCall;
import io.scalewatch.core.event.AuditEvent;
import io.scalewatch.core.event.CloudLocation;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.event.Endpoint;
import io.scalewatch.core.event.EventMetadata;
import io.scalewatch.core.event.EventStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityTimelineTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static AuditEvent event(Instant time, EventStatus status, boolean readOnly) {
        return new AuditEvent(time, new CloudLocation(CloudProvider.AWS, "111122223333", "us-east-1"),
                Actor.of("arn:aws:iam::111122223333:role/castai-eks-demo", "AssumedRole"),
                new ApiCall("ec2", "RunInstances", "ec2:RunInstances", null, null, null), Endpoint.UNKNOWN, List.of(),
                status, new EventMetadata("id-" + time.toEpochMilli(), "cloudtrail", readOnly));
    }

    @Test
    void add_eventsInOneMinute_countsEventsFailuresAndWritesInOneBucket() {
        ActivityTimeline timeline = new ActivityTimeline();
        timeline.add(event(T0, EventStatus.SUCCESS, true));
        timeline.add(event(T0.plusSeconds(30), EventStatus.FAILURE, false));
        timeline.add(event(T0.plusSeconds(59), EventStatus.SUCCESS, false));

        ActivityHistogram h = timeline.snapshot();

        assertThat(h.bucketMs()).isEqualTo(60_000L);
        assertThat(h.buckets()).containsExactly(new ActivityHistogram.Bucket(T0.toEpochMilli(), 3, 1, 2));
    }

    @Test
    void add_undatedEvent_isCountedApartAndOnNoBucket() {
        ActivityTimeline timeline = new ActivityTimeline();
        timeline.add(event(AuditEvent.UNDATED, EventStatus.SUCCESS, true));

        ActivityHistogram h = timeline.snapshot();

        assertThat(h.buckets()).isEmpty();
        assertThat(h.undated()).isEqualTo(1);
    }

    @Test
    void add_moreBucketsThanTheCap_coarsensToTheNextWidthAndKeepsEveryCount() {
        ActivityTimeline timeline = new ActivityTimeline(10);
        for (int minute = 0; minute < 11; minute++) {
            timeline.add(event(T0.plusSeconds(60L * minute), EventStatus.SUCCESS, false));
        }

        ActivityHistogram h = timeline.snapshot();

        assertThat(h.bucketMs()).isEqualTo(300_000L);
        assertThat(h.buckets()).extracting(ActivityHistogram.Bucket::events).containsExactly(5L, 5L, 1L);
        assertThat(h.events()).isEqualTo(11);
    }

    @Test
    void add_aYearOfMinutes_staysWithinTheBucketCap() {
        ActivityTimeline timeline = new ActivityTimeline();
        for (long minute = 0; minute < 365L * 24 * 60; minute += 7) {
            timeline.add(event(T0.plusSeconds(60 * minute), EventStatus.SUCCESS, false));
        }

        ActivityHistogram h = timeline.snapshot();

        assertThat(h.buckets().size()).isLessThanOrEqualTo(ActivityTimeline.MAX_BUCKETS);
        assertThat(h.events()).isEqualTo((365L * 24 * 60 + 6) / 7);
    }
}
