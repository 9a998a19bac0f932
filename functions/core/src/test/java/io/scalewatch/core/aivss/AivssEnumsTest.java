package io.scalewatch.core.aivss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AivssEnumsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0.5, V0_5", "v0.5, V0_5", "V0.5, V0_5", "' 0.5 ', V0_5", "V0_5, V0_5",
        "0.8, V0_8", "v0.8, V0_8", "V0_8, V0_8"})
    void parse_acceptedSpellings_returnVersion(String text, AivssVersion want) {
        assertThat(AivssVersion.parse(text)).isEqualTo(want);
    }

    @ParameterizedTest(name = "''{0}'' rejected")
    @ValueSource(strings = {"1.0", "0.50", "05", "", "v"})
    void parse_unknownVersion_isRejectedWithValidValues(String text) {
        assertThatThrownBy(() -> AivssVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AIVSS version must be 0.5 or 0.8 (optionally written v0.5 / v0.8), got '" + text + "'");
    }

    @Test
    void label_eachVersion_isTheSpecificationNumber() {
        assertThat(AivssVersion.V0_5.label()).isEqualTo("0.5");
        assertThat(AivssVersion.V0_8.label()).isEqualTo("0.8");
    }

    @Test
    void factorNames_eachVersion_hasTenDistinctNames() {
        for (AivssVersion version : AivssVersion.values()) {
            assertThat(version.factorNames()).hasSize(10).doesNotHaveDuplicates();
        }
        assertThat(AivssVersion.V0_5.factorNames()).startsWith("Autonomy of Action").endsWith("Opacity & Reflexivity");
        assertThat(AivssVersion.V0_8.factorNames()).startsWith("Execution Autonomy").endsWith("Self-Modification");
    }

    @ParameterizedTest(name = "{0} under {1} = {2}")
    @CsvSource({
        "ATTACKED, V0_5, 1.0", "PROOF_OF_CONCEPT, V0_5, 0.97", "UNREPORTED, V0_5, 0.91",
        "ATTACKED, V0_8, 1.0", "PROOF_OF_CONCEPT, V0_8, 0.97", "UNREPORTED, V0_8, 0.50",
    })
    void value_threatMultiplier_matchesTheSpecification(ThreatMultiplier threat, AivssVersion version, String want) {
        assertThat(threat.value(version)).isEqualByComparingTo(want);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"NONE_OR_WEAK, 1.0, none_or_weak", "PARTIAL, 0.83, partial", "STRONG, 0.67, strong"})
    void value_mitigationFactor_matchesV08(MitigationFactor mitigation, String want, String label) {
        assertThat(mitigation.value()).isEqualByComparingTo(want);
        assertThat(mitigation.label()).isEqualTo(label);
        assertThat(MitigationFactor.parse(label)).isEqualTo(mitigation);
    }

    @Test
    void parse_unknownMitigationOrThreat_isRejectedWithValidValues() {
        assertThatThrownBy(() -> MitigationFactor.parse("full"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mitigation must be none_or_weak, partial or strong, got 'full'");
        assertThatThrownBy(() -> ThreatMultiplier.parse("exploited"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threat multiplier must be attacked, proof_of_concept or unreported, got 'exploited'");
    }

    @Test
    void parse_threatSpellings_returnMultiplier() {
        assertThat(ThreatMultiplier.parse("proof-of-concept")).isEqualTo(ThreatMultiplier.PROOF_OF_CONCEPT);
        assertThat(ThreatMultiplier.parse("Attacked")).isEqualTo(ThreatMultiplier.ATTACKED);
        assertThat(MitigationFactor.parse("none-or-weak")).isEqualTo(MitigationFactor.NONE_OR_WEAK);
    }
}
