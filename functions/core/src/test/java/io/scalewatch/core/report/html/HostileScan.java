package io.scalewatch.core.report.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.aivss.AivssVersion;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.WasmPolicyEngine;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.scan.LocalFileSource;
import io.scalewatch.core.scan.ScanRequest;
import io.scalewatch.core.scan.Scanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scans {@code report/hostile-cloudtrail.jsonl}: CloudTrail records of the agent whose fields (user agent, event
 * id, source address, region, session, source identity, image id, tags, key name) and whose file name carry HTML
 * and script. Each payload sets {@code document.title} to {@code swpwn<n>} if it ever runs; the literal text
 * {@code swpwn} is in no input (the payloads build it with {@code 'sw'+'pwn'}).
 */
final class HostileScan {
    /** The payloads of the fixture, as they appear in its fields. */
    static final List<String> PAYLOADS = List.of(
            "<script>document.title='sw'+'pwn'+'1'</script>",
            "<img src=x onerror=\"document.title='sw'+'pwn'+'2'\">",
            "\"><svg onload=\"document.title='sw'+'pwn'+'3'\">",
            "javascript:document.title='sw'+'pwn'+'4'",
            "</script><script>document.title='sw'+'pwn'+'5'</script>",
            "'><iframe srcdoc=\"<script>parent.document.title='sw'+'pwn'+'6'</script>\"></iframe>",
            "</title></style></pre><body onload=\"document.title='sw'+'pwn'+'7'\">",
            "<a href=\"javascript:document.title='sw'+'pwn'+'8'\" id=\"swlink\">click</a>",
            "&lt;script&gt;document.title='sw'+'pwn'+'9'&lt;/script&gt;",
            "ct-<img src=x onerror=document.title='sw'+'pwn'+'10'>.jsonl");

    private static final PolicyBundle BUNDLE = PolicyBundle.fromClasspath();

    private HostileScan() {}

    /** The fixture copied under a hostile file name into {@code dir}, scanned for every principal. */
    static ScanReport scan(Path dir) {
        try {
            Path input = dir.resolve(PAYLOADS.get(9));
            Files.createDirectories(dir);
            try (InputStream in = resource("hostile-cloudtrail.jsonl")) {
                Files.copy(in, input, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            var settings = new ObjectMapper().readTree(resource("hostile-settings.json"));
            ScanRequest request = new ScanRequest("run-hostile", IdentityMatcher.all(), AgentProfiles.builtIn("castai"),
                    AivssVersion.V0_5, MitigationFactor.NONE_OR_WEAK, settings,
                    LocalFileSource.of(List.of(input), AuditLogReader.create()), List.of(), List.of(), 0,
                    1_800_000_000_000L);
            Scanner scanner = Scanner.create(WasmPolicyEngine.create(BUNDLE, 1), RuleCatalog.fromBundle(BUNDLE), 1);
            return scanner.scan(request, record -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = HostileScan.class.getResourceAsStream("/report/" + name);
        if (in == null) {
            throw new IllegalStateException("test resource /report/" + name + " is missing");
        }
        return in;
    }
}
