package io.scalewatch.core.event;

import java.util.Objects;

/**
 * Provenance of an event.
 *
 * @param uid the log's own event id: CloudTrail {@code eventID}, GCP {@code insertId}, Azure event id;
 *     what {@code evidence.event_ids} of a finding lists
 * @param logSource {@code cloudtrail}, {@code gcp_audit} or {@code azure_activity}
 * @param readOnly whether the log marks the call read-only (CloudTrail readOnly, GCP data_access, Azure read)
 */
public record EventMetadata(String uid, String logSource, boolean readOnly) {
    public EventMetadata {
        Objects.requireNonNull(uid, "uid");
        if (uid.isEmpty()) {
            throw new IllegalArgumentException("event uid must not be empty");
        }
        logSource = Objects.requireNonNullElse(logSource, "");
    }
}
