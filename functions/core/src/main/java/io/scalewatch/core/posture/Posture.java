package io.scalewatch.core.posture;

import io.scalewatch.core.event.CloudProvider;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The permissions of the watched identity in one account / project / subscription (DESIGN.md §3).
 *
 * @param cloud which cloud
 * @param identity the principal: role or user ARN, service-account email, service-principal object id
 * @param account AWS account id, GCP project id, Azure subscription id (empty where the source lacks it)
 * @param grants what it may do
 * @param trust who may act as it
 * @param credentials its long-lived credentials
 * @param boundary what caps its grants
 * @param tags tags / labels on the identity
 * @param source the file or API the posture was read from
 */
public record Posture(
        CloudProvider cloud,
        String identity,
        String account,
        List<Grant> grants,
        List<TrustStatement> trust,
        List<Credential> credentials,
        Boundary boundary,
        Map<String, String> tags,
        String source) {
    public Posture {
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(identity, "identity");
        account = Objects.requireNonNullElse(account, "");
        grants = List.copyOf(grants);
        trust = List.copyOf(trust);
        credentials = List.copyOf(credentials);
        boundary = Objects.requireNonNullElse(boundary, Boundary.NONE);
        tags = Map.copyOf(tags);
        source = Objects.requireNonNullElse(source, "");
    }
}
