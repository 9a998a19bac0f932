package io.scalewatch.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One normalized audit event (DESIGN.md §3; field names follow OCSF API Activity). Built by the
 * normalizers from CloudTrail, GCP Cloud Audit Logs and Azure Activity Log records.
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
}
