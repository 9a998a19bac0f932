package io.scalewatch.core.aivss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentProfilesTest {
    @Test
    void builtInIds_areTheThreeShippedProfiles() {
        assertThat(AgentProfiles.builtInIds()).containsExactly("castai", "karpenter", "cluster-autoscaler");
    }

    @Test
    void builtIn_castai_holdsTheThreatModelValuesUnroundedAsANonConformantV05Estimate() {
        AgentProfile castai = AgentProfiles.builtIn("castai");

        assertThat(castai.version()).isEqualTo(AivssVersion.V0_5);
        assertThat(castai.nonConformantEstimate()).isTrue();
        assertThat(castai.factors()).extracting(AivssFactor::name, f -> f.value().toPlainString()).containsExactly(
                tuple("Autonomy of Action", "0.8"),
                tuple("Goal-Driven Planning", "0.6"),
                tuple("Self-Modification", "0.1"),
                tuple("Dynamic Tool Use", "0.8"),
                tuple("Persistent Memory", "0.5"),
                tuple("Contextual Awareness", "0.8"),
                tuple("Dynamic Identity", "0.4"),
                tuple("Multi-Agent Interactions", "0.2"),
                tuple("Non-Determinism", "0.4"),
                tuple("Opacity & Reflexivity", "0.3"));
        assertThat(castai.factorSum().toPlainString()).isEqualTo("4.9");
        assertThat(castai.mitigation()).isEqualTo(MitigationFactor.NONE_OR_WEAK);
        assertThat(castai.source()).contains("castai-agentic-threat-model.txt");
    }

    @ParameterizedTest(name = "{0}: sum {1}")
    @CsvSource({"karpenter, 3.5, Karpenter", "cluster-autoscaler, 1.5, Kubernetes Cluster Autoscaler"})
    void builtIn_ownEstimates_areConformantV08WithARationalePerFactor(String id, String sum, String name) {
        AgentProfile profile = AgentProfiles.builtIn(id);

        assertThat(profile.id()).isEqualTo(id);
        assertThat(profile.name()).isEqualTo(name);
        assertThat(profile.version()).isEqualTo(AivssVersion.V0_8);
        assertThat(profile.nonConformantEstimate()).isFalse();
        assertThat(profile.factors()).allMatch(AivssFactor::isConformant);
        assertThat(profile.factors()).allSatisfy(f -> assertThat(f.rationale()).isNotBlank().doesNotContain("\n"));
        assertThat(profile.factorSum().toPlainString()).isEqualTo(sum);
        assertThat(profile.source()).isNotBlank();
    }

    @Test
    void builtIn_karpenterVersusClusterAutoscaler_karpenterScoresHigher() {
        AgentProfile karpenter = AgentProfiles.builtIn("karpenter");
        AgentProfile autoscaler = AgentProfiles.builtIn("cluster-autoscaler");

        assertThat(karpenter.factorSum()).isGreaterThan(autoscaler.factorSum());
    }

    @Test
    void builtIn_unknownId_listsTheBuiltInIds() {
        assertThatThrownBy(() -> AgentProfiles.builtIn("spot-ocean"))
                .isInstanceOf(AgentProfileException.class)
                .hasMessage("unknown built-in agent profile 'spot-ocean'; built-in profiles are castai, karpenter, "
                        + "cluster-autoscaler (or give a path to a custom profile .json)");
    }

    @Test
    void builtIn_sameIdTwice_returnsTheSameProfile() {
        assertThat(AgentProfiles.builtIn("karpenter")).isSameAs(AgentProfiles.builtIn("karpenter"));
    }

    @Test
    void fromFile_shippedCustomExample_loads() throws URISyntaxException {
        Path example = Path.of(AgentProfiles.class.getClassLoader()
                .getResource("scalewatch/profiles/custom-profile.example.json").toURI());

        AgentProfile profile = AgentProfiles.fromFile(example);

        assertThat(profile.id()).isEqualTo("my-autoscaler");
        assertThat(profile.version()).isEqualTo(AivssVersion.V0_8);
        assertThat(profile.mitigation()).isEqualTo(MitigationFactor.PARTIAL);
        assertThat(profile.nonConformantEstimate()).isFalse();
    }

    @Test
    void fromFile_customV05Profile_mapsEveryField() {
        AgentProfile profile = AgentProfiles.fromFile(fixture("custom-v05-strong.json"));

        assertThat(profile.id()).isEqualTo("ocean-spot");
        assertThat(profile.name()).isEqualTo("Spot Ocean (team estimate)");
        assertThat(profile.version()).isEqualTo(AivssVersion.V0_5);
        assertThat(profile.mitigation()).isEqualTo(MitigationFactor.STRONG);
        assertThat(profile.source()).isEmpty();
        assertThat(profile.factors()).extracting(AivssFactor::name).isEqualTo(AivssVersion.V0_5.factorNames());
        assertThat(profile.factors().get(0).rationale()).isEqualTo("Replaces nodes and buys spot capacity on its own.");
        assertThat(profile.factors().get(1).rationale()).isEmpty();
        assertThat(profile.factorSum()).isEqualByComparingTo("5.5");
    }

    @Test
    void fromFile_continuousValueWithoutSwitch_isRejectedNamingFileFactorAndAllowedValues() {
        Path file = fixture("castai-values-without-switch.json");

        assertThatThrownBy(() -> AgentProfiles.fromFile(file))
                .isInstanceOf(AgentProfileException.class)
                .hasMessageStartingWith("agent profile " + file + ": factor 'Opacity & Reflexivity' is 0.3")
                .hasMessageContaining("AIVSS v0.5 allows only 0, 0.5 or 1 per factor")
                .hasMessageContaining("accept_non_conformant_factors: true");
    }

    @Test
    void fromFile_estimateWithMoreDigitsThanADouble_keepsEveryDigit() {
        AgentProfile profile = AgentProfiles.fromFile(fixture("long-decimal-estimate.json"));

        assertThat(profile.nonConformantEstimate()).isTrue();
        assertThat(profile.factors().get(0).value().toPlainString()).isEqualTo("0.12345678901234567890123");
        // Read as a double, this value would come back as 0.3.
        assertThat(profile.factors().get(1).value().toPlainString()).isEqualTo("0.30000000000000001");
        assertThat(profile.factorSum().toPlainString()).isEqualTo("1.92345678901234568890123");
    }

    @Test
    void fromFile_switchOnWithConformantValues_isNotMarkedAnEstimate() {
        AgentProfile profile = AgentProfiles.fromFile(fixture("switch-on-conformant-values.json"));

        assertThat(profile.nonConformantEstimate()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "duplicate-factor-key.json | Duplicate field 'Execution Autonomy'",
        "v05-name-in-v08-profile.json | unknown AIVSS v0.8 factor 'Autonomy of Action' (it is an AIVSS v0.5 factor",
        "nine-factors.json | missing AIVSS v0.8 factor(s): Natural Language Interface;",
        "no-factors-field.json | field 'factors' is required: an object of factor name -> 0, 0.5 or 1",
        "misspelled-field.json | field 'mitigaton' is not a profile field; fields are accept_non_conformant_factors,",
        "factor-value-as-string.json | field 'factors.Execution Autonomy' must be a number (0, 0.5 or 1), got \"1\"",
        "switch-as-string.json | field 'accept_non_conformant_factors' must be true or false (a JSON boolean), got",
        "version-1-0.json | field 'aivss_version' must be \"0.5\" or \"0.8\", got \"1.0\"",
        "mitigation-full.json | field 'mitigation' must be none_or_weak, partial or strong, got \"full\"",
        "factor-above-one.json | factor 'Execution Autonomy' must be within 0..1 (AIVSS allows 0, 0.5 or 1), got 1.5",
        "builtin-id.json | field 'id': 'karpenter' is a built-in profile id; give a custom profile its own id",
        "rationale-for-unknown-factor.json | field 'rationale.Goal-Driven Planning' names no factor in 'factors'",
        "control-character-key.json | field 'factors' has a key that is no AIVSS factor name",
        "truncated.json | not valid JSON: Unexpected end-of-input",
        "empty.json | file is empty; expected a JSON object",
        "array.json | expected a JSON object, got array",
        "two-documents.json | not valid JSON: Trailing token",
    })
    void fromFile_invalidProfile_isRejectedNamingFileAndField(String name, String want) {
        Path file = fixture(name);

        assertThatThrownBy(() -> AgentProfiles.fromFile(file))
                .isInstanceOf(AgentProfileException.class)
                .hasMessageStartingWith("agent profile " + file + ": ")
                .hasMessageContaining(want);
    }

    @Test
    void fromFile_controlCharacterKey_neverEchoesTheRawControlCharacter() {
        assertThatThrownBy(() -> AgentProfiles.fromFile(fixture("control-character-key.json")))
                .isInstanceOf(AgentProfileException.class)
                .hasMessageContaining("\\n[ERROR] forged log line")
                .hasMessageNotContaining("\n");
    }

    @Test
    void fromFile_missingFile_isRejectedNamingIt(@TempDir Path dir) {
        Path file = dir.resolve("nope.json");

        assertThatThrownBy(() -> AgentProfiles.fromFile(file))
                .isInstanceOf(AgentProfileException.class)
                .hasMessage("agent profile " + file + ": no such file");
    }

    @Test
    void fromFile_oversizedFile_isRejectedBeforeParsing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge.json");
        Files.writeString(file, "{\"id\": \"" + "a".repeat((int) AgentProfiles.MAX_FILE_BYTES) + "\"}",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> AgentProfiles.fromFile(file))
                .isInstanceOf(AgentProfileException.class)
                .hasMessageContaining("more than the 65536 a profile may have");
    }

    @ParameterizedTest(name = "resolve {0}")
    @ValueSource(strings = {"castai", "karpenter", "cluster-autoscaler", " karpenter "})
    void resolve_builtInId_returnsBuiltIn(String id) {
        assertThat(AgentProfiles.resolve(id)).isSameAs(AgentProfiles.builtIn(id.trim()));
    }

    @Test
    void resolve_jsonPath_loadsTheFile() {
        assertThat(AgentProfiles.resolve(fixture("custom-v05-strong.json").toString()).id()).isEqualTo("ocean-spot");
    }

    @Test
    void resolve_neitherIdNorJsonPath_saysWhatIsValid() {
        assertThatThrownBy(() -> AgentProfiles.resolve("cast-ai"))
                .isInstanceOf(AgentProfileException.class)
                .hasMessage("agent profile 'cast-ai' is neither a built-in id (castai, karpenter, cluster-autoscaler) "
                        + "nor a path to a .json file");
        assertThatThrownBy(() -> AgentProfiles.resolve(" "))
                .isInstanceOf(AgentProfileException.class)
                .hasMessageStartingWith("agent profile is required");
    }

    private static Path fixture(String name) {
        try {
            return Path.of(AgentProfilesTest.class.getClassLoader().getResource("aivss/profiles/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test fixture aivss/profiles/" + name + " is missing", e);
        }
    }
}
