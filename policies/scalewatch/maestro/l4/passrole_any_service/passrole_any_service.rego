# METADATA
# title: Agent can pass roles to services other than EC2
# description: >-
#   An autoscaler passes the node role to EC2 and nothing else. A PassRole grant without an
#   iam:PassedToService condition, or one naming a service outside passrole.allowed_passed_to_services,
#   lets the agent hand the same roles to Lambda, ECS, Glue, CloudFormation or SageMaker, where code it
#   supplies runs with the role and outside the node fleet nobody watches for that. Negative operators
#   (StringNotEquals), IfExists and a bare "*" do not restrict the service; a StringLike pattern counts
#   only when it is itself an allowed service. One finding per identity naming each such grant.
# scope: package
# custom:
#   id: SW-L4-012
#   layer: L4
#   severity: MEDIUM
#   cvss_base: 6.8
#   kind: posture
#   clouds: [aws]
#   attack: [T1548, T1078.004]
#   stratus: []
#   remediation: >-
#     Add "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}} to the agent's
#     iam:PassRole statement (Karpenter's and CAST AI's reference policies do) and scope its Resource to
#     the node role.
package scalewatch.maestro.l4.passrole_any_service

import rego.v1

import data.scalewatch.lib.conditions
import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.posture

_allowed contains lower(service) if some service in config.settings.passrole.allowed_passed_to_services

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, sources) if {
	some p in input.posture
	p.cloud == "aws"
	some permission in posture.reach(p, "role.pass")
	issues := [[grant, why] |
		some grant in posture.allowing_grants(p, permission)
		why := _why(grant)
	]
	count(issues) > 0
	sources := {_source(grant) | some [grant, _] in issues}
	texts := {concat("", [why, " (", _source(grant), ")"]) | some [grant, why] in issues}
	detail := concat("", ["may pass roles to ", concat("; ", sort(texts))])
}

_why(grant) := "any service: no iam:PassedToService condition" if {
	not conditions.allowed_values(grant, "iam:PassedToService")
} else := concat("", ["services outside the allowed ones: ", concat(", ", sort(others))]) if {
	others := {service |
		some service in conditions.allowed_values(grant, "iam:PassedToService")
		not lower(service) in _allowed
	}
	count(others) > 0
}

_source(grant) := object.get(grant, "source", "unknown source")
