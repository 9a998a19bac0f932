package io.scalewatch.aws.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.aws.FaultInjectingProxy;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.SinkFixtures;
import io.scalewatch.core.identity.IdentitySlug;
import io.scalewatch.core.policy.RuleFinding;
import io.scalewatch.core.report.Finding;
import io.scalewatch.core.report.ScanReport;
import java.nio.charset.StandardCharsets;
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
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;

/** The Security Hub sink against the emulator: ASFF content, updates, archiving scope, batching. */
class SecurityHubSinkFunctionalTest {
    private static final Instant T1 = Instant.parse("2026-11-24T16:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-24T16:15:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecurityHubClient client;
    private String role;

    @BeforeEach
    void setUp() {
        client = Moto.securityHub();
        role = SinkFixtures.uniqueRole("castai-eks");
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static Set<String> ids(ScanReport report) {
        return report.findings().stream().map(Finding::id).collect(Collectors.toSet());
    }

    private static Finding byRule(ScanReport report, String ruleId) {
        return report.findings().stream().filter(f -> f.rule().ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    @Test
    void publish_findings_importsEveryRaisedFindingAsAsff() {
        ScanReport report = SinkFixtures.report("run-1", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), role);

        SecurityHub.sink(client).clock(at(T1)).build().publish(report);

        Map<String, AwsSecurityFinding> stored = SecurityHub.stored(client, ids(report));
        assertThat(stored).hasSize(7);
        Finding event = byRule(report, "SW-L6-002");
        AwsSecurityFinding asff = stored.get(event.id());
        assertThat(asff.schemaVersion()).isEqualTo("2018-10-08");
        assertThat(asff.productArn())
                .isEqualTo("arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default");
        assertThat(asff.generatorId()).isEqualTo("scalewatch/SW-L6-002");
        assertThat(asff.awsAccountId()).isEqualTo(Moto.ACCOUNT);
        assertThat(asff.types()).containsExactly("Unusual Behaviors/User/MAESTRO L6 Security and Compliance");
        assertThat(asff.severity().label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(asff.severity().original()).isEqualTo("6.9");
        assertThat(asff.findingProviderFields().severity().label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(asff.findingProviderFields().severity().original()).isEqualTo("6.9");
        assertThat(asff.title()).isEqualTo(event.rule().title());
        assertThat(asff.description()).isEqualTo(event.rule().detail());
        assertThat(asff.remediation().recommendation().text()).hasSizeLessThanOrEqualTo(512)
                .startsWith("Treat as a possible compromise of the agent").endsWith("…");
        assertThat(asff.createdAt()).isEqualTo("2026-11-24T15:05:33Z");
        assertThat(asff.firstObservedAt()).isEqualTo("2026-11-24T15:05:33Z");
        assertThat(asff.lastObservedAt()).isEqualTo("2026-11-24T15:05:33Z");
        assertThat(asff.updatedAt()).isEqualTo("2026-11-24T16:00:00Z");
        assertThat(asff.resources()).hasSize(2);
        assertThat(asff.resources().get(0).type()).isEqualTo("AwsIamRole");
        assertThat(asff.resources().get(0).id()).isEqualTo(role);
        assertThat(asff.resources().get(1).type()).isEqualTo("AwsIamRole");
        assertThat(asff.resources().get(1).id()).isEqualTo("arn:aws:iam::111122223333:role/castai-eks-demo");
        assertThat(asff.recordState()).isEqualTo(RecordState.ACTIVE);
        assertThat(asff.productFields())
                .containsEntry("scalewatch/identity", IdentitySlug.of(role))
                .containsEntry("scalewatch/rule_id", "SW-L6-002")
                .containsEntry("scalewatch/layer", "L6")
                .containsEntry("scalewatch/kind", "event")
                .containsEntry("scalewatch/aivss_vector", "AIVSS:0.5/CVSS:8.8/FS:4.9/ThM:A")
                .containsEntry("scalewatch/aivss_profile", "castai")
                .containsEntry("scalewatch/event_ids", "4814a462-eeee-4bdb-b165-4bb864158266")
                .containsEntry("scalewatch/run_id", "run-1");
        assertThat(asff.productFields()).hasSizeLessThanOrEqualTo(AsffMapper.MAX_PRODUCT_FIELDS);
    }

    @Test
    void publish_postureFinding_isTypedAsConfigurationCheckObservedAtTheRun() {
        ScanReport report = SinkFixtures.report("run-1", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), role);

        SecurityHub.sink(client).clock(at(T1)).build().publish(report);

        AwsSecurityFinding posture = SecurityHub.stored(client, ids(report)).get(byRule(report, "SW-L4-009").id());
        assertThat(posture.types()).containsExactly("Software and Configuration Checks/AWS Security Best Practices/"
                + "MAESTRO L4 Deployment and Infrastructure");
        assertThat(posture.firstObservedAt()).isEqualTo("2026-11-24T16:00:00Z");
        assertThat(posture.productFields()).containsEntry("scalewatch/kind", "posture")
                .containsKey("scalewatch/sources");
    }

    @Test
    void publish_secondRunWithoutAPostureFinding_archivesItAndLeavesActivityFindingsActive() {
        ScanReport run1 = SinkFixtures.report("run-1", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), role);
        ScanReport run2 = SinkFixtures.report("run-2", T2, SinkFixtures.ruleFindings("aws-run2.jsonl"), role);
        SecurityHub.sink(client).clock(at(T1)).build().publish(run1);

        SecurityHub.sink(client).clock(at(T2)).build().publish(run2);

        Map<String, AwsSecurityFinding> stored = SecurityHub.stored(client, ids(run1));
        AwsSecurityFinding gone = stored.get(byRule(run1, "SW-L6-008").id());
        assertThat(gone.recordState()).isEqualTo(RecordState.ARCHIVED);
        assertThat(gone.updatedAt()).isEqualTo("2026-11-24T16:15:00Z");
        assertThat(stored.get(byRule(run1, "SW-L7-001").id()).recordState()).as("activity ages out on its own")
                .isEqualTo(RecordState.ACTIVE);
        assertThat(stored.get(byRule(run1, "SW-L4-009").id()).recordState()).isEqualTo(RecordState.ACTIVE);
        assertThat(stored.values().stream().filter(f -> f.recordState() == RecordState.ARCHIVED)).hasSize(1);
    }

    @Test
    void publish_postureFindingsOfAnotherIdentityOrRuleSet_areNeverArchived() {
        String otherRole = SinkFixtures.uniqueRole("karpenter");
        ScanReport otherIdentity = SinkFixtures.report("run-o", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"),
                otherRole);
        ScanReport otherRuleSet = SinkFixtures.report("run-c", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), role);
        SecurityHub.sink(client).clock(at(T1)).build().publish(otherIdentity);
        SecurityHub.sink(client).clock(at(T1)).ruleSet("custom").build().publish(otherRuleSet);
        ScanReport mine = SinkFixtures.report("run-1", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), role);
        SecurityHub.sink(client).clock(at(T1)).build().publish(mine);

        SecurityHub.sink(client).clock(at(T2)).build()
                .publish(SinkFixtures.report("run-2", T2, SinkFixtures.ruleFindings("aws-run2.jsonl"), role));

        Map<String, AwsSecurityFinding> others = SecurityHub.stored(client, ids(otherIdentity));
        assertThat(others).hasSize(7).allSatisfy((id, f) -> assertThat(f.recordState()).isEqualTo(RecordState.ACTIVE));
        assertThat(SecurityHub.stored(client, ids(mine)).get(byRule(mine, "SW-L6-008").id()).recordState())
                .isEqualTo(RecordState.ARCHIVED);
    }

    @Test
    void publish_runThatReadNoPosture_archivesNothing() {
        ScanReport run1 = SinkFixtures.report("run-1", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), role);
        SecurityHub.sink(client).clock(at(T1)).build().publish(run1);
        List<RuleFinding> activityOnly = SinkFixtures.ruleFindings("aws-run2.jsonl").stream()
                .filter(f -> f.kind().observed()).toList();

        SecurityHub.sink(client).clock(at(T2)).build()
                .publish(SinkFixtures.report("run-2", T2, activityOnly, List.of(), role));

        assertThat(SecurityHub.stored(client, ids(run1)).values())
                .allSatisfy(f -> assertThat(f.recordState()).isEqualTo(RecordState.ACTIVE));
    }

