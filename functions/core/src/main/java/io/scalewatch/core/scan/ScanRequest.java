package io.scalewatch.core.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.aivss.AivssVersion;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.baseline.IdentityBaseline;
import io.scalewatch.core.event.CloudLocation;
import io.scalewatch.core.identity.IdentityMatcher;
import io.scalewatch.core.posture.Posture;
import io.scalewatch.core.suppress.Suppressions;
import java.util.List;
import java.util.Objects;

/**
 * Everything one scan needs: who is watched, with which agent profile and AIVSS version, the deployment's
 * settings overrides, the event sources and the identity's postures.
 *
 * @param settings overrides of the policy settings defaults (input.config); an empty object for none
 * @param postureWarnings what the posture loader could not resolve, reported in the summary
 * @param windowStartMs start of the scanned window, epoch ms (0 for "whatever the files hold")
 * @param windowEndMs end of the scanned window, epoch ms (the scan time when files are scanned)
 * @param suppressions accepted findings (owner, reason, expiry), applied after evaluation; none by default
 * @param baseline the identity's behaviour history before this window ({@link IdentityBaseline#empty()}: none)
 * @param targets where a scheduled scan's window comes from (its one target: cloud, account, region); empty for
 *     file scans, which read whatever the files hold
 */
public record ScanRequest(
        String runId,
        IdentityMatcher identity,
        AgentProfile profile,
        AivssVersion version,
        MitigationFactor mitigation,
        JsonNode settings,
        List<EventSource> sources,
        List<Posture> postures,
        List<String> postureWarnings,
        long windowStartMs,
        long windowEndMs,
        Suppressions suppressions,
        IdentityBaseline baseline,
        List<CloudLocation> targets) {
    public ScanRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(mitigation, "mitigation");
        settings = settings == null ? JsonNodeFactory.instance.objectNode() : settings;
        sources = List.copyOf(sources);
        postures = List.copyOf(postures);
        postureWarnings = List.copyOf(postureWarnings);
        if (windowEndMs < windowStartMs) {
            throw new IllegalArgumentException("window end " + windowEndMs + " is before its start " + windowStartMs);
        }
        suppressions = suppressions == null ? Suppressions.none() : suppressions;
        baseline = baseline == null ? IdentityBaseline.empty() : baseline;
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** A request with suppressions and history, for no particular target. */
    public ScanRequest(String runId, IdentityMatcher identity, AgentProfile profile, AivssVersion version,
            MitigationFactor mitigation, JsonNode settings, List<EventSource> sources, List<Posture> postures,
            List<String> postureWarnings, long windowStartMs, long windowEndMs, Suppressions suppressions,
            IdentityBaseline baseline) {
        this(runId, identity, profile, version, mitigation, settings, sources, postures, postureWarnings,
                windowStartMs, windowEndMs, suppressions, baseline, List.of());
    }

    /** A request without suppressions or history. */
    public ScanRequest(String runId, IdentityMatcher identity, AgentProfile profile, AivssVersion version,
            MitigationFactor mitigation, JsonNode settings, List<EventSource> sources, List<Posture> postures,
            List<String> postureWarnings, long windowStartMs, long windowEndMs) {
        this(runId, identity, profile, version, mitigation, settings, sources, postures, postureWarnings,
                windowStartMs, windowEndMs, Suppressions.none(), IdentityBaseline.empty());
    }

    /** A request with suppressions, without history. */
    public ScanRequest(String runId, IdentityMatcher identity, AgentProfile profile, AivssVersion version,
            MitigationFactor mitigation, JsonNode settings, List<EventSource> sources, List<Posture> postures,
            List<String> postureWarnings, long windowStartMs, long windowEndMs, Suppressions suppressions) {
        this(runId, identity, profile, version, mitigation, settings, sources, postures, postureWarnings,
                windowStartMs, windowEndMs, suppressions, IdentityBaseline.empty());
    }

    /** A request with history, without suppressions. */
    public ScanRequest(String runId, IdentityMatcher identity, AgentProfile profile, AivssVersion version,
            MitigationFactor mitigation, JsonNode settings, List<EventSource> sources, List<Posture> postures,
            List<String> postureWarnings, long windowStartMs, long windowEndMs, IdentityBaseline baseline) {
        this(runId, identity, profile, version, mitigation, settings, sources, postures, postureWarnings,
                windowStartMs, windowEndMs, Suppressions.none(), baseline);
    }

    /** This request with the given suppressions. */
    public ScanRequest withSuppressions(Suppressions suppressions) {
        return new ScanRequest(runId, identity, profile, version, mitigation, settings, sources, postures,
                postureWarnings, windowStartMs, windowEndMs, suppressions, baseline, targets);
    }

    /** This request with the given history. */
    public ScanRequest withBaseline(IdentityBaseline history) {
        return new ScanRequest(runId, identity, profile, version, mitigation, settings, sources, postures,
                postureWarnings, windowStartMs, windowEndMs, suppressions, history, targets);
    }

    /** This request for one scheduled target (the policy input's {@code scan.target}). */
    public ScanRequest withTarget(CloudLocation target) {
        return new ScanRequest(runId, identity, profile, version, mitigation, settings, sources, postures,
                postureWarnings, windowStartMs, windowEndMs, suppressions, baseline, List.of(target));
    }
}
