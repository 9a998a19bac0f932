package io.scalewatch.core.report.ocsf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.report.FindingScorer;
import io.scalewatch.core.report.QuarantineTally;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.scan.Evaluation;
import io.scalewatch.core.scan.ScanRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scan reports for the OCSF tests, from rule findings in the policy's output shape taken from a demo scan
 * ({@code src/test/resources/report/ocsf/*-rule-findings.jsonl}), scored as the scanner scores them.
 */
final class OcsfFixtures {
    static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    static final String SERVICE_ACCOUNT = "castai-gke@demo-project.iam.gserviceaccount.com";
    static final String AZURE_APP = "5d7a2c9e-1b3f-4a6d-8e2c-7f9b0a1d3e5c";
    /** The agent watched in all three clouds. */
    static final IdentityMatcher AGENT = IdentityMatcher.anyOf(List.of(IdentityMatcher.parse(ROLE),
            IdentityMatcher.parse(SERVICE_ACCOUNT), IdentityMatcher.parse(AZURE_APP)));
    static final Instant STARTED = Instant.parse("2026-11-24T23:50:00Z");
    static final Instant FINISHED = STARTED.plusSeconds(42);
    private static final ObjectMapper JSON = new ObjectMapper();

    private OcsfFixtures() {}

    /** The rule findings of a fixture file, e.g. {@code aws-rule-findings.jsonl}. */
    static List<RuleFinding> ruleFindings(String name) {
        String path = "/report/ocsf/" + name;
        InputStream in = OcsfFixtures.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("test resource " + path + " is missing");
        }
        List<RuleFinding> findings = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    findings.add(RuleFinding.fromJson(JSON.readTree(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return findings;
    }

    /** A report of the findings of a fixture file, the agent watched in every cloud. */
    static ScanReport report(String name) {
        return report(ruleFindings(name), AGENT);
    }

    /** A report of {@code findings} for {@code watched}, started at {@link #STARTED}, finished 42 s later. */
    static ScanReport report(List<RuleFinding> findings, IdentityMatcher watched) {
        AgentProfile profile = AgentProfiles.builtIn("castai");
        ScanRequest request = new ScanRequest("run-1", watched, profile, profile.version(),
                MitigationFactor.NONE_OR_WEAK, null, List.of(), List.of(), List.of(),
                STARTED.minusSeconds(3600).toEpochMilli(), STARTED.toEpochMilli());
        FindingScorer scorer = new FindingScorer(profile, profile.version(), MitigationFactor.NONE_OR_WEAK,
                watched.value(), "run-1");
        Evaluation evaluation = new Evaluation(findings, JsonNodeFactory.instance.objectNode(), List.of(), 0, 0, 0, 1,
                0, 0);
        return new ScanReport(request, STARTED, FINISHED, evaluation, findings.stream().map(scorer::score).toList(),
                new QuarantineTally(r -> { }), 50);
    }

    /** The same rule finding from a rule in dry-run mode. */
    static RuleFinding dryRun(RuleFinding f) {
        return new RuleFinding(f.ruleId(), f.layer(), f.kind(), f.severity(), f.cvssBase(), f.title(), f.remediation(),
                f.attack(), f.stratus(), f.resource(), f.detail(), true, f.cloud(), f.evidence());
    }
}
