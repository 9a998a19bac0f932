package scalewatch.maestro.l6.no_permissions_boundary_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.no_permissions_boundary as rule

_posture(identity, grants) := {
	"cloud": "aws",
	"identity": identity,
	"account": "123456789012",
	"grants": grants,
	"trust": [],
	"credentials": [],
	"tags": {},
}

_role := "arn:aws:iam::123456789012:role/castai-eks-demo"

_grant(actions, source) := {
	"effect": "Allow", "actions": actions, "not_actions": [], "resources": ["*"], "not_resources": [],
	"conditions": {}, "source": source,
}

_cast_grants := [
	_grant(["ec2:Describe*", "iam:Get*", "iam:List*"], "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"),
	_grant(["ec2:RunInstances", "ec2:TerminateInstances", "iam:PassRole"], "arn:aws:iam::123456789012:policy/castai#run"),
]

test_findings_role_without_boundary if {
	findings := rule.findings with input.posture as [_posture(_role, _cast_grants)]
	test.assert_rule(findings, "SW-L6-008")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _role
	f.evidence.sources == ["arn:aws:iam::123456789012:policy/castai#run"]
	contains(f.detail, "ec2:RunInstances")
	not contains(f.detail, "Describe")
}

test_findings_not_action_grant if {
	grant := object.union(_grant([], "p#notaction"), {"not_actions": ["iam:*"]})
	test.assert_count(rule.findings, 1) with input.posture as [_posture(_role, [grant])]
}

test_findings_many_actions_are_summarised if {
	actions := [sprintf("ec2:Create%d", [i]) | some i in numbers.range(1, 12)]
	findings := rule.findings with input.posture as [_posture(_role, [_grant(actions, "p")])]
	some f in findings
	contains(f.detail, "and 2 more")
}

test_no_findings_with_boundary if {
	boundary := {"sources": ["arn:aws:iam::123456789012:policy/agent-boundary"], "grants": [_grant(["ec2:*"], "b")]}
	p := object.union(_posture(_role, _cast_grants), {"boundary": boundary})
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_read_only_role if {
	grants := [_grant(["ec2:Describe*", "s3:GetObject", "eks:ListClusters"], "ro")]
	test.assert_empty(rule.findings) with input.posture as [_posture(_role, grants)]
}

test_no_findings_user_or_other_cloud if {
	user := _posture("arn:aws:iam::123456789012:user/cast-eks-demo", _cast_grants)
	gcp := object.union(_posture("castai@demo.iam.gserviceaccount.com", _cast_grants), {"cloud": "gcp"})
	test.assert_empty(rule.findings) with input.posture as [user, gcp]
}

test_findings_grant_without_not_actions_field if {
	grant := object.remove(_grant(["*"], "admin"), ["not_actions"])
	test.assert_count(rule.findings, 1) with input.posture as [_posture(_role, [grant])]
}

test_no_findings_grant_without_actions if {
	grant := object.union(_grant([], "empty"), {"effect": "Allow"})
	test.assert_empty(rule.findings) with input.posture as [_posture(_role, [grant])]
}
