package io.scalewatch.core.report;

import io.scalewatch.core.aivss.AivssScore;
import io.scalewatch.core.policy.RuleFinding;
import java.util.Objects;

/**
 * A finding as scalewatch reports it: the rule's finding, the identity it is about, its stable id and its
 * AIVSS score for the agent profile of the scan.
 *
 * @param id stable id ({@link io.scalewatch.core.finding.FindingId}): same rule, identity, location and
 *     resource, same id across chunks and runs
 * @param identity the watched identity (the matcher's value)
 * @param runId the run that reported it
 */
public record Finding(String id, RuleFinding rule, String identity, AivssScore aivss, String runId) {
    public Finding {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(aivss, "aivss");
        Objects.requireNonNull(runId, "runId");
    }
}
