# METADATA
# title: Role the agent may pass to machines but never passed
# description: >-
#   An autoscaler passes a node role to the machines it launches; that is its job. Every other role its
#   iam:PassRole grant reaches is a role an attacker controlling the agent can put on a machine of their
#   own, with nothing in the agent's normal work that needs it. Reports each passable role
#   (input.posture[].passable_roles) that no launch passed within usage.lookback_days: passed roles are
#   the seen_passed_role stats (RunInstances / launch-template / fleet instance profiles, role ARNs
#   such as EKS nodeRole) plus the history's seen.passed_role. An instance profile is tied to its role by
#   usage.instance_profile_roles, or by name (same name, or same name once a suffix in
#   usage.profile_name_suffixes such as -profile / -role is removed). While a passed instance profile
#   cannot be tied to any passable role, nothing is judged for that identity (the profile may hold any
#   of them). Judged only once the identity history covers the lookback. AWS only: GCP and Azure
#   postures have no passable-role list.
# scope: package
# custom:
#   id: SW-L6-012
#   layer: L6
#   severity: LOW
#   cvss_base: 4.6
#   kind: posture
#   clouds: [aws]
#   attack: [T1098, T1078.004]
#   stratus: []
#   remediation: >-
#     Scope the iam:PassRole statement named in the evidence (Resource) to the node roles the agent
#     passes, or tag those roles and condition the statement on the tag; if the role listed is itself
#     unused, delete it. If a launch path passes an instance profile scalewatch cannot tie to the role,
#     map it in usage.instance_profile_roles.
package scalewatch.maestro.l6.unused_passable_role

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.stats
import data.scalewatch.lib.usage

_settings := config.settings.usage

_passed := [[key, event] |
	some event in input.events
	some key in usage.passed_roles(event)
]

# METADATA
# title: Roles, instance profiles, service accounts and identities handed on, with the accounts
stats.seen_passed_role[key] := stats.summary(evs, {usage.location(event) | some event in evs}) if {
	some key in {key | some [key, _] in _passed}
	evs := [event | some [k, event] in _passed; k == key]
}

findings contains finding.for_posture(rego.metadata.chain(), p, role.identity, detail, role.via) if {
	usage.history_covers
	some p in input.posture
	p.cloud == "aws"
	count(usage.unresolved_profiles(p)) == 0
	some role in object.get(p, "passable_roles", [])
	not usage.role_passed(role.identity)
	detail := concat("", [
		"may pass ", role.identity, " to EC2 (via ", concat(", ", sort(role.via)), ") but no launch passed it in ",
		format_int(_settings.lookback_days, 10), " days; passed: ", _list(sort(usage.aws_passed)),
	])
}

_list(items) := "none" if {
	count(items) == 0
} else := concat(", ", items) if {
	count(items) <= _settings.max_items
} else := concat("", [
	concat(", ", array.slice(items, 0, _settings.max_items)),
	" and ", format_int(count(items) - _settings.max_items, 10), " more",
])
