# METADATA
# title: Agent minted credentials
# description: >-
#   New access keys, console passwords, service-account keys or federated credentials outlive the
#   agent's session: an attacker holding the agent mints them to keep access after the agent's own
#   credentials are rotated, or to act as another principal. An autoscaler never needs to. Fires on every
#   successful credential.create call (AWS CreateAccessKey, CreateLoginProfile, UpdateLoginProfile,
#   CreateServiceSpecificCredential, GetFederationToken; GCP CreateServiceAccountKey, UploadServiceAccountKey,
#   and GenerateAccessToken / GenerateIdToken / SignJwt / SignBlob for a service account other than the
#   caller; Azure federated identity credentials), one finding per principal the credential is for. Key
#   ids are never written to the finding.
# scope: package
# custom:
#   id: SW-L6-003
#   layer: L6
#   severity: CRITICAL
#   cvss_base: 8.5
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1098.001, T1078.004, T1550.001]
#   stratus:
#     - aws.persistence.iam-backdoor-user
#     - aws.persistence.iam-create-user-login-profile
#     - gcp.persistence.create-service-account-key
#     - gcp.privilege-escalation.impersonate-service-accounts
#     - aws.persistence.sts-federation-token
#   remediation: >-
#     Delete the minted credential now (AWS: aws iam delete-access-key / delete-login-profile; GCP:
#     gcloud iam service-accounts keys delete, and check who used the token; Azure: remove the federated
#     identity credential), rotate the agent's own credentials, and remove iam:CreateAccessKey /
#     iam.serviceAccountKeys.create / iam.serviceAccounts.getAccessToken / federatedIdentityCredentials/write
#     from the agent. Enforce iam.disableServiceAccountKeyCreation (GCP org policy) and an SCP that
#     denies key creation (AWS).
package scalewatch.maestro.l6.credential_minted

import rego.v1

import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.principal

findings contains finding.for_event(rego.metadata.chain(), event, target, detail) if {
	some event in events.of_class["credential.create"]
	events.is_success(event)
	not _own_short_lived_token(event)
	target := _target(event)
	detail := concat("", [object.get(event, ["api", "action"], "?"), " minted a credential for ", target])
}

# GCP short-lived tokens a service account asks for itself: no new principal, no lasting credential.
_own_short_lived_token(event) if {
	events.is_class(event, "credential.token")
	lower(principal.sa_from_name(event.api.request.name)) == lower(event.actor.principal)
}

# AWS CreateAccessKey / CreateLoginProfile without userName act on the caller itself.
_target(event) := event.actor.principal if {
	event.cloud.provider == "aws"
	not event.api.request.userName
	event.api.action in {"iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"}
} else := principal.sa_from_name(event.api.request.name) if {
	event.cloud.provider == "gcp"
} else := principal.iam_target(event)
