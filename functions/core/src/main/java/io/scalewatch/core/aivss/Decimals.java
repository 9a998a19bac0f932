package io.scalewatch.core.aivss;

import java.math.BigDecimal;

/** Checks and formatting shared by the AIVSS types; decimals only, never {@code double}. */
final class Decimals {
    static final BigDecimal ZERO = new BigDecimal("0");
    static final BigDecimal HALF = new BigDecimal("0.5");
    static final BigDecimal ONE = new BigDecimal("1");
    static final BigDecimal TEN = new BigDecimal("10.0");

    private Decimals() {
    }

    /** A 0..10 score with at most one decimal place (CVSS base scores and rounded AIVSS scores). */
    static void requireScore(String what, BigDecimal value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required (0.0..10.0, one decimal place)");
        }
        if (value.signum() < 0 || value.compareTo(TEN) > 0 || decimalPlaces(value) > 1) {
            throw new IllegalArgumentException(
                    what + " must be within 0.0..10.0 with at most one decimal place, got " + value.toPlainString());
        }
    }

    /** Decimal places once trailing zeros are dropped: 7.50 has 1, 10 has 0. */
    static int decimalPlaces(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    /** Plain text with no trailing zeros but at least one decimal place: 5 -> 5.0, 1.2250 -> 1.225. */
    static String plain(BigDecimal value) {
        return normalized(value).toPlainString();
    }

    /** {@link #plain}'s value as a BigDecimal (same value, tidy scale). */
    static BigDecimal normalized(BigDecimal value) {
        return value.setScale(Math.max(1, decimalPlaces(value)));
    }
}
