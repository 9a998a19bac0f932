package io.scalewatch.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.aivss.AivssVersion;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.WasmPolicyEngine;
import io.scalewatch.core.scan.LocalFileSource;
import io.scalewatch.core.scan.ScanRequest;
import io.scalewatch.core.scan.Scanner;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryJsonTest {
    private static final PolicyBundle BUNDLE = PolicyBundle.fromClasspath();

    @Test
    void of_trimmedRecords_countsEventsWithIssuesAndUndatedAndWindowFromDatedOnly() throws URISyntaxException {
        Path trimmed = Path.of(SummaryJsonTest.class.getResource("/normalize/cloudtrail/trimmed-records.jsonl").toURI());
        ScanRequest request = new ScanRequest("run-1", IdentityMatcher.all(), AgentProfiles.builtIn("castai"),
                AivssVersion.V0_5, MitigationFactor.NONE_OR_WEAK, null,
                LocalFileSource.of(List.of(trimmed), AuditLogReader.create()), List.of(), List.of(), 0,
                1_800_000_000_000L);
        Scanner scanner = Scanner.create(WasmPolicyEngine.create(BUNDLE, 1), RuleCatalog.fromBundle(BUNDLE), 1);

        ObjectNode summary = SummaryJson.of(scanner.scan(request, record -> { }));

        assertThat(summary.at("/events/read").asLong()).isEqualTo(5);
        assertThat(summary.at("/events/in_scope").asLong()).isEqualTo(5);
        assertThat(summary.at("/events/with_issues").asLong()).isEqualTo(5);
        assertThat(summary.at("/events/undated").asLong()).isEqualTo(1);
        assertThat(summary.at("/window/first_event").asText()).isEqualTo("2021-08-31T15:46:02Z");
        assertThat(summary.at("/window/last_event").asText()).isEqualTo("2026-11-20T11:10:00Z");
    }
}
