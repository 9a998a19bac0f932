package scalewatch.maestro.l4.passrole_any_service_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.passrole_any_service as rule

_pass(conditions, source) := {
	"effect": "Allow", "actions": ["iam:PassRole"], "not_actions": [],
	"resources": ["arn:aws:iam::123456789012:role/KarpenterNodeRole-demo"],
	"not_resources": [], "conditions": conditions, "source": source,
}

_posture(grants) := {
	"cloud": "aws", "identity": "arn:aws:iam::123456789012:role/castai-eks-demo",
	"account": "123456789012", "grants": grants,
}

test_findings_no_condition_and_other_service if {
	findings := rule.findings with input.posture as [_posture([
		_pass({}, "arn:aws:iam::123456789012:policy/Cast#PassRole"),
		_pass({"StringLike": {"iam:PassedToService": ["ec2.amazonaws.com", "lambda.amazonaws.com"]}}, "inline:x#1"),
		_pass({"StringNotEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}, "inline:x#2"),
	])]
	test.assert_rule(findings, "SW-L4-012")
	test.assert_count(findings, 1)
	some f in findings
	f.detail == concat("", [
		"may pass roles to any service: no iam:PassedToService condition ",
		"(arn:aws:iam::123456789012:policy/Cast#PassRole); ",
		"any service: no iam:PassedToService condition (inline:x#2); ",
		"services outside the allowed ones: lambda.amazonaws.com (inline:x#1)",
	])
	f.evidence.sources == ["arn:aws:iam::123456789012:policy/Cast#PassRole", "inline:x#1", "inline:x#2"]
}

test_no_findings_passed_to_ec2_only if {
	to_ec2 := {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}
	p := _posture([_pass(to_ec2, "karpenter#AllowPassingInstanceRole")])
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_without_pass_role_or_outside_aws if {
	test.assert_empty(rule.findings) with input.posture as [
		_posture([]),
		{"cloud": "gcp", "identity": "sa@p.iam.gserviceaccount.com", "account": "p", "grants": [{
			"effect": "Allow", "actions": ["iam.serviceAccounts.actAs"], "resources": ["projects/p"],
			"conditions": {}, "source": "b",
		}]},
	]
}

test_findings_missing_conditions_and_source if {
	bare := {"effect": "Allow", "actions": ["iam:*"], "resources": ["*"]}
	findings := rule.findings with input.posture as [_posture([bare])]
	test.assert_count(findings, 1)
	some f in findings
	f.detail == "may pass roles to any service: no iam:PassedToService condition (unknown source)"
}

test_findings_settings_allow_other_services if {
	p := _posture([_pass({"StringEquals": {"iam:PassedToService": "eks.amazonaws.com"}}, "x")])
	test.assert_count(rule.findings, 1) with input.posture as [p]
	test.assert_empty(rule.findings) with input.posture as [p]
		with input.config as {"passrole": {"allowed_passed_to_services": ["ec2.amazonaws.com", "eks.amazonaws.com"]}}
}
