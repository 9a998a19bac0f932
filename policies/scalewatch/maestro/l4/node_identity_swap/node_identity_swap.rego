# METADATA
# title: Agent attached a machine identity to an instance
# description: >-
#   Whatever identity a node runs as, every process on it can use. An autoscaler launches nodes with
#   the one node role of its cluster; attaching or swapping an instance profile, service account or
#   user-assigned identity on a running machine, or launching with an identity outside the node
#   identities the deployment expects, is how a hijacked agent moves laterally into a more privileged
#   role. Fires on every successful identity attach or swap (AssociateIamInstanceProfile,
#   ReplaceIamInstanceProfileAssociation, setServiceAccount, userAssignedIdentities/assign), and on
#   launches whose instance profile, service account or user-assigned identity matches none of the
#   patterns in allowed_node_identities (checked only when that list is set). Azure writes are judged on
#   their Start entry, the only one that carries the request body.
# scope: package
# custom:
#   id: SW-L4-005
#   layer: L4
#   severity: HIGH
#   cvss_base: 8.1
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1078.004, T1098]
#   stratus: []
#   remediation: >-
#     Check which role or service account the instance now runs as and what it can do; detach it and
#     replace the node if it is not the cluster's node identity. Scope iam:PassRole to the node role ARN
#     (AWS), grant iam.serviceAccounts.actAs only on the node service account (GCP) and
#     userAssignedIdentities/assign/action only on the kubelet identity (Azure); list the node
#     identities in allowed_node_identities.
package scalewatch.maestro.l4.node_identity_swap

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding

_target_paths := [
	["request", "instanceId"],
	["response", "iamInstanceProfileAssociation", "instanceId"],
	["request", "associationId"],
]

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["identity.attach"]
	events.is_accepted(event)
	resource := activity.target(event, _target_paths)
	detail := _attach_detail(event, resource)
}

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	allowed := config.settings.allowed_node_identities
	count(allowed) > 0
	some event in events.of_class["instance.launch"]
	events.is_accepted(event)
	some identity in _identities(event)
	not _is_allowed(allowed, identity)
	resource := concat("/", [events.location(event), identity])
	detail := concat("", ["launched an instance as ", identity, ", which matches no allowed_node_identities entry"])
}

_attach_detail(event, resource) := concat("", ["attached ", concat(", ", sort(ids)), " to ", resource]) if {
	ids := _identities(event)
	count(ids) > 0
} else := concat("", [activity.operation(event), " on ", resource])

# Identities a request names: AWS instance profiles, GCP service accounts, Azure user-assigned identities.
_identities(event) := (_profiles(request) | _service_accounts(request)) | _user_assigned(request) if {
	request := object.get(event, ["api", "request"], {})
}

_profiles(request) := {_profile_name(node) |
	walk(request, [path, node])
	count(path) > 0
	lower(path[count(path) - 1]) == "iaminstanceprofile"
	is_object(node)
}

_profile_name(profile) := names[0] if {
	names := [name |
		some key in ["arn", "Arn", "name", "Name"]
		name := object.get(profile, key, "")
		is_string(name)
		name != ""
	]
	count(names) > 0
} else := "an unnamed instance profile"

# instances.insert / bulkInsert list serviceAccounts[].email; setServiceAccount carries email itself.
_service_accounts(request) := {account.email |
	walk(request, [path, node])
	count(path) > 0
	path[count(path) - 1] == "serviceAccounts"
	some account in node
	is_string(account.email)
} | {request.email | is_string(request.email)}

_user_assigned(request) := {lower(id) |
	walk(request, [path, node])
	count(path) > 0
	lower(path[count(path) - 1]) == "userassignedidentities"
	some id, _ in node
}

# An entry matches the whole identity or its last path segment (a profile or identity name).
_is_allowed(allowed, identity) if activity.matches_any(allowed, identity)

_is_allowed(allowed, identity) if {
	parts := split(identity, "/")
	activity.matches_any(allowed, parts[count(parts) - 1])
}
