# METADATA
# title: Agent changed IAM policies, roles or bindings
# description: >-
#   An autoscaler launches and removes machines; it has no business attaching policies, rewriting trust,
#   creating roles or setting IAM bindings. When it does, someone is widening its (or another
#   principal's) reach: the privilege escalation the threat model puts at L6. Fires on every successful
#   iam.modify call (AWS Attach/Put*Policy, CreatePolicyVersion, UpdateAssumeRolePolicy, CreateRole,
#   permissions-boundary changes; GCP SetIamPolicy, CreateRole, UpdateRole; Azure roleAssignments and
#   roleDefinitions write, elevateAccess), one finding per changed role, policy or resource. Creating or
#   re-roling the agent's own node instance profiles (own_instance_profile_patterns) is its job and is
#   not reported.
# scope: package
# custom:
#   id: SW-L6-002
#   layer: L6
#   severity: CRITICAL
#   cvss_base: 8.8
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1098, T1098.003, T1484]
#   stratus:
#     - aws.persistence.iam-backdoor-role
#     - aws.persistence.iam-create-admin-user
#     - aws.persistence.iam-create-backdoor-role
#     - gcp.persistence.backdoor-service-account-policy
#     - gcp.persistence.create-admin-service-account
#     - gcp.persistence.invite-external-user
#     - gcp.persistence.create-workload-identity-federation
#   remediation: >-
#     Treat as a possible compromise of the agent: review the change and revert it (AWS: detach the
#     policy / restore the previous policy version or trust policy; GCP: remove the added bindings with
#     gcloud projects remove-iam-policy-binding, revert the custom role; Azure: delete the role
#     assignment or definition, undo elevateAccess). Rotate the agent's credentials, then remove IAM
#     write permissions from it and add a permissions boundary / SCP (AWS), an org policy or deny policy
#     (GCP) or a deny assignment / narrower custom role (Azure).
package scalewatch.maestro.l6.iam_policy_modified

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.principal

findings contains finding.for_event(rego.metadata.chain(), event, target, detail) if {
	some event in events.of_class["iam.modify"]
	events.is_success(event)
	not principal.is_own_instance_profile(event, config.settings.own_instance_profile_patterns)
	target := principal.iam_target(event)
	detail := concat("", [object.get(event, ["api", "action"], "?"), " on ", target, _granted(event)])
}

# What the change granted, where the log says: the role put into an instance profile or the attached
# policy (AWS), the added bindings (GCP policy deltas), the role definition (Azure role assignment).
_granted(event) := concat("", ["; role ", event.api.request.roleName]) if {
	event.api.request.instanceProfileName
	event.api.request.roleName
} else := concat("", ["; attached ", event.api.request.policyArn]) if {
	event.api.request.roleName
	event.api.request.policyArn
} else := concat("", ["; added ", concat(", ", _added_bindings(event))]) if {
	count(_added_bindings(event)) > 0
} else := concat("", ["; role definition ", concat(", ", _role_definitions(event))]) if {
	count(_role_definitions(event)) > 0
} else := ""

_added_bindings(event) := sort({concat(" to ", [delta.role, delta.member]) |
	walk(event.api.response, [path, value])
	_last_key(path) == "bindingdeltas"
	some delta in value
	delta.action == "ADD"
})

_role_definitions(event) := sort({value |
	walk(event.api.request, [path, value])
	_last_key(path) == "roledefinitionid"
	is_string(value)
})

_last_key(path) := lower(key) if {
	key := path[count(path) - 1]
	is_string(key)
}
