package io.scalewatch.azure.posture;

import io.scalewatch.core.posture.Posture;
import java.util.List;
import java.util.Objects;

/**
 * The posture read for one service principal in one subscription.
 *
 * @param subscriptionId the subscription asked for (lowercased)
 * @param objectId the service principal's object id (lowercased)
 * @param postures one posture per subscription the assignments reach (the asked one at least), ready for
 *     {@code ScanRequest.postures}
 * @param warnings what could not be read (a role definition, the Graph objects) and was left out
 * @param unresolved role definition ids whose permissions are missing, as core's reader reports them
 * @param viaGroups role assignments that reach the principal through a group: {@code <assignment id> (group <id>)}
 * @param requests HTTP requests sent, retries included
 * @param retries requests retried after throttling, a server error or an I/O failure
 */
public record AzurePostureResult(String subscriptionId, String objectId, List<Posture> postures, List<String> warnings,
        List<String> unresolved, List<String> viaGroups, long requests, long retries) {
    public AzurePostureResult {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(objectId, "objectId");
        postures = List.copyOf(postures);
        warnings = List.copyOf(warnings);
        unresolved = List.copyOf(unresolved);
        viaGroups = List.copyOf(viaGroups);
    }
}
