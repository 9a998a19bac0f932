package io.scalewatch.core.suppress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.FindingScorer;
import io.scalewatch.core.report.QuarantineTally;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.scan.Evaluation;
import io.scalewatch.core.scan.ScanRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Rule findings, suppression files and reports of the suppression tests. */
final class SuppressFixtures {
    static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    /** The scan time of the tests: entry 2 of valid.json has expired by then, the others not. */
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private SuppressFixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(SuppressFixtures.class.getResource("/suppress/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The four findings of rule-findings.jsonl, scored for the castai profile: L4 x2, L6 posture, L7 dry-run. */
    static List<Finding> findings() {
        AgentProfile profile = AgentProfiles.builtIn("castai");
        FindingScorer scorer = new FindingScorer(profile, profile.version(), MitigationFactor.NONE_OR_WEAK, ROLE,
                "run-1");
        List<Finding> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = Files.newInputStream(resource("rule-findings.jsonl"))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(scorer.score(RuleFinding.fromJson(json.readTree(line))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Suppressions valid() {
        return SuppressionFile.read(resource("valid.json"), NOW, SuppressionFile.DEFAULT_MAX_HORIZON);
    }

    /** A report of {@link #findings()} with {@code suppressions} applied at {@link #NOW}. */
    static ScanReport report(Suppressions suppressions) {
        List<Finding> findings = findings();
        AgentProfile profile = AgentProfiles.builtIn("castai");
        ScanRequest request = new ScanRequest("run-1", IdentityMatcher.parse(ROLE), profile, profile.version(),
                MitigationFactor.NONE_OR_WEAK, null, List.of(), List.of(), List.of(), 0, NOW.toEpochMilli(),
                suppressions);
        Evaluation evaluation = new Evaluation(findings.stream().map(Finding::rule).toList(),
                JsonNodeFactory.instance.objectNode(), List.of(), 0, 0, 0, 1, 0, 0);
        return new ScanReport(request, NOW, NOW.plusSeconds(5), evaluation, findings, new QuarantineTally(r -> { }),
                50, suppressions.apply(findings, NOW));
    }
}
