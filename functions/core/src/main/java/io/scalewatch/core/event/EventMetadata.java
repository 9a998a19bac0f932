package io.scalewatch.core.event;

import java.util.List;
import java.util.Objects;

/**
 * Provenance of an event.
 *
 * @param uid the log's own event id: CloudTrail {@code eventID}, GCP {@code insertId}, Azure event id;
 *     what {@code evidence.event_ids} of a finding lists
 * @param logSource {@code cloudtrail}, {@code gcp_audit} or {@code azure_activity}
 * @param readOnly whether the log marks the call read-only (CloudTrail readOnly, GCP data_access, Azure read)
 * @param issues what the normalizer tolerated in the record, as short stable phrases ({@code no event time},
 *     {@code requestMetadata is not an object; dropped}, ...; the list is
 *     {@code io.scalewatch.core.normalize.NormalizationIssues#ALL}); empty for a clean record
 */
public record EventMetadata(String uid, String logSource, boolean readOnly, List<String> issues) {
    public EventMetadata {
        Objects.requireNonNull(uid, "uid");
        if (uid.isEmpty()) {
            throw new IllegalArgumentException("event uid must not be empty");
        }
        logSource = Objects.requireNonNullElse(logSource, "");
        issues = List.copyOf(Objects.requireNonNullElse(issues, List.of()));
        for (String issue : issues) {
            if (issue.isBlank()) {
                throw new IllegalArgumentException("event issues must not be blank, got " + issues);
            }
        }
    }

    /** Provenance of a record the normalizer took as it was (no issues). */
    public EventMetadata(String uid, String logSource, boolean readOnly) {
        this(uid, logSource, readOnly, List.of());
    }

    /** Whether the normalizer tolerated anything missing or malformed in the record. */
    public boolean hasIssues() {
        return !issues.isEmpty();
    }
}
