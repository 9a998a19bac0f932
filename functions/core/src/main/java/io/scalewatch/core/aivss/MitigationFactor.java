package io.scalewatch.core.aivss;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * AIVSS v0.8 Mitigation Factor (MF): how well deployed controls contain the agent. AIVSS v0.5 has no
 * mitigation factor; see {@link AivssScore#mitigationApplied()}.
 */
public enum MitigationFactor {
    /** No or weak controls around the agent; the default. */
    NONE_OR_WEAK("N", "1.0"),
    /** Some controls (e.g. permission boundary or SCP on part of the agent's actions). */
    PARTIAL("P", "0.83"),
    /** Strong, verified controls on the agent's dangerous actions. */
    STRONG("S", "0.67");

    private final String code;
    private final BigDecimal value;

    MitigationFactor(String code, String value) {
        this.code = code;
        this.value = new BigDecimal(value);
    }

    /** The multiplier v0.8 applies to CVSS_base + AARS. */
    public BigDecimal value() {
        return value;
    }

    /** One-letter code used in {@link AivssScore#vector()}: N, P or S. */
    public String code() {
        return code;
    }

    /** The profile-file spelling: {@code none_or_weak}, {@code partial}, {@code strong}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code none_or_weak} / {@code none-or-weak}, {@code partial}, {@code strong} in any case. */
    public static MitigationFactor parse(String text) {
        if (text != null) {
            String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (MitigationFactor factor : values()) {
                if (factor.name().equals(t)) {
                    return factor;
                }
            }
        }
        throw new IllegalArgumentException(
                "mitigation must be none_or_weak, partial or strong, got '" + text + "'");
    }
}
