package io.scalewatch.core.event;

import java.util.Objects;

/**
 * Who made the call. {@code principal} is the stable identity scalewatch watches: the role ARN behind an
 * assumed-role session (CloudTrail {@code sessionIssuer.arn}), the IAM user ARN, the GCP principal email,
 * or the Azure caller object id. Empty strings mean "not stated by the log".
 *
 * @param principal stable principal (role ARN, user ARN, service-account email, Azure object id or UPN)
 * @param type principal type as the log names it (AssumedRole, IAMUser, ServiceAccount, ...)
 * @param session session name or full session ARN where the log has one
 * @param credentialId access key id, GCP service-account key name; an identifier, never a secret
 * @param sourceIdentity CloudTrail sourceIdentity, or the first delegate of a GCP impersonation chain
 * @param appId Azure application (client) id, where the caller is a service principal
 * @param account the account / project / tenant the principal belongs to (may differ from the target)
 */
public record Actor(
        String principal,
        String type,
        String session,
        String credentialId,
        String sourceIdentity,
        String appId,
        String account) {
    public Actor {
        principal = Objects.requireNonNullElse(principal, "");
        type = Objects.requireNonNullElse(type, "");
        session = Objects.requireNonNullElse(session, "");
        credentialId = Objects.requireNonNullElse(credentialId, "");
        sourceIdentity = Objects.requireNonNullElse(sourceIdentity, "");
        appId = Objects.requireNonNullElse(appId, "");
        account = Objects.requireNonNullElse(account, "");
    }

    /** An actor known only by its principal. */
    public static Actor of(String principal, String type) {
        return new Actor(principal, type, "", "", "", "", "");
    }
}
