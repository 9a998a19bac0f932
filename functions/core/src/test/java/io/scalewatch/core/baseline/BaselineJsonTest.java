package io.scalewatch.core.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BaselineJsonTest {
    @Test
    void read_storedFile_mapsEveryField() {
        IdentityBaseline baseline = BaselineJson.read(Fixtures.bytes("stored-baseline.json"));

        assertThat(baseline.runs()).isEqualTo(42);
        assertThat(baseline.startedMs()).isEqualTo(1_762_000_000_000L);
        assertThat(baseline.updatedMs()).isEqualTo(1_763_800_000_000L);
        assertThat(baseline.seen()).containsOnlyKeys("instance_family", "region");
        assertThat(baseline.values("region")).containsEntry("eu-west-1",
                new Observation(1_762_500_000_000L, 1_762_600_000_000L, 3));
        assertThat(baseline.values("action")).isEmpty();
    }

    @Test
    void write_readBack_sameBaselineAndSameBytes() {
        byte[] stored = Fixtures.bytes("stored-baseline.json");
        IdentityBaseline baseline = BaselineJson.read(stored);

        byte[] written = BaselineJson.write(baseline);

        assertThat(BaselineJson.read(written)).isEqualTo(baseline);
        assertThat(new String(written, StandardCharsets.UTF_8).strip())
                .isEqualTo(new String(stored, StandardCharsets.UTF_8).strip());
    }

    @Test
    void toPolicyInput_baseline_hasContractShapeWithoutFormat() {
        JsonNode input = BaselineJson.toPolicyInput(BaselineJson.read(Fixtures.bytes("stored-baseline.json")));

        assertThat(input.has("format")).isFalse();
        assertThat(input.path("runs").asLong()).isEqualTo(42);
        assertThat(input.path("seen").path("region").path("us-east-1").path("count").asLong()).isEqualTo(1200);
        assertThat(input.path("seen").path("region").path("us-east-1").path("first_ms").asLong())
                .isEqualTo(1_762_000_100_000L);
    }

    @Test
    void toPolicyInput_empty_runsZeroAndNoSeen() {
        JsonNode input = BaselineJson.toPolicyInput(IdentityBaseline.empty());

        assertThat(input.toString()).isEqualTo("{\"started_ms\":0,\"updated_ms\":0,\"runs\":0,\"seen\":{}}");
    }

    @Test
    void read_illTypedCount_failsNamingTheField() {
        assertThatThrownBy(() -> BaselineJson.read(Fixtures.bytes("corrupt-count.json")))
                .isInstanceOf(BaselineFormatException.class)
                .hasMessageContaining("'seen.region.us-east-1.count'").hasMessageContaining("\"many\"");
    }

    @Test
    void read_unknownField_failsNamingTheField() {
        assertThatThrownBy(() -> BaselineJson.read(Fixtures.bytes("unknown-field.json")))
                .isInstanceOf(BaselineFormatException.class)
                .hasMessageContaining("'seen.region.us-east-1.cnt' is unknown");
    }

    @Test
    void read_unknownTopLevelField_fails() {
        assertThatThrownBy(() -> BaselineJson.read("{\"format\":1,\"started_ms\":0,\"updated_ms\":0,\"runs\":0,"
                + "\"seen\":{},\"extra\":true}"))
                .isInstanceOf(BaselineFormatException.class).hasMessageContaining("'extra' is unknown");
    }

    @Test
    void read_notJson_fails() {
        assertThatThrownBy(() -> BaselineJson.read("{\"format\":1,"))
                .isInstanceOf(BaselineFormatException.class).hasMessageStartingWith("baseline is not JSON");
    }

    @Test
    void read_otherFormat_fails() {
        assertThatThrownBy(() -> BaselineJson.read("{\"format\":2,\"started_ms\":0,\"updated_ms\":0,\"runs\":0,"
                + "\"seen\":{}}"))
                .isInstanceOf(BaselineFormatException.class).hasMessageContaining("'format' must be 1, got 2");
    }

    @Test
    void read_array_fails() {
        assertThatThrownBy(() -> BaselineJson.read("[]"))
                .isInstanceOf(BaselineFormatException.class).hasMessageContaining("must be a JSON object, got array");
    }

    @Test
    void read_runsZeroWithObservations_failsAsInconsistent() {
        assertThatThrownBy(() -> BaselineJson.read("{\"format\":1,\"started_ms\":0,\"updated_ms\":0,\"runs\":0,"
                + "\"seen\":{\"region\":{\"x\":{\"first_ms\":1,\"last_ms\":2,\"count\":1}}}}"))
                .isInstanceOf(BaselineFormatException.class).hasMessageContaining("inconsistent");
    }

    @Test
    void read_lastBeforeFirst_failsNamingTheValue() {
        assertThatThrownBy(() -> BaselineJson.read("{\"format\":1,\"started_ms\":1,\"updated_ms\":5,\"runs\":1,"
                + "\"seen\":{\"region\":{\"x\":{\"first_ms\":3,\"last_ms\":2,\"count\":1}}}}"))
                .isInstanceOf(BaselineFormatException.class).hasMessageContaining("'seen.region.x'");
    }
}
