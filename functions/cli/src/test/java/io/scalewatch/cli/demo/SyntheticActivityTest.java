package io.scalewatch.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticActivityTest {
    @TempDir
    Path dir;

    @Test
    void writeCloudTrailJsonLines_n_exactlyNRecordLines() throws IOException {
        Path file = dir.resolve("ct.jsonl");
        long bytes = SyntheticActivity.writeCloudTrailJsonLines(file, 5_000, 7);
        assertThat(bytes).isEqualTo(Files.size(file));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5_000);
        for (String line : lines) {
            JsonNode record = DemoData.MAPPER.readTree(line);
            assertThat(record.isObject()).isTrue();
            assertThat(record.fieldNames()).toIterable().contains("eventID", "eventTime", "eventSource", "eventName");
        }
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).endsWith("}\n");
    }

    @Test
    void writeCloudTrailJsonLines_sameSeed_sameBytesAndUniqueIds() throws IOException {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        SyntheticActivity.writeCloudTrailJsonLines(a, 2_000, 42);
        SyntheticActivity.writeCloudTrailJsonLines(b, 2_000, 42);
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(a));
        long distinctIds = Files.readAllLines(a).stream()
                .map(line -> DemoFact.parseJson(line).get("eventID").asText()).distinct().count();
        assertThat(distinctIds).isEqualTo(2_000);
    }

    @Test
    void writeCloudTrailJsonLines_mostlyAgentWithAboutOnePercentIncidents() throws IOException {
        Path file = dir.resolve("mix.jsonl");
        SyntheticActivity.writeCloudTrailJsonLines(file, 20_000, 3);
        long agent = 0;
        long flagged = 0;
        for (String line : Files.readAllLines(file)) {
            DemoFact fact = DemoFact.aws(DemoFact.parseJson(line));
            agent += fact.agent() ? 1 : 0;
            flagged += IncidentSignatures.of(fact).isPresent() ? 1 : 0;
        }
        assertThat(agent).isGreaterThan(14_000);
        assertThat(flagged).isBetween(100L, 300L);
    }

    @Test
    void writeCloudTrailJsonLines_zero_emptyFile() {
        Path file = dir.resolve("empty.jsonl");
        assertThat(SyntheticActivity.writeCloudTrailJsonLines(file, 0, 1)).isZero();
        assertThat(file).isEmptyFile();
    }

    @Test
    void writeCloudTrailJsonLines_negative_rejected() {
        assertThatThrownBy(() -> SyntheticActivity.writeCloudTrailJsonLines(dir.resolve("x"), -1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -1");
    }
}
