package scalewatch.maestro.l5.observability_write_reach_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l5.observability_write_reach as rule

_posture(cloud, identity, grants) := {
	"cloud": cloud, "identity": identity,
	"account": "123456789012", "grants": grants,
}

_grant(effect, actions, resources, source) := {
	"effect": effect, "actions": actions, "not_actions": [], "resources": resources,
	"conditions": {}, "source": source,
}

_role := "arn:aws:iam::123456789012:role/castai-eks-demo"

test_findings_aws_cloudtrail_write if {
	grant := _grant("Allow", ["cloudtrail:*", "ec2:*"], ["*"], "arn:aws:iam::aws:policy/PowerUserAccess")
	p := _posture("aws", _role, [grant])
	findings := rule.findings with input.posture as [p]
	test.assert_rule(findings, "SW-L5-005")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _role
	contains(f.detail, "cloudtrail:StopLogging")
	f.evidence.sources == ["arn:aws:iam::aws:policy/PowerUserAccess"]
}

test_findings_gcp_sink_delete if {
	actions := ["logging.sinks.delete", "compute.instances.create"]
	grant := _grant("Allow", actions, ["projects/demo"], "roles/logging.configWriter")
	p := _posture("gcp", "castai-gke-tf@demo.iam.gserviceaccount.com", [grant])
	findings := rule.findings with input.posture as [p]
	test.assert_count(findings, 1)
	some f in findings
	f.detail == "may logging.sinks.delete"
}

test_findings_azure_contributor_wildcard if {
	grant := object.union(
		_grant("Allow", ["*"], ["/subscriptions/1111"], "Contributor"),
		{"not_actions": ["Microsoft.Authorization/*/Write", "Microsoft.Authorization/*/Delete"]},
	)
	p := _posture("azure", "8a7b6c5d-0000-4000-8000-0123456789ab", [grant])
	findings := rule.findings with input.posture as [p]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "Microsoft.Insights/diagnosticSettings/delete")
}

test_no_findings_castai_default_role if {
	grants := [
		_grant("Allow", ["ec2:RunInstances", "ec2:TerminateInstances", "ec2:CreateTags"], ["*"], "CastEKSPolicy"),
		_grant("Allow", ["ec2:Describe*", "cloudwatch:Describe*", "logs:Describe*"], ["*"], "AmazonEC2ReadOnlyAccess"),
	]
	test.assert_empty(rule.findings) with input.posture as [_posture("aws", _role, grants)]
}

test_no_findings_denied_by_scp_like_statement if {
	grants := [
		_grant("Allow", ["cloudtrail:*"], ["*"], "broad"),
		_grant("Deny", ["cloudtrail:*"], ["*"], "guard"),
	]
	test.assert_empty(rule.findings) with input.posture as [_posture("aws", _role, grants)]
}

test_no_findings_without_posture if {
	test.assert_empty(rule.findings) with input.posture as []
}

test_findings_missing_not_actions if {
	grant := {"effect": "Allow", "actions": ["budgets:ModifyBudget"], "resources": ["*"], "source": "inline"}
	test.assert_count(rule.findings, 1) with input.posture as [_posture("aws", _role, [grant])]
}
