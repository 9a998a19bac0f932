package io.scalewatch.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StatsAccumulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void add_twoChunksOfOneKey_sumsCountsAndWidensTimes() throws Exception {
        StatsAccumulator stats = new StatsAccumulator(10);
        stats.add(json("""
                {"l4_terminations": {"aws|1|us-east-1|0": {"count": 3, "first_ms": 200, "last_ms": 300,
                  "event_ids": ["c", "a"], "values": ["x"]}}}"""));
        stats.add(json("""
                {"l4_terminations": {"aws|1|us-east-1|0": {"count": 2, "first_ms": 100, "last_ms": 250,
                  "event_ids": ["b"], "values": ["y", 7]}}}"""));
        JsonNode merged = stats.toJson().path("l4_terminations").path("aws|1|us-east-1|0");
        assertThat(merged.path("count").asLong()).isEqualTo(5);
        assertThat(merged.path("first_ms").asLong()).isEqualTo(100);
        assertThat(merged.path("last_ms").asLong()).isEqualTo(300);
        assertThat(merged.path("event_ids").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(merged.path("values").toString()).isEqualTo("[\"x\",\"y\",7]");
    }

    @Test
    void add_chunksInEitherOrder_giveTheSameStats() throws Exception {
        String a = "{\"s\": {\"k\": {\"count\": 1, \"first_ms\": 5, \"last_ms\": 5, \"event_ids\": [\"e5\"], \"values\": []}}}";
        String b = "{\"s\": {\"k\": {\"count\": 1, \"first_ms\": 9, \"last_ms\": 9, \"event_ids\": [\"e9\"], \"values\": []},"
                + " \"j\": {\"count\": 4, \"event_ids\": [], \"values\": [\"v\"]}}}";
        StatsAccumulator ab = new StatsAccumulator(10);
        ab.add(json(a));
        ab.add(json(b));
        StatsAccumulator ba = new StatsAccumulator(10);
        ba.add(json(b));
        ba.add(json(a));
        assertThat(ab.toJson()).isEqualTo(ba.toJson());
    }

    @Test
    void add_moreIdsThanTheCap_keepsTheSmallestIds() throws Exception {
        StatsAccumulator stats = new StatsAccumulator(2);
        stats.add(json("{\"s\": {\"k\": {\"count\": 2, \"event_ids\": [\"d\", \"b\"]}}}"));
        stats.add(json("{\"s\": {\"k\": {\"count\": 2, \"event_ids\": [\"c\", \"a\"]}}}"));
        JsonNode merged = stats.toJson().path("s").path("k");
        assertThat(merged.path("event_ids").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(merged.path("count").asLong()).isEqualTo(4);
    }

    @Test
    void toJson_nothingAdded_isEmptyObject() {
        assertThat(new StatsAccumulator(5).toJson().isEmpty()).isTrue();
    }

    @Test
    void constructor_zeroCap_isRejected() {
        assertThatThrownBy(() -> new StatsAccumulator(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEvidenceIds");
    }
}
