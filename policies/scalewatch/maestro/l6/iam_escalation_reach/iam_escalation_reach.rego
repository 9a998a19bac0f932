# METADATA
# title: Agent can rewrite IAM (privilege escalation reach)
# description: >-
#   An autoscaler needs to launch and remove machines, not to grant permissions. If its grants let it
#   attach or write policies, change trust, mint keys or set IAM policies, a compromise of the agent is a
#   compromise of the account or project. Reports the escalation permissions the identity holds.
# scope: package
# custom:
#   id: SW-L6-001
#   layer: L6
#   severity: CRITICAL
#   cvss_base: 8.8
#   kind: posture
#   clouds: [aws, gcp, azure]
#   attack: [T1098, T1098.003]
#   stratus: [aws.privilege-escalation.iam-update-user-login-profile]
#   remediation: >-
#     Remove IAM write permissions from the agent's role (iam:*Policy*, iam:Create*, setIamPolicy,
#     Microsoft.Authorization/*/write) and add a permissions boundary or SCP that denies them.
package scalewatch.maestro.l6.iam_escalation_reach

import rego.v1

import data.scalewatch.lib.finding
import data.scalewatch.lib.posture

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, posture.sources(p, reach)) if {
	some p in input.posture
	reach := posture.reach(p, "iam.escalate")
	count(reach) > 0
	detail := concat("", ["may ", concat(", ", sort(reach))])
}
