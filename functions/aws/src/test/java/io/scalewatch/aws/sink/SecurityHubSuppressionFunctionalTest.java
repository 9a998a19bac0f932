package io.scalewatch.aws.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.aws.SinkFixtures;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.suppress.SuppressionFile;
import io.scalewatch.core.suppress.Suppressions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.RecordState;

/** Suppressed and dry-run findings against the emulator's Security Hub: never imported, archived when stored. */
class SecurityHubSuppressionFunctionalTest {
    private static final Instant T1 = Instant.parse("2026-11-24T16:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-24T16:15:00Z");
    private static final Instant T3 = Instant.parse("2026-11-24T16:30:00Z");

    private SecurityHubClient client;
    private String role;

    @BeforeEach
    void setUp() {
        client = io.scalewatch.aws.Moto.securityHub();
        role = SinkFixtures.uniqueRole("castai-eks");
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static Suppressions suppressions() {
        try (InputStream in = SecurityHubSuppressionFunctionalTest.class
                .getResourceAsStream("/sink/suppressions/suppressions.json")) {
            return SuppressionFile.parse(in.readAllBytes(), "suppressions.json", T1,
                    SuppressionFile.DEFAULT_MAX_HORIZON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture report of run-1's findings, started at {@code at}, with {@code suppressions} applied then. */
    private ScanReport report(String runId, Instant at, List<RuleFinding> findings, Suppressions suppressions) {
        ScanReport plain = SinkFixtures.report(runId, at, findings, role);
        return new ScanReport(plain.request().withSuppressions(suppressions), plain.startedAt(), plain.finishedAt(),
                plain.evaluation(), plain.findings(), plain.quarantine(), plain.rulesEvaluated(),
                suppressions.apply(plain.findings(), at));
    }

    private static Set<String> ids(ScanReport report) {
        return report.findings().stream().map(Finding::id).collect(Collectors.toSet());
    }

    private static String id(ScanReport report, String ruleId) {
        return report.findings().stream().filter(f -> f.rule().ruleId().equals(ruleId)).findFirst().orElseThrow()
                .id();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void publish_suppressedOnFirstSight_isNeverImported() {
        ScanReport report = report("run-1", T2, SinkFixtures.ruleFindings("aws-run1.jsonl"), suppressions());

        SecurityHub.sink(client).clock(at(T2)).build().publish(report);

        Map<String, AwsSecurityFinding> stored = SecurityHub.stored(client, ids(report));
        assertThat(report.suppressed()).hasSize(2);
        assertThat(stored).hasSize(5).doesNotContainKeys(id(report, "SW-L7-001"), id(report, "SW-L4-009"));
        assertThat(stored.get(id(report, "SW-L6-002")).recordState()).as("its suppression expired")
                .isEqualTo(RecordState.ACTIVE);
    }

    @Test
    void publish_storedFindingNowSuppressed_isArchivedWithOwnerReasonAndExpiry() {
        ScanReport run1 = report("run-1", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), Suppressions.none());
        SecurityHub.sink(client).clock(at(T1)).build().publish(run1);
        ScanReport run2 = report("run-2", T2, SinkFixtures.ruleFindings("aws-run1.jsonl"), suppressions());

        SecurityHub.sink(client).clock(at(T2)).build().publish(run2);

        Map<String, AwsSecurityFinding> stored = SecurityHub.stored(client, ids(run1));
        AwsSecurityFinding activity = stored.get(id(run1, "SW-L7-001"));
        assertThat(activity.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(activity.updatedAt()).isEqualTo("2026-11-24T16:15:00Z");
        assertThat(activity.productFields())
                .containsEntry("scalewatch/suppressed", "true")
                .containsEntry("scalewatch/suppression_owner", "platform-team@example.com")
                .containsEntry("scalewatch/suppression_reason",
                        "Migration job runs with the agent's role until 2026-11-24 16:20, CHG-2231")
                .containsEntry("scalewatch/suppression_expires", "2026-11-24T16:20:00Z");
        AwsSecurityFinding posture = stored.get(id(run1, "SW-L4-009"));
        assertThat(posture.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(posture.productFields()).containsEntry("scalewatch/suppression_owner", "iam-team");
        assertThat(stored.values().stream().filter(f -> f.recordState() == RecordState.ACTIVE)).hasSize(5);
        assertThat(stored.get(id(run1, "SW-L6-002")).productFields()).doesNotContainKey("scalewatch/suppressed");
    }

    @Test
    void publish_afterTheSuppressionExpired_reimportsTheFindingActive() {
        SecurityHub.sink(client).clock(at(T1)).build()
                .publish(report("run-1", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), Suppressions.none()));
        SecurityHub.sink(client).clock(at(T2)).build()
                .publish(report("run-2", T2, SinkFixtures.ruleFindings("aws-run1.jsonl"), suppressions()));
        ScanReport run3 = report("run-3", T3, SinkFixtures.ruleFindings("aws-run1.jsonl"), suppressions());

        SecurityHub.sink(client).clock(at(T3)).build().publish(run3);

        assertThat(run3.suppressions().expired()).extracting(e -> e.suppression().index()).containsExactly(0, 2);
        AwsSecurityFinding back = SecurityHub.stored(client, ids(run3)).get(id(run3, "SW-L7-001"));
        assertThat(back.recordState()).isEqualTo(RecordState.ACTIVE);
        assertThat(back.productFields()).doesNotContainKey("scalewatch/suppressed")
                .containsEntry("scalewatch/run_id", "run-3");
        assertThat(SecurityHub.stored(client, ids(run3)).get(id(run3, "SW-L4-009")).recordState())
                .as("still suppressed").isEqualTo(RecordState.ARCHIVED);
    }

    @Test
    void publish_dryRunRule_isCountedButNeverImported() {
        List<RuleFinding> findings = new ArrayList<>();
        for (RuleFinding f : SinkFixtures.ruleFindings("aws-run1.jsonl")) {
            boolean dryRun = f.ruleId().equals("SW-L2-005");
            findings.add(new RuleFinding(f.ruleId(), f.layer(), f.kind(), f.severity(), f.cvssBase(), f.title(),
                    f.remediation(), f.attack(), f.stratus(), f.resource(), f.detail(), dryRun, f.cloud(),
                    f.evidence()));
        }
        ScanReport report = report("run-1", T1, findings, Suppressions.none());

        SecurityHub.sink(client).clock(at(T1)).build().publish(report);

        assertThat(report.dryRun()).singleElement().extracting(f -> f.rule().ruleId()).isEqualTo("SW-L2-005");
        Map<String, AwsSecurityFinding> stored = SecurityHub.stored(client, ids(report));
        assertThat(stored).hasSize(6).doesNotContainKey(id(report, "SW-L2-005"));
    }
}
