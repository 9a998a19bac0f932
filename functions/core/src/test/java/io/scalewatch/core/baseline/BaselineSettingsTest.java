package io.scalewatch.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class BaselineSettingsTest {
    @Test
    void from_noBaselineSettings_defaults() {
        assertThat(BaselineSettings.from(Fixtures.JSON.createObjectNode())).isEqualTo(BaselineSettings.DEFAULT);
        assertThat(BaselineSettings.from(null)).isEqualTo(BaselineSettings.DEFAULT);
    }

    @Test
    void from_overrides_readsBoth() {
        ObjectNode settings = Fixtures.JSON.createObjectNode();
        settings.putObject("baseline").put("max_keys_per_dimension", 50).put("retention_days", 30)
                .put("learning_days", 14);

        assertThat(BaselineSettings.from(settings)).isEqualTo(new BaselineSettings(50, 30));
    }

    @Test
    void from_illTyped_failsNamingTheSetting() {
        ObjectNode settings = Fixtures.JSON.createObjectNode();
        settings.putObject("baseline").put("retention_days", "90");

        assertThatThrownBy(() -> BaselineSettings.from(settings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'baseline.retention_days'");
    }

    @Test
    void new_zeroKeys_fails() {
        assertThatThrownBy(() -> new BaselineSettings(0, 90)).hasMessageContaining("max_keys_per_dimension");
    }
}
