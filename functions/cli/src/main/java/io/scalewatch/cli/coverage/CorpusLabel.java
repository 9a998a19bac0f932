package io.scalewatch.cli.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the corpus's {@code labels.jsonl}: where the event is and what its source rule expects.
 *
 * @param file corpus-relative file, e.g. {@code aws/panther_rule_tests.jsonl}
 * @param line 1-based line of the event in that file
 * @param ruleId the source rule id (Panther), empty for recorded scenarios
 * @param ruleTitle the source rule's display name, empty when it has none
 * @param expected the source rule's expected result; empty when the source gives none
 */
public record CorpusLabel(String file, int line, String cloud, String ruleId, String ruleTitle, String testName,
        Optional<Boolean> expected) {
    public CorpusLabel {
        Objects.requireNonNull(file, "file");
        if (line < 1) {
            throw new IllegalArgumentException("corpus label line must be >= 1, got " + line + " (" + file + ")");
        }
        Objects.requireNonNull(cloud, "cloud");
        ruleId = Objects.requireNonNullElse(ruleId, "");
        ruleTitle = Objects.requireNonNullElse(ruleTitle, "");
        testName = Objects.requireNonNullElse(testName, "");
        Objects.requireNonNull(expected, "expected");
    }

    /** Reads one labels.jsonl record, mapping the fields explicitly. */
    static CorpusLabel of(JsonNode node) {
        JsonNode expected = node.path("expected_result");
        return new CorpusLabel(node.path("file").asText(""), node.path("line").asInt(0),
                node.path("cloud").asText(""), node.path("rule_id").asText(""),
                node.path("rule_display_name").asText(""), node.path("test_name").asText(""),
                expected.isBoolean() ? Optional.of(expected.booleanValue()) : Optional.empty());
    }

    /** {@code file:line}, how the doc names an event. */
    public String where() {
        return file + ":" + line;
    }
}
