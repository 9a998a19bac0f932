package io.scalewatch.core.finding;

import java.util.Locale;

/** How a rule judges (DESIGN.md §4): one event, a whole window, the identity's posture, or missing data. */
public enum RuleKind {
    EVENT,
    WINDOW,
    POSTURE,
    MISSING;

    /** Lowercase identifier as written in METADATA. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for kinds that judge observed activity (AIVSS threat multiplier "attacked"). */
    public boolean observed() {
        return this == EVENT || this == WINDOW;
    }

    /** Parses {@code event|window|posture|missing}. */
    public static RuleKind parse(String text) {
        for (RuleKind kind : values()) {
            if (kind.id().equalsIgnoreCase(text)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("rule kind must be event, window, posture or missing, got '" + text + "'");
    }
}
