package io.scalewatch.core.aivss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AivssCalculatorTest {
    private static final AgentProfile CASTAI = AgentProfiles.builtIn("castai");

    /** DESIGN.md §6 worked values: the CAST AI profile (factor sum 4.9), ThM 1.0, MF 1.0. */
    @ParameterizedTest(name = "CVSS {0} under {1} -> {2} {3}")
    @CsvSource({
        "5.0, V0_5, 5.0, MEDIUM",
        "5.0, V0_8, 7.5, HIGH",
        "7.5, V0_5, 6.2, MEDIUM",
        "7.5, V0_8, 8.7, HIGH",
        "9.8, V0_5, 7.4, HIGH",
        "9.8, V0_8, 9.9, CRITICAL",
    })
    void score_castAiProfile_matchesWorkedValue(BigDecimal cvss, AivssVersion version, String want, Band band) {
        AivssScore score = AivssCalculator.score(
                cvss, CASTAI, version, ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK);

        assertThat(score.score()).isEqualByComparingTo(want);
        assertThat(score.score().toPlainString()).isEqualTo(want);
        assertThat(score.band()).isEqualTo(band);
    }

    @Test
    void score_castAiFactorSumAsDoubles_wouldRoundTheHalfWayCaseDown() {
        double[] castAi = {0.8, 0.6, 0.1, 0.8, 0.5, 0.8, 0.4, 0.2, 0.4, 0.3};
        double doubleSum = 0;
        for (double value : castAi) {
            doubleSum += value;
        }
        // (5.0 + 4.9) / 2 = 4.95 exactly, which rounds half-up to 5.0; in binary it is just below 4.95.
        double doubleRaw = (5.0 + doubleSum) / 2 * 1.0;
        BigDecimal doubleScore = BigDecimal.valueOf(doubleRaw).setScale(1, RoundingMode.HALF_UP);

        AivssScore decimal = AivssCalculator.score(new BigDecimal("5.0"), CASTAI, AivssVersion.V0_5,
                ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK);

        assertThat(doubleSum).isEqualTo(4.8999999999999995);
        assertThat(doubleRaw).isLessThan(4.95);
        assertThat(doubleScore).isEqualByComparingTo("4.9");
        assertThat(CASTAI.factorSum().toPlainString()).isEqualTo("4.9");
        assertThat(decimal.score().toPlainString()).isEqualTo("5.0");
        assertThat(decimal.band()).isEqualTo(Band.MEDIUM);
    }

    @Test
    void score_v05HalfWayAtCvss98_roundsUpTo74() {
        // (9.8 + 4.9) / 2 = 7.35: the second half-way case among the worked values.
        AivssScore score = AivssCalculator.score(new BigDecimal("9.8"), CASTAI, AivssVersion.V0_5,
                ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK);

        assertThat(score.score().toPlainString()).isEqualTo("7.4");
    }

    @Test
    void score_v08HalfWayWithConformantProfile_roundsUp() {
        // Karpenter factor sum 3.5: AARS = 5.0 x 0.35 = 1.75, 5.0 + 1.75 = 6.75 -> 6.8.
        AivssScore score = AivssCalculator.score(new BigDecimal("5.0"), AgentProfiles.builtIn("karpenter"),
                AivssVersion.V0_8, ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK);

        assertThat(score.aars().toPlainString()).isEqualTo("1.75");
        assertThat(score.score().toPlainString()).isEqualTo("6.8");
    }

    @ParameterizedTest(name = "v0.5 CVSS 7.5 ThM {0} -> {1}")
    @CsvSource({"ATTACKED, 6.2", "PROOF_OF_CONCEPT, 6.0", "UNREPORTED, 5.6"})
    void score_v05EachThreatMultiplier_scalesTheAverage(ThreatMultiplier threat, String want) {
        // (7.5 + 4.9) / 2 = 6.2; x 0.97 = 6.014; x 0.91 = 5.642
        AivssScore score = AivssCalculator.score(
                new BigDecimal("7.5"), CASTAI, AivssVersion.V0_5, threat, MitigationFactor.NONE_OR_WEAK);

        assertThat(score.score().toPlainString()).isEqualTo(want);
        assertThat(score.aars()).isEqualByComparingTo("4.9");
    }

    @ParameterizedTest(name = "v0.8 CVSS 5.0 ThM {0} -> AARS {1}, AIVSS {2}")
    @CsvSource({"ATTACKED, 2.45, 7.5", "PROOF_OF_CONCEPT, 2.3765, 7.4", "UNREPORTED, 1.225, 6.2"})
    void score_v08EachThreatMultiplier_scalesTheAars(ThreatMultiplier threat, String aars, String want) {
        // AARS = (10 - 5.0) x 0.49 x ThM with ThM 1.0 / 0.97 / 0.50
        AivssScore score = AivssCalculator.score(
                new BigDecimal("5.0"), CASTAI, AivssVersion.V0_8, threat, MitigationFactor.NONE_OR_WEAK);

        assertThat(score.aars().toPlainString()).isEqualTo(aars);
        assertThat(score.score().toPlainString()).isEqualTo(want);
    }

    @ParameterizedTest(name = "v0.8 CVSS 5.0 MF {0} -> {1} {2}")
    @CsvSource({"NONE_OR_WEAK, 7.5, HIGH", "PARTIAL, 6.2, MEDIUM", "STRONG, 5.0, MEDIUM"})
    void score_v08EachMitigationFactor_scalesTheWholeScore(MitigationFactor mitigation, String want, Band band) {
        // 7.45 x 1.0 = 7.45; x 0.83 = 6.1835; x 0.67 = 4.9915
        AivssScore score = AivssCalculator.score(
                new BigDecimal("5.0"), CASTAI, AivssVersion.V0_8, ThreatMultiplier.ATTACKED, mitigation);

        assertThat(score.score().toPlainString()).isEqualTo(want);
        assertThat(score.band()).isEqualTo(band);
        assertThat(score.mitigationApplied()).isTrue();
    }

    @Test
    void score_v05WithStrongMitigation_ignoresItAndSaysSo() {
        AivssScore none = AivssCalculator.score(new BigDecimal("7.5"), CASTAI, AivssVersion.V0_5,
                ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK);
        AivssScore strong = AivssCalculator.score(new BigDecimal("7.5"), CASTAI, AivssVersion.V0_5,
                ThreatMultiplier.ATTACKED, MitigationFactor.STRONG);

        assertThat(strong.score()).isEqualTo(none.score());
        assertThat(strong.mitigation()).isEqualTo(MitigationFactor.STRONG);
        assertThat(strong.mitigationApplied()).isFalse();
        assertThat(strong.vector()).doesNotContain("MF");
    }

    @ParameterizedTest(name = "v0.8 CVSS {0}, every factor 1 -> 10.0")
    @ValueSource(strings = {"0.0", "5.0", "9.9", "10.0"})
    void score_v08EveryFactorAtOne_reachesTheCapOfTen(String cvss) {
        AivssScore score = AivssCalculator.score(new BigDecimal(cvss), allFactors(AivssVersion.V0_8, "1"),
                AivssVersion.V0_8, ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK);

        assertThat(score.score().toPlainString()).isEqualTo("10.0");
        assertThat(score.band()).isEqualTo(Band.CRITICAL);
    }

    @Test
    void score_everyInputCombination_staysWithinZeroToTenAndBandsTheRoundedScore() {
        // The formulas cannot exceed 10 for factors within 0..1; sweep the whole input space to prove the cap holds.
        int checked = 0;
        for (String factor : new String[] {"0", "0.5", "1"}) {
            for (AivssVersion profileVersion : AivssVersion.values()) {
                AgentProfile profile = allFactors(profileVersion, factor);
                for (int tenths = 0; tenths <= 100; tenths++) {
                    BigDecimal cvss = BigDecimal.valueOf(tenths, 1);
                    for (AivssVersion version : AivssVersion.values()) {
                        for (ThreatMultiplier threat : ThreatMultiplier.values()) {
                            for (MitigationFactor mitigation : MitigationFactor.values()) {
                                AivssScore score = AivssCalculator.score(cvss, profile, version, threat, mitigation);
                                assertThat(score.score()).isBetween(new BigDecimal("0.0"), new BigDecimal("10.0"));
                                assertThat(score.score().scale()).isEqualTo(1);
                                assertThat(score.band()).isEqualTo(Band.of(score.score()));
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(3 * 2 * 101 * 2 * 3 * 3);
    }

    @Test
    void score_zeroCvssAndZeroFactors_isNone() {
        AivssScore score = AivssCalculator.score(new BigDecimal("0.0"), allFactors(AivssVersion.V0_8, "0"),
                AivssVersion.V0_8, ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK);

        assertThat(score.score().toPlainString()).isEqualTo("0.0");
        assertThat(score.band()).isEqualTo(Band.NONE);
    }

    @Test
    void score_v05ProfileUnderV08_usesItsFactorSumAndRecordsTheCrossing() {
        AivssScore score = AivssCalculator.score(new BigDecimal("7.5"), CASTAI, AivssVersion.V0_8,
                ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK);

        assertThat(score.version()).isEqualTo(AivssVersion.V0_8);
        assertThat(score.profileVersion()).isEqualTo(AivssVersion.V0_5);
        assertThat(score.crossVersion()).isTrue();
        assertThat(score.factorSum()).isEqualByComparingTo("4.9");
        assertThat(score.nonConformantEstimate()).isTrue();
        assertThat(score.profileId()).isEqualTo("castai");
    }

    @Test
    void score_profileOwnVersionOverload_usesProfileVersionAndMitigation() {
        AgentProfile karpenter = AgentProfiles.builtIn("karpenter");

        AivssScore score = AivssCalculator.score(new BigDecimal("7.5"), karpenter, ThreatMultiplier.PROOF_OF_CONCEPT);

        assertThat(score.version()).isEqualTo(AivssVersion.V0_8);
        assertThat(score.crossVersion()).isFalse();
        assertThat(score.nonConformantEstimate()).isFalse();
        assertThat(score.mitigation()).isEqualTo(karpenter.mitigation());
        // AARS = 2.5 x 0.35 x 0.97 = 0.84875; 7.5 + 0.84875 = 8.34875 -> 8.3
        assertThat(score.aars().toPlainString()).isEqualTo("0.84875");
        assertThat(score.score().toPlainString()).isEqualTo("8.3");
    }

    @ParameterizedTest(name = "vector {1} {2} {3}")
    @CsvSource({
        "7.5, V0_8, ATTACKED, NONE_OR_WEAK, AIVSS:0.8/CVSS:7.5/FS:4.9/ThM:A/MF:N",
        "10, V0_8, UNREPORTED, STRONG, AIVSS:0.8/CVSS:10.0/FS:4.9/ThM:U/MF:S",
        "5.00, V0_8, PROOF_OF_CONCEPT, PARTIAL, AIVSS:0.8/CVSS:5.0/FS:4.9/ThM:P/MF:P",
        "9.8, V0_5, PROOF_OF_CONCEPT, PARTIAL, AIVSS:0.5/CVSS:9.8/FS:4.9/ThM:P",
    })
    void vector_eachVersion_statesTheInputs(
            BigDecimal cvss, AivssVersion version, ThreatMultiplier threat, MitigationFactor mf, String want) {
        assertThat(AivssCalculator.score(cvss, CASTAI, version, threat, mf).vector()).isEqualTo(want);
    }

    @Test
    void vector_wholeFactorSum_keepsOneDecimalPlace() {
        AivssScore score = AivssCalculator.score(new BigDecimal("7.5"), allFactors(AivssVersion.V0_8, "0.5"),
                AivssVersion.V0_8, ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK);

        assertThat(score.vector()).isEqualTo("AIVSS:0.8/CVSS:7.5/FS:5.0/ThM:A/MF:N");
    }

    @ParameterizedTest(name = "CVSS {0} rejected")
    @ValueSource(strings = {"-0.1", "10.1", "11", "7.55"})
    void score_cvssOutsideZeroToTenOrOverOneDecimal_isRejected(String cvss) {
        BigDecimal base = new BigDecimal(cvss);
        assertThatThrownBy(() -> AivssCalculator.score(base, CASTAI, AivssVersion.V0_8,
                ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CVSS base score must be within 0.0..10.0 with at most one decimal place")
                .hasMessageContaining("got " + cvss);
    }

    @Test
    void score_nullCvss_isRejectedWithWhatIsValid() {
        assertThatThrownBy(() -> AivssCalculator.score(null, CASTAI, AivssVersion.V0_8,
                ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CVSS base score is required");
    }

    @Test
    void score_nullProfile_namesTheArgument() {
        assertThatThrownBy(() -> AivssCalculator.score(new BigDecimal("5.0"), null, AivssVersion.V0_8,
                ThreatMultiplier.ATTACKED, MitigationFactor.NONE_OR_WEAK))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("profile");
    }

    private static AgentProfile allFactors(AivssVersion version, String value) {
        AgentProfile.Builder builder = AgentProfile.builder().id("all-" + value).name("All " + value).version(version);
        version.factorNames().forEach(name -> builder.addFactor(name, new BigDecimal(value)));
        return builder.build();
    }
}
