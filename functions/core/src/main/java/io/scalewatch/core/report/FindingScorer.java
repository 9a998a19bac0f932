package io.scalewatch.core.report;

import io.scalewatch.core.aivss.AgentProfile;
import io.scalewatch.core.aivss.AivssCalculator;
import io.scalewatch.core.aivss.AivssVersion;
import io.scalewatch.core.aivss.MitigationFactor;
import io.scalewatch.core.aivss.ThreatMultiplier;
import io.scalewatch.core.finding.FindingId;
import io.scalewatch.core.policy.RuleFinding;
import java.util.Objects;

/**
 * Scores rule findings with AIVSS for the scan's agent profile (DESIGN.md §6): observed activity (an event
 * or window rule fired) is {@link ThreatMultiplier#ATTACKED}; a posture weakness with a public technique
 * (a Stratus Red Team or ATT&CK id) is {@link ThreatMultiplier#PROOF_OF_CONCEPT}; one without is
 * {@link ThreatMultiplier#UNREPORTED}.
 */
public final class FindingScorer {
    private final AgentProfile profile;
    private final AivssVersion version;
    private final MitigationFactor mitigation;
    private final String identity;
    private final String runId;

    /**
     * @param profile the agent profile whose factors score every finding
     * @param version the AIVSS version to score with
     * @param mitigation the mitigation factor (v0.8)
     * @param identity the watched identity, part of every finding id
     * @param runId the run id stamped on findings
     */
    public FindingScorer(AgentProfile profile, AivssVersion version, MitigationFactor mitigation, String identity,
            String runId) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.version = Objects.requireNonNull(version, "version");
        this.mitigation = Objects.requireNonNull(mitigation, "mitigation");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.runId = Objects.requireNonNull(runId, "runId");
    }

    /** Scores one rule finding. */
    public Finding score(RuleFinding finding) {
        return new Finding(FindingId.of(finding.key(), identity), finding, identity,
                AivssCalculator.score(finding.cvssBase(), profile, version, threatOf(finding), mitigation), runId);
    }

    /** The threat multiplier DESIGN.md §6 assigns to a finding. */
    public static ThreatMultiplier threatOf(RuleFinding finding) {
        if (finding.kind().observed()) {
            return ThreatMultiplier.ATTACKED;
        }
        return finding.stratus().isEmpty() && finding.attack().isEmpty()
                ? ThreatMultiplier.UNREPORTED
                : ThreatMultiplier.PROOF_OF_CONCEPT;
    }
}
