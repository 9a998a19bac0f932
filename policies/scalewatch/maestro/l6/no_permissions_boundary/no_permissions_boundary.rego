# METADATA
# title: Agent role has no permissions boundary
# description: >-
#   A permissions boundary caps what a role can ever do, whatever policies are attached to it later.
#   Without one, the agent's reach is whatever its policies say today plus anything an attacker (or a
#   careless change) attaches tomorrow; with write permissions in hand that is a straight path to more.
#   Fires for an AWS role identity with no boundary that may call any non-read action (an action whose
#   verb is not one of the catalog's read_only_verbs, a service wildcard, * or a NotAction grant).
# scope: package
# custom:
#   id: SW-L6-008
#   layer: L6
#   severity: MEDIUM
#   cvss_base: 5.5
#   kind: posture
#   clouds: [aws]
#   attack: [T1098]
#   stratus: []
#   remediation: >-
#     Attach a permissions boundary to the agent role (aws iam put-role-permissions-boundary) that allows
#     only the EC2, Auto Scaling and EKS actions the agent needs and denies iam:* except iam:PassRole to
#     the node role; back it with an SCP that denies removing the boundary
#     (iam:DeleteRolePermissionsBoundary, iam:PutRolePermissionsBoundary).
package scalewatch.maestro.l6.no_permissions_boundary

import rego.v1

import data.scalewatch.lib.finding

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, sources) if {
	some p in input.posture
	p.cloud == "aws"
	contains(p.identity, ":role/")
	not p.boundary
	writes := [grant | some grant in p.grants; _is_write_grant(grant)]
	count(writes) > 0
	sources := {grant.source | some grant in writes}
	actions := sort({action | some grant in writes; some action in _write_actions(grant)})
	detail := concat("", [
		"no permissions boundary; may write: ", concat(", ", array.slice(actions, 0, 10)),
		_more(count(actions)),
	])
}

_is_write_grant(grant) if {
	grant.effect == "Allow"
	count(_write_actions(grant)) > 0
}

_write_actions(grant) := {action | some action in grant.actions; _is_write(action)} if {
	count(grant.actions) > 0
} else := {"NotAction statement"} if {
	count(object.get(grant, "not_actions", [])) > 0
} else := set()

_is_write("*")

_is_write(action) if {
	parts := split(action, ":")
	count(parts) == 2
	not _is_read_verb(parts[1])
}

_is_read_verb(verb) if {
	some read in object.get(data.scalewatch.catalog, ["aws", "read_only_verbs"], [])
	startswith(lower(verb), lower(read))
}

_more(n) := concat("", [" and ", format_int(n - 10, 10), " more"]) if n > 10

_more(n) := "" if n <= 10
