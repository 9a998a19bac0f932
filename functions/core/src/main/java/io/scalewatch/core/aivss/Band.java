package io.scalewatch.core.aivss;

import java.math.BigDecimal;

/** Qualitative AIVSS band of a score already rounded to one decimal place. */
public enum Band {
    NONE("None"),
    LOW("Low"),
    MEDIUM("Medium"),
    HIGH("High"),
    CRITICAL("Critical");

    private static final BigDecimal MEDIUM_FROM = new BigDecimal("4.0");
    private static final BigDecimal HIGH_FROM = new BigDecimal("7.0");
    private static final BigDecimal CRITICAL_FROM = new BigDecimal("9.0");

    private final String label;

    Band(String label) {
        this.label = label;
    }

    /** Title-case name as the specifications print it, e.g. {@code Medium}. */
    public String label() {
        return label;
    }

    /**
     * Band of a rounded score: 0.0 None, 0.1-3.9 Low, 4.0-6.9 Medium, 7.0-8.9 High, 9.0-10.0 Critical.
     *
     * @throws IllegalArgumentException if the score is outside 0..10 or has more than one decimal place
     *     (banding an unrounded score would hide a rounding step)
     */
    public static Band of(BigDecimal rounded) {
        Decimals.requireScore("AIVSS score", rounded);
        if (rounded.signum() == 0) {
            return NONE;
        }
        if (rounded.compareTo(MEDIUM_FROM) < 0) {
            return LOW;
        }
        if (rounded.compareTo(HIGH_FROM) < 0) {
            return MEDIUM;
        }
        return rounded.compareTo(CRITICAL_FROM) < 0 ? HIGH : CRITICAL;
    }
}
