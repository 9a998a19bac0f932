package io.scalewatch.core.finding;

import java.util.Locale;

/** Severity of the underlying weakness as a rule declares it (METADATA custom.severity). */
public enum Severity {
    INFORMATIONAL,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** Parses a severity in any case. */
    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "severity must be one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL, got '" + text + "'", e);
        }
    }
}
