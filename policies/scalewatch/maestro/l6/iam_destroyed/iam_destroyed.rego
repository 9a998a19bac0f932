# METADATA
# title: Agent deleted or detached IAM roles, policies or assignments
# description: >-
#   The default CAST AI policy grants iam:DeleteRole, iam:DetachRolePolicy, iam:DeleteInstanceProfile and
#   iam:RemoveRoleFromInstanceProfile on every role so the agent can clean up node instance profiles it
#   made. Anything beyond those profiles is destruction: deleting or stripping a workload's role, an
#   admin's policy or an Azure role assignment takes services down and removes controls. Fires on every
#   successful iam.destroy call (AWS Delete/Detach role, user and group policies, DeleteRole,
#   DeleteInstanceProfile, RemoveRoleFromInstanceProfile, DeleteServiceLinkedRole; GCP DeleteRole,
#   DeleteServiceAccount, DisableServiceAccount; Azure roleAssignments and roleDefinitions delete),
#   except on instance profiles matching own_instance_profile_patterns (the agent's own node profiles,
#   e.g. *cast-* and *karpenter*; Karpenter's <cluster>_<hash> names in its profile). Those patterns
#   are names the agent chooses, so keep them narrow.
# scope: package
# custom:
#   id: SW-L6-007
#   layer: L6
#   severity: HIGH
#   cvss_base: 7.7
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1531, T1485]
#   stratus: []
#   remediation: >-
#     Restore what was removed (AWS: recreate the role / re-attach the policy from IaC; GCP: undelete the
#     service account within 30 days with gcloud iam service-accounts undelete; Azure: recreate the role
#     assignment). Then scope the agent's IAM delete permissions to its own node profiles (AWS: Resource
#     arn:aws:iam::<account>:instance-profile/cast-* and role/cast-*; GCP and Azure: remove iam delete
#     permissions from the custom role) and list those profiles in own_instance_profile_patterns.
package scalewatch.maestro.l6.iam_destroyed

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.principal

findings contains finding.for_event(rego.metadata.chain(), event, target, detail) if {
	some event in events.of_class["iam.destroy"]
	events.is_success(event)
	not principal.is_own_instance_profile(event, config.settings.own_instance_profile_patterns)
	target := principal.iam_target(event)
	detail := concat("", [object.get(event, ["api", "action"], "?"), " on ", target, _also(event)])
}

# The other party of a two-part call: the role taken out of an instance profile, the policy detached.
_also(event) := concat("", ["; role ", event.api.request.roleName]) if {
	event.api.request.instanceProfileName
	event.api.request.roleName
} else := concat("", ["; policy ", event.api.request.policyArn]) if {
	event.api.request.policyArn
	event.api.action != "iam:DeletePolicy"
} else := ""
