package io.scalewatch.core.aivss;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One agentic risk factor of an {@link AgentProfile}: its name as the profile's AIVSS version spells it,
 * its value within 0..1 (kept exactly as given, never rounded) and why it was chosen.
 *
 * @param name factor name, e.g. {@code Execution Autonomy}
 * @param value 0, 0.5 or 1 per both specifications; a continuous estimate only in a profile marked
 *     {@link AgentProfile#nonConformantEstimate()}
 * @param rationale one line on why this value; empty when the profile gives none
 */
public record AivssFactor(String name, BigDecimal value, String rationale) {
    public AivssFactor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("factor name is required, got '" + name + "'");
        }
        if (value == null) {
            throw new IllegalArgumentException("factor '" + name + "' has no value; give 0, 0.5 or 1");
        }
        if (value.signum() < 0 || value.compareTo(Decimals.ONE) > 0) {
            throw new IllegalArgumentException("factor '" + name + "' must be within 0..1 (AIVSS allows 0, 0.5 or 1), "
                    + "got " + value.toPlainString());
        }
        rationale = Objects.requireNonNullElse(rationale, "");
    }

    /** Whether the value is one the specifications allow: 0, 0.5 or 1. */
    public boolean isConformant() {
        return value.compareTo(Decimals.ZERO) == 0
                || value.compareTo(Decimals.HALF) == 0
                || value.compareTo(Decimals.ONE) == 0;
    }
}
