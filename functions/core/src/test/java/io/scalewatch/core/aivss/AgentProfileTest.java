package io.scalewatch.core.aivss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentProfileTest {
    private static final String[] CASTAI_VALUES = {"0.8", "0.6", "0.1", "0.8", "0.5", "0.8", "0.4", "0.2", "0.4", "0.3"};

    @Test
    void build_continuousValuesWithoutSwitch_isRejectedNamingFactorsAndAllowedValues() {
        AgentProfile.Builder builder = v05(CASTAI_VALUES);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor 'Autonomy of Action' is 0.8")
                .hasMessageContaining("factor 'Opacity & Reflexivity' is 0.3")
                .hasMessageContaining("AIVSS v0.5 allows only 0, 0.5 or 1 per factor")
                .hasMessageContaining("accept_non_conformant_factors: true");
    }

    @Test
    void build_oneContinuousValueInConformantProfile_namesThatFactor() {
        String[] values = {"1", "0.5", "0", "1", "0.5", "1", "0.5", "0", "0.5", "0.3"};

        assertThatThrownBy(() -> v05(values).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("factor 'Opacity & Reflexivity' is 0.3, but AIVSS v0.5 allows only 0, 0.5 or 1");
    }

    @Test
    void build_continuousValuesWithSwitch_keepsThemUnroundedAndMarksTheEstimate() {
        AgentProfile profile = v05(CASTAI_VALUES).acceptNonConformantFactors(true).build();

        assertThat(profile.nonConformantEstimate()).isTrue();
        assertThat(profile.factors()).extracting(f -> f.value().toPlainString()).containsExactly(CASTAI_VALUES);
        assertThat(profile.factorSum().toPlainString()).isEqualTo("4.9");
    }

    @Test
    void build_switchOnWithConformantValues_isNotMarkedAnEstimate() {
        String[] values = {"1", "0.5", "0", "1", "0.5", "1", "0.5", "0", "0.5", "0.5"};

        AgentProfile profile = v05(values).acceptNonConformantFactors(true).build();

        assertThat(profile.nonConformantEstimate()).isFalse();
        assertThat(profile.factorSum()).isEqualByComparingTo("5.5");
    }

    @Test
    void constructor_markedEstimateWithConformantValues_isRejected() {
        AgentProfile conformant = v05("1", "0.5", "0", "1", "0.5", "1", "0.5", "0", "0.5", "0.5").build();

        assertThatThrownBy(() -> new AgentProfile(conformant.id(), conformant.name(), conformant.version(),
                conformant.factors(), true, conformant.mitigation(), conformant.source()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is marked a non-conformant estimate, but every factor is 0, 0.5 or 1");
    }

    @Test
    void build_missingFactors_listsTheMissingNames() {
        AgentProfile.Builder builder = AgentProfile.builder().id("nine").name("Nine").version(AivssVersion.V0_8);
        AivssVersion.V0_8.factorNames().stream()
                .filter(n -> !n.equals("Natural Language Interface") && !n.equals("Self-Modification"))
                .forEach(n -> builder.addFactor(n, new BigDecimal("0.5")));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing AIVSS v0.8 factor(s): Natural Language Interface, Self-Modification; "
                        + "a profile must give all 10 (0, 0.5 or 1 each)");
    }

    @Test
    void build_noFactors_isRejected() {
        AgentProfile.Builder builder = AgentProfile.builder().id("none").name("None").version(AivssVersion.V0_5);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("missing AIVSS v0.5 factor(s): Autonomy of Action, Goal-Driven Planning");
    }

    @Test
    void build_otherVersionsFactorName_isRejectedWithAHint() {
        AgentProfile.Builder builder = AgentProfile.builder().id("mixed").name("Mixed").version(AivssVersion.V0_8)
                .addFactor("Autonomy of Action", new BigDecimal("1"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown AIVSS v0.8 factor 'Autonomy of Action' (it is an AIVSS v0.5 factor; "
                        + "this profile is written for v0.8)")
                .hasMessageContaining("the AIVSS v0.8 factors are: Execution Autonomy, External Tool Control Surface");
    }

    @Test
    void build_unknownFactorName_isRejectedListingValidNames() {
        AgentProfile.Builder builder = v05("1", "0.5", "0", "1", "0.5", "1", "0.5", "0", "0.5", "0.5")
                .addFactor("Autonomy", new BigDecimal("1"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown AIVSS v0.5 factor 'Autonomy'; the AIVSS v0.5 factors are: "
                        + "Autonomy of Action, Goal-Driven Planning");
    }

    @Test
    void build_duplicateFactor_isRejected() {
        AgentProfile.Builder builder = v05("1", "0.5", "0", "1", "0.5", "1", "0.5", "0", "0.5", "0.5")
                .addFactor("Dynamic Identity", new BigDecimal("0"));

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("factor 'Dynamic Identity' is given more than once; each of the 10 AIVSS v0.5 factors "
                        + "must appear exactly once");
    }

    @Test
    void addFactor_valueAboveOneOrNegative_isRejectedEvenForEstimates() {
        AgentProfile.Builder builder = AgentProfile.builder().acceptNonConformantFactors(true);

        assertThatThrownBy(() -> builder.addFactor("Execution Autonomy", new BigDecimal("1.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("factor 'Execution Autonomy' must be within 0..1 (AIVSS allows 0, 0.5 or 1), got 1.5");
        assertThatThrownBy(() -> builder.addFactor("Execution Autonomy", new BigDecimal("-0.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -0.5");
    }

    @Test
    void build_factorsOutOfOrder_areKeptInSpecificationOrder() {
        List<String> names = new ArrayList<>(AivssVersion.V0_8.factorNames());
        Collections.reverse(names);
        AgentProfile.Builder builder = AgentProfile.builder().id("rev").name("Reversed").version(AivssVersion.V0_8);
        names.forEach(n -> builder.addFactor(n, new BigDecimal("0.5"), "why " + n));

        AgentProfile profile = builder.build();

        assertThat(profile.factors()).extracting(AivssFactor::name).isEqualTo(AivssVersion.V0_8.factorNames());
        assertThat(profile.factors().get(0).rationale()).isEqualTo("why Execution Autonomy");
    }

    @Test
    void build_badIdOrMissingVersion_isRejected() {
        assertThatThrownBy(() -> AgentProfile.builder().id("Cast AI").name("x").version(AivssVersion.V0_5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("profile id must be 1-64 characters of a-z, 0-9")
                .hasMessageEndingWith("got 'Cast AI'");
        assertThatThrownBy(() -> AgentProfile.builder().id("x").name("x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("profile 'x' needs an AIVSS version (0.5 or 0.8)");
    }

    @Test
    void factors_returnedList_isImmutable() {
        AgentProfile profile = v05("1", "0.5", "0", "1", "0.5", "1", "0.5", "0", "0.5", "0.5").build();

        assertThatThrownBy(() -> profile.factors().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static AgentProfile.Builder v05(String... values) {
        AgentProfile.Builder builder = AgentProfile.builder().id("test").name("Test").version(AivssVersion.V0_5);
        List<String> names = AivssVersion.V0_5.factorNames();
        for (int i = 0; i < values.length; i++) {
            builder.addFactor(names.get(i), new BigDecimal(values[i]));
        }
        return builder;
    }
}
