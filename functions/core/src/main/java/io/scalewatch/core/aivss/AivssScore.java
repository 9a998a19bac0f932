package io.scalewatch.core.aivss;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One AIVSS score with every input that produced it, so a reader can recompute it. Made by
 * {@link AivssCalculator}.
 *
 * <p>{@link #vector()} is {@code AIVSS:<version>/CVSS:<base>/FS:<factor sum>/ThM:<A|P|U>[/MF:<N|P|S>]}, e.g.
 * {@code AIVSS:0.8/CVSS:7.5/FS:4.9/ThM:A/MF:N}. Numbers are plain decimals with at least one decimal place
 * and no trailing zeros beyond it; {@code MF} appears only for v0.8, the only version that applies it.
 *
 * @param version the AIVSS version whose formula was applied
 * @param cvssBase CVSS base score of the underlying weakness, 0.0..10.0
 * @param aars Agentic AI Risk Score, unrounded: the factor sum in v0.5,
 *     (10 - CVSS) x (factor sum / 10) x ThM in v0.8
 * @param threat threat multiplier applied
 * @param mitigation mitigation factor passed in; applied only when {@link #mitigationApplied()}
 * @param score the AIVSS score, rounded half-up to one decimal place (and capped at 10 in v0.8)
 * @param band the band of {@code score}
 * @param profileId id of the agent profile whose factors were used
 * @param factorSum the profile's factor sum (the formulas use nothing else from the profile)
 * @param profileVersion the AIVSS version the profile's factor table is written for; differs from
 *     {@code version} when a profile is scored under the other version (see {@link #crossVersion()})
 * @param nonConformantEstimate the profile holds factor values other than 0 / 0.5 / 1, so this is an
 *     estimate outside both specifications and must be reported as such
 */
public record AivssScore(
        AivssVersion version,
        BigDecimal cvssBase,
        BigDecimal aars,
        ThreatMultiplier threat,
        MitigationFactor mitigation,
        BigDecimal score,
        Band band,
        String profileId,
        BigDecimal factorSum,
        AivssVersion profileVersion,
        boolean nonConformantEstimate) {

    public AivssScore {
        Objects.requireNonNull(version, "version");
        Decimals.requireScore("CVSS base score", cvssBase);
        Objects.requireNonNull(aars, "aars");
        Objects.requireNonNull(threat, "threat");
        Objects.requireNonNull(mitigation, "mitigation");
        Decimals.requireScore("AIVSS score", score);
        if (band != Band.of(score)) {
            throw new IllegalArgumentException(
                    "band of AIVSS score " + score.toPlainString() + " is " + Band.of(score) + ", got " + band);
        }
        if (profileId == null || profileId.isBlank()) {
            throw new IllegalArgumentException("profileId is required, got '" + profileId + "'");
        }
        Objects.requireNonNull(factorSum, "factorSum");
        Objects.requireNonNull(profileVersion, "profileVersion");
    }

    /** Whether the mitigation factor entered the score; AIVSS v0.5 has none. */
    public boolean mitigationApplied() {
        return version == AivssVersion.V0_8;
    }

    /** Whether the profile's factor table is written for the other version (only its sum was used). */
    public boolean crossVersion() {
        return profileVersion != version;
    }

    /** Compact, recomputable statement of the inputs, e.g. {@code AIVSS:0.8/CVSS:7.5/FS:4.9/ThM:A/MF:N}. */
    public String vector() {
        String vector = "AIVSS:" + version.label()
                + "/CVSS:" + Decimals.plain(cvssBase)
                + "/FS:" + Decimals.plain(factorSum)
                + "/ThM:" + threat.code();
        return mitigationApplied() ? vector + "/MF:" + mitigation.code() : vector;
    }
}
