package io.scalewatch.core.event;

import java.util.Locale;

/** Outcome of the call. */
public enum EventStatus {
    SUCCESS,
    FAILURE;

    /** Lowercase identifier used in policy input. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
