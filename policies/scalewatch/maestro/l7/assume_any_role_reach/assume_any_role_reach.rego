# METADATA
# title: Agent may assume any role or impersonate other service accounts
# description: >-
#   If the agent may call sts:AssumeRole on any role, in any account, or may mint tokens for other
#   service accounts, its compromise does not stop at its own permissions: every role whose trust admits
#   the agent's account, and every service account in reach, is one hop away. Reports AWS grants of
#   sts:AssumeRole on *, on roles of other accounts (including a * account) or on every role of an
#   account (role/*), and GCP grants of iam.serviceAccounts.getAccessToken / implicitDelegation on
#   anything other than the agent's own service account (permission class role.assume).
# scope: package
# custom:
#   id: SW-L7-008
#   layer: L7
#   severity: HIGH
#   cvss_base: 7.5
#   kind: posture
#   clouds: [aws, gcp]
#   attack: [T1550.001, T1078.004, T1548]
#   stratus: [gcp.privilege-escalation.impersonate-service-accounts]
#   remediation: >-
#     Remove sts:AssumeRole from the agent's policies or limit its Resource to the exact role ARNs it
#     needs in its own account (AWS); remove roles/iam.serviceAccountTokenCreator and
#     roles/iam.workloadIdentityUser grants at project level and bind them only on the service accounts
#     the agent must act as (GCP).
package scalewatch.maestro.l7.assume_any_role_reach

import rego.v1

import data.scalewatch.lib.finding
import data.scalewatch.lib.posture
import data.scalewatch.lib.principal

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, sources) if {
	some p in input.posture
	wide := [[permission, resource, grant.source] |
		some permission in posture.reach(p, "role.assume")
		some grant in posture.allowing_grants(p, permission)
		some resource in _resources(grant)
		_is_wide(p, resource)
	]
	count(wide) > 0
	sources := {source | some [_, _, source] in wide}
	texts := {concat(" on ", [permission, resource]) | some [permission, resource, _] in wide}
	detail := concat("", ["may ", concat("; ", array.slice(sort(texts), 0, 10))])
}

# A NotResource statement reaches everything it does not list; a grant that states no resource at all
# is read as unscoped rather than as reaching nothing.
_resources(grant) := grant.resources if {
	count(grant.resources) > 0
} else := ["NotResource statement"] if {
	count(object.get(grant, "not_resources", [])) > 0
} else := ["no resource stated"]

_is_wide(_, "*")

_is_wide(_, "NotResource statement")

_is_wide(_, "no resource stated")

_is_wide(p, resource) if {
	p.cloud == "aws"
	principal.arn_account(resource) != p.account
}

_is_wide(p, resource) if {
	p.cloud == "aws"
	endswith(resource, ":role/*")
}

_is_wide(p, resource) if {
	p.cloud == "gcp"
	not contains(lower(resource), lower(p.identity))
}