    @Test
    void publish_sameFindingAgain_keepsCreatedAtAndMovesUpdatedAtForward() {
        ScanReport run1 = SinkFixtures.report("run-1", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), role);
        SecurityHub.sink(client).clock(at(T1)).build().publish(run1);
        String posture = byRule(run1, "SW-L4-009").id();

        SecurityHub.sink(client).clock(at(T2)).build()
                .publish(SinkFixtures.report("run-2", T2, SinkFixtures.ruleFindings("aws-run2.jsonl"), role));

        AwsSecurityFinding stored = SecurityHub.stored(client, Set.of(posture)).get(posture);
        assertThat(stored.createdAt()).isEqualTo("2026-11-24T16:00:00Z");
        assertThat(stored.firstObservedAt()).isEqualTo("2026-11-24T16:00:00Z");
        assertThat(stored.lastObservedAt()).isEqualTo("2026-11-24T16:15:00Z");
        assertThat(stored.updatedAt()).isEqualTo("2026-11-24T16:15:00Z");
        assertThat(stored.productFields()).containsEntry("scalewatch/run_id", "run-2");
    }

    @Test
    void publish_clockBehindTheStoredUpdate_stillMovesUpdatedAtForward() {
        ScanReport run1 = SinkFixtures.report("run-1", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), role);
        SecurityHub.sink(client).clock(at(T2)).build().publish(run1);
        String posture = byRule(run1, "SW-L4-009").id();

        SecurityHub.sink(client).clock(at(T1)).build()
                .publish(SinkFixtures.report("run-2", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), role));

        assertThat(SecurityHub.stored(client, Set.of(posture)).get(posture).updatedAt())
                .isEqualTo("2026-11-24T16:15:00.001Z");
    }

    @Test
    void publish_dryRunFinding_isNotImported() {
        List<RuleFinding> findings = new ArrayList<>(SinkFixtures.ruleFindings("aws-run2.jsonl"));
        RuleFinding f = findings.remove(0);
        findings.add(new RuleFinding(f.ruleId(), f.layer(), f.kind(), f.severity(), f.cvssBase(), f.title(),
                f.remediation(), f.attack(), f.stratus(), f.resource(), f.detail(), true, f.cloud(), f.evidence()));
        ScanReport report = SinkFixtures.report("run-1", T1, findings, role);

        SecurityHub.sink(client).clock(at(T1)).build().publish(report);

        assertThat(SecurityHub.stored(client, ids(report))).hasSize(findings.size() - 1)
                .doesNotContainKey(byRule(report, f.ruleId()).id());
    }

    @Test
    void publish_hostileFinding_storesCleanTextWithinSecurityHubLimits() {
        ScanReport report = SinkFixtures.report("run-1", T1, SinkFixtures.ruleFindings("hostile.jsonl"), role);

        SecurityHub.sink(client).clock(at(T1)).build().publish(report);

        AwsSecurityFinding stored = SecurityHub.stored(client, ids(report)).values().iterator().next();
        List<String> texts = new ArrayList<>(List.of(stored.title(), stored.description(),
                stored.remediation().recommendation().text()));
        stored.resources().forEach(r -> texts.add(r.id()));
        stored.productFields().forEach((k, v) -> {
            texts.add(k);
            texts.add(v);
        });
        assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContainPattern("[\\p{Cc}\\p{Cf}]"));
        assertThat(utf8(stored.title())).isLessThanOrEqualTo(256);
        assertThat(utf8(stored.description())).isLessThanOrEqualTo(1024);
        assertThat(utf8(stored.remediation().recommendation().text())).isLessThanOrEqualTo(512);
        assertThat(stored.productFields()).allSatisfy((k, v) -> {
            assertThat(utf8(k)).isLessThanOrEqualTo(128);
            assertThat(utf8(v)).isLessThanOrEqualTo(2048);
        });
        assertThat(stored.description()).startsWith("called [31mDeleteTrail[0m on trail INJECTED:")
                .contains("gnp.exe").endsWith("…");
        assertThat(stored.severity().label()).isEqualTo(SeverityLabel.MEDIUM);
        assertThat(stored.productFields().get("scalewatch/event_ids")).endsWith("more)");
        assertThat(stored.resources().get(1).region()).isEqualTo("us-east-1");
    }

    @Test
    void publish_250Findings_importsInBatchesOfAtMost100() throws Exception {
        RuleFinding template = SinkFixtures.ruleFindings("aws-run1.jsonl").get(0);
        List<RuleFinding> many = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            many.add(new RuleFinding(template.ruleId(), template.layer(), template.kind(), template.severity(),
                    template.cvssBase(), template.title(), template.remediation(), template.attack(),
                    template.stratus(), template.resource() + "/" + i, template.detail(), false, template.cloud(),
                    template.evidence()));
        }
        ScanReport report = SinkFixtures.report("run-1", T1, many, role);

        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint());
                SecurityHubClient viaProxy = Moto.securityHub(proxy.endpoint())) {
            SecurityHub.sink(viaProxy).clock(at(T1)).build().publish(report);

            List<Integer> sizes = new ArrayList<>();
            for (FaultInjectingProxy.Request request : proxy.requests("POST", "/findings/import")) {
                sizes.add(JSON.readTree(request.body()).path("Findings").size());
            }
            assertThat(sizes).containsExactly(100, 100, 50);
        }
        assertThat(SecurityHub.stored(client, ids(report))).hasSize(250);
    }

    @Test
    void publish_storedFindingsAreRead_withTheRuleSetAndIdentityScopeFilter() throws Exception {
        ScanReport report = SinkFixtures.report("run-1", T1, SinkFixtures.ruleFindings("aws-run1.jsonl"), role);

        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint());
                SecurityHubClient viaProxy = Moto.securityHub(proxy.endpoint())) {
            SecurityHub.sink(viaProxy).clock(at(T1)).build().publish(report);

            List<FaultInjectingProxy.Request> reads = proxy.requests("POST", "/findings");
            assertThat(reads).isNotEmpty();
            JsonNode filters = JSON.readTree(reads.get(0).body()).path("Filters");
            assertThat(filters.path("ProductArn").toString()).isEqualTo("[{\"Value\":\"arn:aws:securityhub:us-east-1:"
                    + "123456789012:product/123456789012/default\",\"Comparison\":\"EQUALS\"}]");
            assertThat(filters.path("GeneratorId").toString())
                    .isEqualTo("[{\"Value\":\"scalewatch/\",\"Comparison\":\"PREFIX\"}]");
            assertThat(filters.path("ProductFields").toString()).isEqualTo("[{\"Key\":\"scalewatch/identity\","
                    + "\"Value\":\"" + IdentitySlug.of(role) + "\",\"Comparison\":\"EQUALS\"}]");
            assertThat(filters.path("RecordState").toString())
                    .isEqualTo("[{\"Value\":\"ACTIVE\",\"Comparison\":\"EQUALS\"}]");
            assertThat(filters.path("AwsAccountId").toString())
                    .isEqualTo("[{\"Value\":\"123456789012\",\"Comparison\":\"EQUALS\"}]");
        }
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
