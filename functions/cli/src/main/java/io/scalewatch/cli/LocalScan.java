package io.scalewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.aivss.AgentProfiles;
import io.scalewatch.core.aivss.AivssVersion;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.normalize.AuditLogReader;
import io.scalewatch.core.policy.PolicyBundle;
import io.scalewatch.core.policy.PolicyEngine;
import io.scalewatch.core.policy.RuleCatalog;
import io.scalewatch.core.policy.WasmPolicyEngine;
import io.scalewatch.core.posture.PostureLoadResult;
import io.scalewatch.core.posture.PostureLoader;
import io.scalewatch.core.report.LocalReportWriter;
import io.scalewatch.core.report.QuarantineFileWriter;
import io.scalewatch.core.report.ScanReport;
import io.scalewatch.core.scan.LocalFileSource;
import io.scalewatch.core.scan.ScanPipeline;
import io.scalewatch.core.scan.ScanRequest;
import io.scalewatch.core.scan.Scanner;
import io.scalewatch.core.suppress.SuppressionFile;
import io.scalewatch.core.suppress.Suppressions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** A scan of local files, as {@code scan} and {@code demo} run it: assemble, scan, write outputs. */
final class LocalScan {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private LocalScan() {}

    /** What a local scan was asked to do. */
    record Options(
            List<Path> inputs,
            IdentityMatcher identity,
            List<Path> posture,
            String profile,
            Optional<String> aivssVersion,
            Optional<MitigationFactor> mitigation,
            Optional<Path> settings,
            Path out,
            int threads,
            int chunkSize,
            Optional<Path> suppressions,
            int suppressionMaxDays) {
        /** Options without suppressions. */
        Options(List<Path> inputs, IdentityMatcher identity, List<Path> posture, String profile,
                Optional<String> aivssVersion, Optional<MitigationFactor> mitigation, Optional<Path> settings, Path out,
                int threads, int chunkSize) {
            this(inputs, identity, posture, profile, aivssVersion, mitigation, settings, out, threads, chunkSize,
                    Optional.empty(), (int) SuppressionFile.DEFAULT_MAX_HORIZON.toDays());
        }
    }

    static ScanReport run(Options options) {
        PolicyBundle bundle = PolicyBundle.fromClasspath();
        return run(options, WasmPolicyEngine.create(bundle, options.threads()), RuleCatalog.fromBundle(bundle));
    }

    /** The scan with a given engine (tests wrap the real one to record what it evaluated). */
    static ScanReport run(Options options, PolicyEngine engine, RuleCatalog catalog) {
        AgentProfile profile = AgentProfiles.resolve(options.profile());
        AivssVersion version = options.aivssVersion().map(AivssVersion::parse).orElse(profile.version());
        PostureLoadResult posture = options.posture().isEmpty()
                ? new PostureLoadResult(List.of(), List.of())
                : PostureLoader.create().load(options.posture(), options.identity());
        JsonNode settings = options.settings().map(LocalScan::readSettings).orElse(null);
        Instant now = Instant.now();
        Suppressions suppressions = options.suppressions()
                .map(file -> SuppressionFile.read(file, now, Duration.ofDays(options.suppressionMaxDays())))
                .orElse(Suppressions.none());
        ScanRequest request = new ScanRequest(RUN_ID.format(now), options.identity(), profile, version,
                options.mitigation().orElse(profile.mitigation()), settings,
                LocalFileSource.of(options.inputs(), AuditLogReader.create()), posture.postures(), posture.warnings(),
                0, now.toEpochMilli(), suppressions);
        Scanner scanner = new Scanner(ScanPipeline.builder().engine(engine).threads(options.threads())
                .chunkSize(options.chunkSize()).build(), catalog, Clock.systemUTC());
        ScanReport report;
        try (QuarantineFileWriter quarantine = new QuarantineFileWriter(options.out())) {
            report = scanner.scan(request, quarantine);
        }
        LocalReportWriter.write(options.out(), report);
        return report;
    }

    private static JsonNode readSettings(Path file) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                throw new InputException("settings file " + file + " must hold a JSON object of settings overrides");
            }
            return node;
        } catch (IOException e) {
            throw new InputException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }
}
