package io.scalewatch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.event.CloudProvider;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.posture.Boundary;
import io.scalewatch.core.posture.Posture;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Scan reports for the sink tests, built from rule findings in the policy's output shape
 * ({@code src/test/resources/sink/rule-findings/*.jsonl}, taken from a demo scan) and scored as the scanner
 * scores them, so findings carry real ids, AIVSS scores and evidence.
 */
public final class SinkFixtures {
    /** The watched role of the fixtures. */
    public static final String ROLE = "arn:aws:iam::111122223333:role/castai-eks-demo";
    /** Its account. */
    public static final String ACCOUNT = "111122223333";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SinkFixtures() {}

    /** A test resource as UTF-8 text, e.g. {@code faults/s3-slowdown.xml}. */
    public static String resource(String name) {
        try (InputStream in = SinkFixtures.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /" + name, e);
        }
    }

    /** The rule findings of a fixture file. */
    public static List<RuleFinding> ruleFindings(String name) {
        String path = "/sink/rule-findings/" + name;
        InputStream in = SinkFixtures.class.getResourceAsStream(path);
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

    /** The AWS posture of the watched role, as the posture collector reports it (no grants needed here). */
    public static Posture rolePosture() {
        return posture(ROLE);
    }

    /** A role of the fixtures' account with a unique name, so tests sharing the emulator keep apart. */
    public static String uniqueRole(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The AWS posture of {@code role}, as the posture collector reports it (no grants needed here). */
    public static Posture posture(String role) {
        return new Posture(CloudProvider.AWS, role, ACCOUNT, List.of(), List.of(), List.of(), Boundary.NONE, Map.of(),
                "iam:GetAccountAuthorizationDetails");
    }

    /** A report of {@code findings} for {@code role} with its posture read. */
    public static ScanReport report(String runId, Instant startedAt, List<RuleFinding> findings, String role) {
        return report(runId, startedAt, findings, List.of(posture(role)), role);
    }

    /**
     * A report of {@code findings} for {@link #ROLE} with its posture read, started at {@code startedAt}, carrying
     * the usage report of {@code sink/usage-report.json} (the policy's shape for that posture).
     */
    public static ScanReport report(String runId, Instant startedAt, List<RuleFinding> findings) {
        return report(runId, startedAt, findings, List.of(rolePosture()), ROLE, usageReport());
    }

    /** The policy's usage report for {@link #ROLE}'s posture ({@code sink/usage-report.json}). */
    public static JsonNode usageReport() {
        try {
            return JSON.readTree(resource("sink/usage-report.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse sink/usage-report.json", e);
        }
    }

    /** A report of {@code findings} for {@code identity}, with the given postures. */
    public static ScanReport report(String runId, Instant startedAt, List<RuleFinding> findings,
            List<Posture> postures, String identity) {
        return report(runId, startedAt, findings, postures, identity, JsonNodeFactory.instance.arrayNode());
    }

    private static ScanReport report(String runId, Instant startedAt, List<RuleFinding> findings,
            List<Posture> postures, String identity, JsonNode usage) {
        IdentityMatcher matcher = IdentityMatcher.parse(identity);
        AgentProfile profile = AgentProfiles.builtIn("castai");
        ScanRequest request = new ScanRequest(runId, matcher, profile, profile.version(), MitigationFactor.NONE_OR_WEAK,
                null, List.of(), postures, List.of(), startedAt.minus(Duration.ofHours(1)).toEpochMilli(),
                startedAt.toEpochMilli());
        FindingScorer scorer = new FindingScorer(profile, profile.version(), MitigationFactor.NONE_OR_WEAK,
                matcher.value(), runId);
        Evaluation evaluation = new Evaluation(findings, JsonNodeFactory.instance.objectNode(), List.of(), 0, 0, 0, 1,
                0, 0, null, null, usage);
        return new ScanReport(request, startedAt, startedAt.plusSeconds(42), evaluation,
                findings.stream().map(scorer::score).toList(), new QuarantineTally(r -> { }), 50);
    }
}
