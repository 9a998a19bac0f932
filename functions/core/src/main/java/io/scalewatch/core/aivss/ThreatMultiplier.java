package io.scalewatch.core.aivss;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * AIVSS Threat Multiplier (ThM): how far exploitation of the weakness has been seen. The unreported value
 * differs between versions (0.91 in v0.5, 0.50 in v0.8).
 */
public enum ThreatMultiplier {
    /** Exploitation observed; for scalewatch, an event or window rule fired on real activity. */
    ATTACKED("A", "1.0", "1.0"),
    /** A public technique exists (e.g. a Stratus Red Team id); the v0.5 default. */
    PROOF_OF_CONCEPT("P", "0.97", "0.97"),
    /** No known exploitation or public technique. */
    UNREPORTED("U", "0.91", "0.50");

    private final String code;
    private final BigDecimal v05;
    private final BigDecimal v08;

    ThreatMultiplier(String code, String v05, String v08) {
        this.code = code;
        this.v05 = new BigDecimal(v05);
        this.v08 = new BigDecimal(v08);
    }

    /** The multiplier this version defines. */
    public BigDecimal value(AivssVersion version) {
        return switch (version) {
            case V0_5 -> v05;
            case V0_8 -> v08;
        };
    }

    /** One-letter code used in {@link AivssScore#vector()}: A, P or U. */
    public String code() {
        return code;
    }

    /** Parses {@code attacked}, {@code proof_of_concept} / {@code proof-of-concept}, {@code unreported}. */
    public static ThreatMultiplier parse(String text) {
        if (text != null) {
            String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (ThreatMultiplier threat : values()) {
                if (threat.name().equals(t)) {
                    return threat;
                }
            }
        }
        throw new IllegalArgumentException(
                "threat multiplier must be attacked, proof_of_concept or unreported, got '" + text + "'");
    }
}
