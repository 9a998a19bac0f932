package scalewatch.maestro.l6.destructive_iam_reach_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.destructive_iam_reach as rule

_posture(cloud, identity, account, grants) := {
	"cloud": cloud,
	"identity": identity,
	"account": account,
	"grants": grants,
	"trust": [],
	"credentials": [],
	"tags": {},
}

_grant(actions, resources, source) := {
	"effect": "Allow", "actions": actions, "not_actions": [], "resources": resources, "not_resources": [],
	"conditions": {}, "source": source,
}

_cast_default := _grant(
	["iam:DeleteInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteRole", "iam:DetachRolePolicy"],
	["arn:aws:iam::*:role/*", "arn:aws:iam::*:instance-profile/*"],
	"arn:aws:iam::123456789012:policy/CastEKSPolicy#iam",
)

test_findings_aws_cast_default_policy if {
	p := _posture("aws", "arn:aws:iam::123456789012:role/castai-eks-demo", "123456789012", [_cast_default])
	findings := rule.findings with input.posture as [p]
	test.assert_rule(findings, "SW-L6-009")
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "iam:DeleteRole")
	contains(f.detail, "on arn:aws:iam::*:instance-profile/*, arn:aws:iam::*:role/*")
	f.evidence.sources == ["arn:aws:iam::123456789012:policy/CastEKSPolicy#iam"]
}

test_findings_gcp_custom_role if {
	role := "projects/demo-project/roles/castai"
	permissions := ["iam.serviceAccounts.delete", "compute.instances.delete"]
	grant := object.union(_grant(permissions, ["projects/demo-project"], role), {"role": role})
	p := _posture("gcp", "castai-gke@demo-project.iam.gserviceaccount.com", "demo-project", [grant])
	findings := rule.findings with input.posture as [p]
	some f in findings
	f.detail == "may iam.serviceAccounts.delete; on projects/demo-project"
}

test_findings_azure_owner_wildcard if {
	grant := _grant(["*"], ["*"], "/subscriptions/0b1f6471/providers/Microsoft.Authorization/roleAssignments/owner")
	p := _posture("azure", "5f0c8e9a-0000-4000-8000-000000000001", "0b1f6471", [grant])
	findings := rule.findings with input.posture as [p]
	some f in findings
	contains(f.detail, "Microsoft.Authorization/roleAssignments/delete")
	contains(f.detail, "on every resource")
}

test_no_findings_custom_iam_example if {
	grants := [
		_grant(["ec2:RunInstances", "ec2:TerminateInstances"], ["*"], "run"),
		_grant(["iam:PassRole"], ["arn:aws:iam::123456789012:role/cast-node"], "pass"),
	]
	p := _posture("aws", "arn:aws:iam::123456789012:role/castai-eks-demo", "123456789012", grants)
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_azure_cast_role if {
	grant := _grant(
		["Microsoft.Compute/virtualMachines/*", "Microsoft.ContainerService/managedClusters/agentPools/*"],
		["/subscriptions/0b1f6471/resourceGroups/aks"], "CastAKSRole",
	)
	p := _posture("azure", "5f0c8e9a-0000-4000-8000-000000000001", "0b1f6471", [grant])
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_denied_by_boundary if {
	boundary := {"sources": ["b"], "grants": [_grant(["ec2:*"], ["*"], "b")]}
	p := object.union(_posture("aws", "arn:aws:iam::1:role/a", "1", [_cast_default]), {"boundary": boundary})
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_without_posture if {
	test.assert_empty(rule.findings) with input.posture as []
}
