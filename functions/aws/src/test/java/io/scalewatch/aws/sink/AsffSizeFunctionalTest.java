package io.scalewatch.aws.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalewatch.aws.FaultInjectingProxy;
import io.scalewatch.aws.Moto;
import io.scalewatch.aws.SinkFixtures;
import io.scalewatch.core.report.ScanReport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;

/** The size model the batcher uses matches the bytes the SDK puts on the wire. */
class AsffSizeFunctionalTest {
    @Test
    void bytes_hostileFindingAsSent_isAtLeastTheWireSizeAndWithinOnePercent() {
        Instant t = Instant.parse("2026-11-24T16:00:00Z");
        String role = SinkFixtures.uniqueRole("castai-eks");
        ScanReport report = SinkFixtures.report("run-1", t, SinkFixtures.ruleFindings("hostile.jsonl"), role);
        AsffMapper mapper = new AsffMapper("arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default",
                Moto.ACCOUNT, "us-east-1", "scalewatch");
        long estimated = AsffSize.bytes(mapper.map(report.findings().get(0), report.request().identity(), t,
                Optional.empty(), t));

        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(Moto.endpoint());
                SecurityHubClient client = Moto.securityHub(proxy.endpoint())) {
            SecurityHub.sink(client).clock(Clock.fixed(t, ZoneOffset.UTC)).build().publish(report);

            byte[] body = proxy.requests("POST", "/findings/import").get(0).body();
            // the request is {"Findings":[<the finding>]}
            long sent = body.length - "{\"Findings\":[]}".length();
            assertThat(new String(body, StandardCharsets.UTF_8)).startsWith("{\"Findings\":[{");
            assertThat(estimated).isBetween(sent, sent + sent / 100);
        }
    }
}
