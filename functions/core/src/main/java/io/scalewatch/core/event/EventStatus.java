package io.scalewatch.core.event;

import java.util.Locale;

/**
 * Outcome of the call. {@link #IN_PROGRESS} is for Azure Activity Log Start / Accepted / Active entries:
 * they record that a long-running operation began, not how it ended (its Succeeded / Failed entry follows
 * with the same correlation id), so rules must count them neither as success nor as failure.
 */
public enum EventStatus {
    SUCCESS,
    FAILURE,
    IN_PROGRESS;

    /** Lowercase identifier used in policy input: {@code success}, {@code failure}, {@code in_progress}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
