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
 * @param passableRoles roles the identity may pass to a compute service, with their own postures (AWS; empty
 *     where not resolved)
 * @param logging the audit logging covering the identity there ({@link LoggingPosture#NOT_COLLECTED} when not read)
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
        String source,
        List<PassableRole> passableRoles,
        LoggingPosture logging) {
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
        passableRoles = List.copyOf(passableRoles);
        logging = Objects.requireNonNullElse(logging, LoggingPosture.NOT_COLLECTED);
    }

    /** A posture whose logging was not collected. */
    public Posture(CloudProvider cloud, String identity, String account, List<Grant> grants,
            List<TrustStatement> trust, List<Credential> credentials, Boundary boundary, Map<String, String> tags,
            String source, List<PassableRole> passableRoles) {
        this(cloud, identity, account, grants, trust, credentials, boundary, tags, source, passableRoles,
                LoggingPosture.NOT_COLLECTED);
    }

    /** A posture without passable roles (GCP, Azure, or before they are resolved). */
    public Posture(CloudProvider cloud, String identity, String account, List<Grant> grants,
            List<TrustStatement> trust, List<Credential> credentials, Boundary boundary, Map<String, String> tags,
            String source) {
        this(cloud, identity, account, grants, trust, credentials, boundary, tags, source, List.of());
    }

    /** This posture with {@code roles} as its passable roles (replacing any it had). */
    public Posture withPassableRoles(List<PassableRole> roles) {
        return new Posture(cloud, identity, account, grants, trust, credentials, boundary, tags, source, roles,
                logging);
    }

    /** This posture with {@code logging} as its logging posture (replacing any it had). */
    public Posture withLogging(LoggingPosture logging) {
        return new Posture(cloud, identity, account, grants, trust, credentials, boundary, tags, source,
                passableRoles, logging);
    }
}
