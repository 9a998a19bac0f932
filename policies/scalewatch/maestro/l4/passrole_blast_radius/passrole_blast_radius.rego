# METADATA
# title: Agent can launch machines as any role it can pass
# description: >-
#   An identity that may launch instances and pass roles without naming which ones can start a machine
#   as any role that trusts the compute service and read that role's credentials from the metadata
#   endpoint: its own permissions stop mattering. Fires when the identity may launch instances and holds
#   iam:PassRole on *, arn:aws:iam::*:role/* or arn:aws:iam::<account>:role/* (AWS),
#   iam.serviceAccounts.actAs granted on a whole project, folder or organization (GCP), or
#   userAssignedIdentities/assign/action at subscription or resource-group scope (Azure). An
#   iam:PassedToService condition narrows the service the role goes to, not which roles; the detail
#   says so. A condition on the role's tags (passrole.role_narrowing_condition_keys, e.g.
#   aws:ResourceTag/role-type under a positive operator) does narrow the roles, so such a grant is not
#   broad. Which roles are passable now and what they may do is judged by SW-L4-011 (the detail lists
#   the roles currently passable); this rule judges the scope of the grant, which also covers every
#   role created later.
# scope: package
# custom:
#   id: SW-L4-009
#   layer: L4
#   severity: HIGH
#   cvss_base: 8.1
#   kind: posture
#   clouds: [aws, gcp, azure]
#   attack: [T1078.004, T1548]
#   stratus: []
#   remediation: >-
#     Scope the pass permission to the node identity: iam:PassRole on the node role's ARN only (AWS),
#     iam.serviceAccounts.actAs granted on the node service account rather than the project (GCP),
#     userAssignedIdentities/assign/action on the kubelet identity resource only (Azure). Keep
#     iam:PassedToService as a second guard, not the only one.
package scalewatch.maestro.l4.passrole_blast_radius

import rego.v1

import data.scalewatch.lib.conditions
import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.posture

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, sources) if {
	some p in input.posture
	launch := posture.reach(p, "instance.launch")
	count(launch) > 0
	grants := [grant |
		some permission in posture.reach(p, "role.pass")
		some grant in posture.allowing_grants(p, permission)
		_is_broad(p.cloud, grant)
		not _names_roles_by_tag(p.cloud, grant)
	]
	count(grants) > 0
	sources := {grant.source | some grant in grants} | posture.sources(p, launch)
	detail := concat("", [
		"may launch instances (", concat(", ", sort(launch)), ") and pass any identity: ",
		concat("; ", sort({_describe(grant) | some grant in grants})), _passable_now(p),
	])
}

_names_roles_by_tag("aws", grant) if {
	conditions.restricts_any(grant, config.settings.passrole.role_narrowing_condition_keys)
}

_passable_now(p) := concat("", ["; passable to EC2 now: ", concat(", ", sort(roles))]) if {
	roles := {role.identity | some role in object.get(p, "passable_roles", [])}
	count(roles) > 0
} else := ""

_is_broad(_, grant) if count(object.get(grant, "not_resources", [])) > 0

_is_broad(cloud, grant) if {
	some resource in grant.resources
	_is_broad_resource(cloud, lower(resource))
}

_is_broad_resource(_, "*")

# arn:<partition>:iam::<account or *>:* | role* | role/*
_is_broad_resource("aws", resource) if {
	parts := split(resource, ":")
	count(parts) == 6
	parts[0] == "arn"
	parts[2] == "iam"
	parts[3] == ""
	parts[5] in {"*", "role*", "role/*"}
}

# projects/<id>, folders/<id>, organizations/<id>, optionally as a //cloudresourcemanager full name
_is_broad_resource("gcp", resource) if {
	parts := split(trim_prefix(resource, "//cloudresourcemanager.googleapis.com/"), "/")
	count(parts) == 2
	parts[0] in {"projects", "folders", "organizations"}
	parts[1] != ""
}

# /, /subscriptions/<id>, /subscriptions/<id>/resourcegroups/<name> (lowercased)
_is_broad_resource("azure", resource) if {
	startswith(resource, "/")
	parts := split(trim_suffix(trim_prefix(resource, "/"), "/"), "/")
	_is_subscription_or_group(parts)
}

# /providers/microsoft.management/managementgroups/<name>
_is_broad_resource("azure", resource) if {
	parts := split(trim_suffix(resource, "/"), "/")
	count(parts) == 5
	parts[0] == ""
	parts[1] == "providers"
	parts[2] == "microsoft.management"
	parts[3] == "managementgroups"
	parts[4] != ""
}

_is_subscription_or_group([""])

_is_subscription_or_group(["subscriptions", id]) if id != ""

_is_subscription_or_group(["subscriptions", id, "resourcegroups", group]) if {
	id != ""
	group != ""
}

_describe(grant) := concat("", [
	concat(", ", grant.actions), " on ", _scope(grant), _condition_note(grant),
	" (", object.get(grant, "source", "unknown source"), ")",
])

_scope(grant) := concat(", ", grant.resources) if {
	count(grant.resources) > 0
} else := concat("", ["all but ", concat(", ", object.get(grant, "not_resources", []))])

_condition_note(grant) := "; iam:PassedToService narrows the service, not the roles" if {
	"iam:passedtoservice" in {lower(key) | some key in _condition_keys(grant)}
} else := "; a condition applies, check whether it names the identities" if {
	count(object.get(grant, "conditions", {})) > 0
} else := ""

# AWS Condition blocks are {operator: {key: value}}; GCP and Azure conditions are expressions.
_condition_keys(grant) := {key |
	some block in object.get(grant, "conditions", {})
	is_object(block)
	some key, _ in block
}
