# METADATA
# title: Agent can delete or detach IAM roles, policies or assignments
# description: >-
#   The default CAST AI EKS policy grants iam:DeleteRole, iam:DetachRolePolicy, iam:DeleteInstanceProfile
#   and iam:RemoveRoleFromInstanceProfile on every role so the agent can clean up its node profiles. In a
#   compromised agent's hands the same grants delete any workload's role or strip an admin's policy,
#   which takes services down and removes controls. Reports the IAM delete / detach permissions the
#   identity holds (permission class iam.destroy: AWS role, policy and instance-profile deletion; GCP
#   service-account and role deletion; Azure role assignment and definition deletion).
# scope: package
# custom:
#   id: SW-L6-009
#   layer: L6
#   severity: MEDIUM
#   cvss_base: 6.5
#   kind: posture
#   clouds: [aws, gcp, azure]
#   attack: [T1531, T1485]
#   stratus: []
#   remediation: >-
#     Scope the delete permissions to the agent's own node profiles: AWS Resource
#     arn:aws:iam::<account>:instance-profile/cast-* (and the matching node role), or move the cleanup
#     to IaC; GCP: drop iam.serviceAccounts.delete / iam.roles.delete from the custom role; Azure: keep
#     Microsoft.Authorization/*/delete out of the agent's role. Add a permissions boundary or SCP that
#     denies iam:Delete* outside those resources.
package scalewatch.maestro.l6.destructive_iam_reach

import rego.v1

import data.scalewatch.lib.finding
import data.scalewatch.lib.posture

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, posture.sources(p, reach)) if {
	some p in input.posture
	reach := posture.reach(p, "iam.destroy")
	count(reach) > 0
	detail := concat("", ["may ", concat(", ", sort(reach)), _scope(p, reach)])
}

# Say how far the grants reach: every resource (the Azure/GCP norm and AWS "*"), or the resource
# patterns written (the CAST default's arn:aws:iam::*:role/* is every role in every account).
_scope(p, reach) := "; on every resource" if {
	"*" in _resources(p, reach)
} else := concat("", ["; on ", concat(", ", array.slice(sort(_resources(p, reach)), 0, 5))])

_resources(p, reach) := {resource |
	some permission in reach
	some grant in posture.allowing_grants(p, permission)
	some resource in grant.resources
}
