package scalewatch.maestro.l4.unconstrained_launch_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.unconstrained_launch as rule

_role := "arn:aws:iam::123456789012:role/castai-eks-demo"

_posture(cloud, grants) := {"cloud": cloud, "identity": _role, "account": "123456789012", "grants": grants}

_grant(effect, actions, resources, conditions) := {
	"effect": effect, "actions": actions, "not_actions": [], "resources": resources,
	"conditions": conditions, "source": "arn:aws:iam::123456789012:policy/CastEKSPolicy#RunInstances",
}

_run(resources, conditions) := _grant("Allow", ["ec2:RunInstances", "ec2:CreateFleet"], resources, conditions)

test_findings_run_instances_on_everything if {
	findings := rule.findings with input.posture as [_posture("aws", [_run(["*"], {})])]
	test.assert_rule(findings, "SW-L4-010")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _role
	f.evidence.sources == ["arn:aws:iam::123456789012:policy/CastEKSPolicy#RunInstances"]
	contains(f.detail, "ec2:RunInstances")
}

test_findings_instances_in_every_region if {
	p := _posture("aws", [_run(["arn:aws:ec2:*:123456789012:instance/*"], {"Bool": {"aws:SecureTransport": "true"}})])
	test.assert_count(rule.findings, 1) with input.posture as [p]
}

test_findings_gcp_project_grant_without_condition if {
	grant := _grant("Allow", ["compute.instances.create"], ["projects/demo"], {})
	test.assert_count(rule.findings, 1) with input.posture as [_posture("gcp", [grant])]
}

test_no_findings_request_tag_condition if {
	conditions := {"StringEquals": {"aws:RequestTag/kubernetes.io/cluster/demo": "owned"}}
	p := _posture("aws", [
		_run(["arn:aws:ec2:*:123456789012:instance/*"], conditions),
		_run(["arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0abc", "arn:aws:ec2:us-east-1::image/*"], {}),
	])
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_region_pinned_arn if {
	p := _posture("aws", [_run(["arn:aws:ec2:eu-west-1:123456789012:instance/*"], {})])
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_conditional_deny_caps_type if {
	deny := _grant("Deny", ["ec2:RunInstances"], ["*"], {"StringNotLike": {"ec2:InstanceType": ["m5.*", "c6i.*"]}})
	test.assert_empty(rule.findings) with input.posture as [_posture("aws", [_run(["*"], {}), deny])]
}

test_no_findings_boundary_caps_region if {
	boundary := {"sources": ["arn:aws:iam::123456789012:policy/boundary"], "grants": [_grant(
		"Allow", ["ec2:*"], ["*"],
		{"StringEquals": {"aws:RequestedRegion": "us-east-1"}},
	)]}
	p := object.union(_posture("aws", [_run(["*"], {})]), {"boundary": boundary})
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_gcp_conditional_grant if {
	condition := {"title": "cluster zones", "expression": "resource.name.startsWith('projects/demo/zones/us-central1-a/')"}
	grant := _grant("Allow", ["compute.instances.create"], ["projects/demo"], condition)
	test.assert_empty(rule.findings) with input.posture as [_posture("gcp", [grant])]
}

test_no_findings_azure_not_judged if {
	grant := _grant("Allow", ["Microsoft.Compute/virtualMachines/*"], ["/subscriptions/1111"], {})
	test.assert_empty(rule.findings) with input.posture as [_posture("azure", [grant])]
}

test_no_findings_without_launch if {
	p := _posture("aws", [_grant("Allow", ["ec2:Describe*"], ["*"], {})])
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_findings_missing_conditions if {
	grant := {"effect": "Allow", "actions": ["ec2:RunInstances"], "resources": ["*"], "source": "inline"}
	test.assert_count(rule.findings, 1) with input.posture as [_posture("aws", [grant])]
}

test_findings_not_resource_grant if {
	grant := object.union(_run([], {}), {"not_resources": ["arn:aws:ec2:*:*:instance/protected-*"]})
	findings := rule.findings with input.posture as [_posture("aws", [grant])]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "all but")
}
