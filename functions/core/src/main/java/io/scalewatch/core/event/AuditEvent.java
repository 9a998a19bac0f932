package io.scalewatch.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One normalized audit event (DESIGN.md §3; field names follow OCSF API Activity). Built by the
 * normalizers from CloudTrail, GCP Cloud Audit Logs and Azure Activity Log records.
 *
 * <p>A record that states no usable event time is still an event: its {@code time} is {@link #UNDATED}
 * ({@link #dated()} is false) and {@code metadata.issues} says {@code no event time}. A plausible time is
 * never invented; policy input leaves {@code time}/{@code time_ms} out for such an event, and scan windows,
 * first/last seen and per-bucket window rules do not place it.
 */
public record AuditEvent(
        Instant time,
        CloudLocation cloud,
        Actor actor,
        ApiCall api,
        Endpoint srcEndpoint,
        List<ResourceRef> resources,
        EventStatus status,
        EventMetadata metadata) {
    /** The time of an event whose record states none: the epoch, a marker, never read as a real time. */
    public static final Instant UNDATED = Instant.EPOCH;

    public AuditEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(api, "api");
        srcEndpoint = Objects.requireNonNullElse(srcEndpoint, Endpoint.UNKNOWN);
        resources = List.copyOf(resources);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** Whether the record stated an event time ({@code time} is not {@link #UNDATED}). */
    public boolean dated() {
        return !UNDATED.equals(time);
    }
}
