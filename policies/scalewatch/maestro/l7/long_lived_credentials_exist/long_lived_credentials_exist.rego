# METADATA
# title: Long-lived credentials exist for the agent identity
# description: >-
#   A vendor agent needs no static secret: AWS cross-account roles with an ExternalId, GCP workload
#   identity federation and Azure federated credentials all give it short-lived tokens. Every active
#   access key, user-managed service-account key, client secret or certificate is a credential that can
#   leak from the vendor, a CI system or an old onboarding script and then works from anywhere. Reports
#   each active one (a credential without a status counts as active), with its age from creation to the
#   end of the scan window; older than max_credential_age_days is called out. Ids are masked.
# scope: package
# custom:
#   id: SW-L7-007
#   layer: L7
#   severity: MEDIUM
#   cvss_base: 6.5
#   kind: posture
#   clouds: [aws, gcp, azure]
#   attack: [T1552.001, T1078.004]
#   stratus: []
#   remediation: >-
#     Replace the credential with federation (AWS: a role the vendor assumes with sts:ExternalId; GCP:
#     workload identity federation; Azure: a federated identity credential), then delete it (aws iam
#     delete-access-key; gcloud iam service-accounts keys delete; az ad app credential delete). Until
#     then rotate it within max_credential_age_days.
package scalewatch.maestro.l7.long_lived_credentials_exist

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.principal

_day_ms := 86400000

findings contains finding.for_posture(rego.metadata.chain(), p, resource, detail, [source]) if {
	some p in input.posture
	some credential in object.get(p, "credentials", [])
	_is_active(credential)
	masked := principal.mask(_key_id(credential))
	kind := object.get(credential, "type", "credential")
	resource := concat("", [p.identity, "/", kind, "/", masked])
	detail := concat("", [
		"active ", kind, " ", masked,
		_age(credential, object.get(input, ["scan", "window_end_ms"], 0)),
	])
	source := object.get(p, "source", p.identity)
}

_is_active(credential) if not credential.status

_is_active(credential) if lower(credential.status) == "active"

# GCP key names carry the account path; the key id is the last part.
_key_id(credential) := parts[count(parts) - 1] if {
	parts := split(credential.id, "/")
} else := ""

_age(credential, end_ms) := concat("", [
	"; created ", format_int(days, 10), " days ago, older than ",
	format_int(config.settings.max_credential_age_days, 10), " days: rotate or replace it now",
]) if {
	end_ms > 0
	days := floor((end_ms - credential.created_ms) / _day_ms)
	days > config.settings.max_credential_age_days
} else := concat("", ["; created ", format_int(days, 10), " days ago"]) if {
	end_ms > 0
	days := floor((end_ms - credential.created_ms) / _day_ms)
} else := "; age unknown"
