# METADATA
# title: Agent's calls signed with a long-lived credential
# description: >-
#   Short-lived credentials (an assumed role, workload identity) expire on their own; a long-lived AWS
#   access key or GCP service-account key works from anywhere until someone deletes it, which makes it
#   the credential attackers steal from a vendor's control plane or an old onboarding script (CAST AI's
#   legacy EKS onboarding used an IAM user with access keys; its GKE onboarding creates a key). Fires
#   for calls signed with an AWS key whose id starts with one of long_lived_key_prefixes.aws (AKIA),
#   with a GCP user-managed key (serviceAccountKeyName present), or by an AWS IAM user whose log line
#   names no key. One finding per credential and account; key ids are masked (first and last four
#   characters), never written in full.
# scope: package
# custom:
#   id: SW-L7-002
#   layer: L7
#   severity: MEDIUM
#   cvss_base: 6.5
#   kind: event
#   clouds: [aws, gcp]
#   attack: [T1078.004, T1552.001]
#   stratus: []
#   remediation: >-
#     Move the agent to short-lived credentials: a cross-account role with sts:ExternalId (AWS) and
#     workload identity federation (GCP); then delete the key (aws iam delete-access-key; gcloud iam
#     service-accounts keys delete). Until then rotate the key at least every 90 days, restrict where it
#     may be used from (aws:SourceIp, VPC Service Controls) and enforce
#     iam.disableServiceAccountKeyCreation on GCP.
package scalewatch.maestro.l7.long_lived_credential_used

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.principal

findings contains finding.for_event(rego.metadata.chain(), _regionless(event), masked, detail) if {
	some event in input.events
	event.cloud.provider == "aws"
	key := event.actor.credential_id
	some prefix in object.get(config.settings.long_lived_key_prefixes, "aws", [])
	startswith(key, prefix)
	masked := principal.mask(key)
	detail := concat("", ["calls signed with long-lived access key ", masked, _of(event)])
}

findings contains finding.for_event(rego.metadata.chain(), _regionless(event), masked, detail) if {
	some event in input.events
	event.cloud.provider == "gcp"
	masked := _masked_gcp_key(event.actor.credential_id)
	detail := concat("", ["calls signed with user-managed service-account key ", masked])
}

# An IAM user signs with a long-lived key or a console password; a log line without a key id still
# counts, against the user.
findings contains finding.for_event(rego.metadata.chain(), _regionless(event), event.actor.principal, detail) if {
	some event in input.events
	event.cloud.provider == "aws"
	event.actor.type == "IAMUser"
	not event.actor.credential_id
	detail := concat("", ["calls by IAM user ", event.actor.principal, " (long-lived credentials; no key id logged)"])
}

# A credential is the same in every region: one finding per credential and account.
_regionless(event) := object.union(event, {"cloud": {"region": ""}})

_of(event) := concat("", [" of ", event.actor.principal]) if event.actor.principal

_of(event) := "" if not event.actor.principal

# //iam.googleapis.com/projects/p/serviceAccounts/sa@p.iam.gserviceaccount.com/keys/<id>: the account
# stays readable, the key id is masked.
_masked_gcp_key(name) := concat("", [principal.sa_from_name(name), "/keys/", principal.mask(parts[1])]) if {
	parts := split(name, "/keys/")
	count(parts) == 2
} else := principal.mask(name)
