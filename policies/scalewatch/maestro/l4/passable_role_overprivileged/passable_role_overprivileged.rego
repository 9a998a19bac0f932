# METADATA
# title: Agent can launch machines as a role that is more than a node
# description: >-
#   Passing a role to EC2 is an autoscaler's job, and a PassRole scoped to the node role with only node
#   permissions is fine. What matters is the blast radius: an instance launched with a passable role runs
#   with that role's permissions, and anyone who controls the agent can read them from the instance
#   metadata endpoint. Fires once per passable role (input.posture[].passable_roles, resolved from the
#   identity's PassRole grants and the roles that trust EC2) that is allowed any action outside the node
#   allow-list (passable_roles.node_only_actions: EKS worker, CNI, ECR read-only, SSM agent), naming those
#   actions and the risky permission classes the role reaches (passable_roles.risky_classes, e.g. iam.escalate).
# scope: package
# custom:
#   id: SW-L4-011
#   layer: L4
#   severity: HIGH
#   cvss_base: 8.4
#   kind: posture
#   clouds: [aws]
#   attack: [T1078.004, T1548, T1552.005]
#   stratus: []
#   remediation: >-
#     Narrow the agent's iam:PassRole Resource to the node role ARN(s) (or require a node-role tag with
#     aws:ResourceTag), keep iam:PassedToService = ec2.amazonaws.com, and remove everything but node
#     permissions (AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy, AmazonEC2ContainerRegistryReadOnly,
#     AmazonSSMManagedInstanceCore) from roles that trust ec2.amazonaws.com and match the pattern.
package scalewatch.maestro.l4.passable_role_overprivileged

import rego.v1

import data.scalewatch.lib.conditions
import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.posture

_settings := config.settings.passable_roles

findings contains finding.for_posture(rego.metadata.chain(), p, role.identity, detail, sources) if {
	some p in input.posture
	some passable in object.get(p, "passable_roles", [])
	role := object.union({"cloud": p.cloud, "grants": []}, passable)
	beyond := [[text, object.get(grant, "source", role.identity)] |
		some grant in role.grants
		grant.effect == "Allow"
		some text in _beyond_node(p.cloud, grant)
	]
	count(beyond) > 0
	via := object.get(passable, "via", [])
	sources := {source | some [_, source] in beyond} | {source | some source in via}
	risky := {class |
		some class in _settings.risky_classes
		count(posture.reach(role, class)) > 0
	}
	detail := concat("", [
		"instances launched by ", p.identity, " can run as ", role.identity,
		_via_text(via), ", which may ", _list({text | some [text, _] in beyond}),
		" beyond node permissions", _risky_text(risky),
	])
}

# NotAction: every action but the listed ones, which is never node-only.
_beyond_node(cloud, grant) := {concat("", ["every action but ", concat(", ", grant.not_actions)])} if {
	count(object.get(grant, "actions", [])) == 0
	count(object.get(grant, "not_actions", [])) > 0
} else := {action |
	some action in object.get(grant, "actions", [])
	not _node_only(cloud, action)
}

# A wildcard action counts as node-only only when a node pattern covers it as written ("ec2:Describe*"
# is, "ec2:*" is not).
_node_only(cloud, action) if {
	some pattern in object.get(_settings.node_only_actions, cloud, [])
	conditions.like(lower(pattern), lower(action))
}

_via_text(via) := concat("", [" (passable via ", concat(", ", sort(via)), ")"]) if count(via) > 0

else := ""

_risky_text(risky) := concat("", ["; its permissions reach ", concat(", ", sort(risky))]) if count(risky) > 0

else := ""

_list(items) := concat(", ", array.slice(sorted, 0, 12)) if {
	sorted := sort(items)
	count(sorted) <= 12
} else := concat("", [
	concat(", ", array.slice(sort(items), 0, 12)),
	" and ", format_int(count(items) - 12, 10), " more",
])
