package io.scalewatch.core.aivss;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * OWASP AIVSS v0.5 and v0.8 scoring in exact decimal arithmetic with a single half-up rounding to one
 * decimal place (binary doubles would turn the factor sum 4.9 into 4.8999999999999995 and round 4.95 down).
 *
 * <p>Usage: {@code AivssCalculator.score(new BigDecimal("7.5"), AgentProfiles.builtIn("castai"),
 * AivssVersion.V0_8, ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK)}.
 */
public final class AivssCalculator {
    private static final BigDecimal TWO = new BigDecimal("2");

    private AivssCalculator() {
    }

    /**
     * Scores a weakness for an agent under the given AIVSS version.
     *
     * <ul>
     *   <li>v0.5: AARS = factor sum; AIVSS = round(((CVSS + AARS) / 2) x ThM, 1). {@code mitigation} is
     *       recorded on the score but not applied: v0.5 defines no mitigation factor.
     *   <li>v0.8: AARS = (10 - CVSS) x (factor sum / 10) x ThM; AIVSS = min(round((CVSS + AARS) x MF, 1), 10).
     * </ul>
     *
     * <p>The profile may be written for either version: both formulas use only its factor sum, so a v0.5
     * profile scored under v0.8 (or the reverse) uses the sum of its own ten factors. The score records the
     * profile's version ({@link AivssScore#crossVersion()}) and whether the profile is a non-conformant estimate.
     *
     * @param cvssBase CVSS base score, 0.0..10.0 with at most one decimal place
     * @throws IllegalArgumentException when {@code cvssBase} is out of range; NullPointerException on a null
     */
    public static AivssScore score(BigDecimal cvssBase, AgentProfile profile, AivssVersion version,
            ThreatMultiplier threat, MitigationFactor mitigation) {
        Decimals.requireScore("CVSS base score", cvssBase);
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(threat, "threat");
        Objects.requireNonNull(mitigation, "mitigation");

        BigDecimal factorSum = profile.factorSum();
        BigDecimal thm = threat.value(version);
        BigDecimal aars;
        BigDecimal score;
        switch (version) {
            case V0_5 -> {
                aars = factorSum;
                // Division by 2 always terminates, so every step before the one rounding is exact.
                score = cvssBase.add(aars).divide(TWO).multiply(thm).setScale(1, RoundingMode.HALF_UP);
            }
            case V0_8 -> {
                aars = Decimals.TEN.subtract(cvssBase).multiply(factorSum.movePointLeft(1)).multiply(thm);
                score = cvssBase.add(aars).multiply(mitigation.value()).setScale(1, RoundingMode.HALF_UP)
                        .min(Decimals.TEN);
            }
            default -> throw new IllegalStateException("unhandled AIVSS version " + version);
        }
        return new AivssScore(version, cvssBase, Decimals.normalized(aars), threat, mitigation, score,
                Band.of(score), profile.id(), factorSum, profile.version(), profile.nonConformantEstimate());
    }

    /** Scores under the profile's own AIVSS version with the profile's own mitigation. */
    public static AivssScore score(BigDecimal cvssBase, AgentProfile profile, ThreatMultiplier threat) {
        Objects.requireNonNull(profile, "profile");
        return score(cvssBase, profile, profile.version(), threat, profile.mitigation());
    }
}
