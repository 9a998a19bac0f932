package io.scalewatch.cli.coverage;

import java.util.List;
import java.util.Objects;

/**
 * The tests that exercise one rule.
 *
 * @param testFile the rule's {@code _test.rego}, relative to the repository root, empty when there is none
 * @param testRules how many {@code test_} rules that file holds
 * @param shapeFixtures real-shape fixtures (functions/core shapes/manifest.json) expected to fire the rule
 */
public record RuleTests(String testFile, int testRules, List<String> shapeFixtures) {
    public RuleTests {
        testFile = Objects.requireNonNullElse(testFile, "");
        if (testRules < 0) {
            throw new IllegalArgumentException("testRules must be >= 0, got " + testRules);
        }
        shapeFixtures = List.copyOf(shapeFixtures);
    }
}
