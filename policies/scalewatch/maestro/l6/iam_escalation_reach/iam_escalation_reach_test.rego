package scalewatch.maestro.l6.iam_escalation_reach_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.iam_escalation_reach as rule

_posture(grants) := {
	"cloud": "aws",
	"identity": "arn:aws:iam::123456789012:role/castai-eks",
	"account": "123456789012",
	"grants": grants,
}

_grant(effect, actions) := {
	"effect": effect, "actions": actions, "not_actions": [], "resources": ["*"],
	"conditions": {}, "source": "arn:aws:iam::123456789012:policy/agent",
}

test_findings_iam_wildcard if {
	findings := rule.findings with input.posture as [_posture([_grant("Allow", ["iam:*"])])]
	test.assert_rule(findings, "SW-L6-001")
	test.assert_count(findings, 1)
}

test_findings_not_action_star if {
	grant := object.union(_grant("Allow", []), {"not_actions": ["s3:*"]})
	test.assert_count(rule.findings, 1) with input.posture as [_posture([grant])]
}

test_no_findings_ec2_only if {
	p := _posture([_grant("Allow", ["ec2:RunInstances", "iam:PassRole"])])
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_denied if {
	grants := [_grant("Allow", ["iam:*"]), _grant("Deny", ["iam:*"])]
	test.assert_empty(rule.findings) with input.posture as [_posture(grants)]
}

test_no_findings_outside_boundary if {
	boundary := {"sources": ["b"], "grants": [_grant("Allow", ["ec2:*"])]}
	p := object.union(_posture([_grant("Allow", ["iam:*"])]), {"boundary": boundary})
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_without_posture if {
	test.assert_empty(rule.findings) with input.posture as []
}

test_findings_deny_scoped_to_some_resources if {
	scoped := object.union(_grant("Deny", ["iam:*"]), {"resources": ["arn:aws:iam::123456789012:role/protected"]})
	test.assert_count(rule.findings, 1) with input.posture as [_posture([_grant("Allow", ["iam:*"]), scoped])]
}

test_findings_unresolved_boundary_caps_nothing if {
	p := object.union(_posture([_grant("Allow", ["iam:*"])]), {"boundary": {"sources": ["b"], "grants": []}})
	test.assert_count(rule.findings, 1) with input.posture as [p]
}
