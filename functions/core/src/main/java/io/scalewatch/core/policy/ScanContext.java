package io.scalewatch.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.scalewatch.core.baseline.IdentityBaseline;
import io.scalewatch.core.event.CloudLocation;
import java.util.List;
import java.util.Objects;

/**
 * The parts of the policy input that are the same for every evaluation of one scan: run id, window,
 * the identity being watched, the agent profile id and the deployment's settings overrides.
 *
 * @param runId id of this scan run
 * @param windowStartMs start of the scan window, epoch ms (0 when the scan reads whole files)
 * @param windowEndMs end of the scan window, epoch ms
 * @param identity the watched principals, one per line ({@code IdentityMatcher.policyMatcher()}), or {@code *}
 * @param profileId agent profile id (selects data.scalewatch.config.profiles[id])
 * @param config deployment overrides of data.scalewatch.config.defaults (input.config), may be empty
 * @param baseline the identity's behaviour history before this window (input.baseline of the window pass)
 * @param targets the scheduled target the window comes from (input.scan.target), empty for file scans
 */
public record ScanContext(
        String runId, long windowStartMs, long windowEndMs, String identity, String profileId, JsonNode config,
        IdentityBaseline baseline, List<CloudLocation> targets) {
    public ScanContext {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(profileId, "profileId");
        config = config == null || config.isMissingNode() || config.isNull()
                ? JsonNodeFactory.instance.objectNode()
                : config;
        if (!config.isObject()) {
            throw new IllegalArgumentException("settings overrides must be a JSON object, got " + config.getNodeType());
        }
        baseline = baseline == null ? IdentityBaseline.empty() : baseline;
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** A context for no particular target. */
    public ScanContext(String runId, long windowStartMs, long windowEndMs, String identity, String profileId,
            JsonNode config, IdentityBaseline baseline) {
        this(runId, windowStartMs, windowEndMs, identity, profileId, config, baseline, List.of());
    }

    /** A context without history (the window pass sees an empty baseline). */
    public ScanContext(String runId, long windowStartMs, long windowEndMs, String identity, String profileId,
            JsonNode config) {
        this(runId, windowStartMs, windowEndMs, identity, profileId, config, IdentityBaseline.empty());
    }
}
