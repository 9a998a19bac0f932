package scalewatch.maestro.l4.passrole_blast_radius_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.passrole_blast_radius as rule

_posture(cloud, identity, grants) := {
	"cloud": cloud,
	"identity": identity,
	"account": "123456789012",
	"grants": grants,
}

_grant(actions, resources, conditions, source) := {
	"effect": "Allow", "actions": actions, "not_actions": [], "resources": resources,
	"conditions": conditions, "source": source,
}

_castai_role := "arn:aws:iam::123456789012:role/castai-eks-demo"

_run := _grant(
	["ec2:RunInstances"], ["*"], {},
	"arn:aws:iam::123456789012:policy/CastEKSPolicy#RunInstancesTagRestriction",
)

_passed_to_ec2 := {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}

_aws(pass_resources, conditions) := _posture("aws", _castai_role, [
	_run,
	_grant(["iam:PassRole"], pass_resources, conditions, "arn:aws:iam::123456789012:policy/CastEKSPolicy#PassRoleEC2"),
])

test_findings_aws_any_role_passed_to_ec2 if {
	findings := rule.findings with input.posture as [_aws(["arn:aws:iam::*:role/*"], _passed_to_ec2)]
	test.assert_rule(findings, "SW-L4-009")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _castai_role
	contains(f.detail, "iam:PassedToService narrows the service, not the roles")
	f.evidence.sources == [
		"arn:aws:iam::123456789012:policy/CastEKSPolicy#PassRoleEC2",
		"arn:aws:iam::123456789012:policy/CastEKSPolicy#RunInstancesTagRestriction",
	]
}

test_findings_aws_account_roles if {
	test.assert_count(rule.findings, 1) with input.posture as [_aws(["arn:aws:iam::123456789012:role/*"], {})]
}

test_findings_gcp_act_as_on_project if {
	p := _posture("gcp", "castai-gke-tf@demo.iam.gserviceaccount.com", [
		_grant(["iam.serviceAccounts.actAs"], ["projects/demo"], {}, "projects/demo:roles/iam.serviceAccountUser"),
		_grant(["compute.instances.create"], ["projects/demo"], {}, "projects/demo:projects/demo/roles/castai.gkeAccess"),
	])
	findings := rule.findings with input.posture as [p]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "iam.serviceAccounts.actAs on projects/demo")
}

test_findings_azure_assign_at_resource_group if {
	rg := "/subscriptions/1111/resourceGroups/MC_aks-rg_demo_westeurope"
	p := _posture("azure", "8a7b6c5d-0000-4000-8000-0123456789ab", [_grant(
		["Microsoft.Compute/virtualMachines/*", "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action"],
		[rg], {}, "CastAKSRole-demo",
	)])
	test.assert_count(rule.findings, 1) with input.posture as [p]
}

test_findings_azure_wildcard_role_at_subscription if {
	contributor := object.union(
		_grant(["*"], ["/subscriptions/1111"], {}, "Contributor"),
		{"not_actions": ["Microsoft.Authorization/*/Write"]},
	)
	p := _posture("azure", "8a7b6c5d-0000-4000-8000-0123456789ab", [contributor])
	test.assert_count(rule.findings, 1) with input.posture as [p]
}

test_no_findings_aws_node_role_only if {
	p := _aws(["arn:aws:iam::123456789012:role/KarpenterNodeRole-demo"], _passed_to_ec2)
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_aws_pass_without_launch if {
	p := _posture("aws", _castai_role, [_grant(["iam:PassRole"], ["*"], {}, "arn:aws:iam::123456789012:policy/x")])
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_gcp_act_as_on_node_service_account if {
	sa := "projects/demo/serviceAccounts/gke-nodes@demo.iam.gserviceaccount.com"
	p := _posture("gcp", "castai-gke-tf@demo.iam.gserviceaccount.com", [
		_grant(["iam.serviceAccounts.actAs"], [sa], {}, "sa-binding"),
		_grant(["compute.instances.create"], ["projects/demo"], {}, "custom-role"),
	])
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_without_posture if {
	test.assert_empty(rule.findings) with input.posture as []
}

test_findings_not_resource_grant if {
	grant := object.union(
		_grant(["iam:PassRole"], [], {}, "arn:aws:iam::123456789012:policy/x"),
		{"not_resources": ["arn:aws:iam::123456789012:role/admin"]},
	)
	findings := rule.findings with input.posture as [_posture("aws", _castai_role, [_run, grant])]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "all but arn:aws:iam::123456789012:role/admin")
}

test_findings_missing_conditions_and_source if {
	grant := {"effect": "Allow", "actions": ["iam:PassRole"], "resources": ["*"]}
	findings := rule.findings with input.posture as [_posture("aws", _castai_role, [_run, grant])]
	test.assert_count(findings, 1)
}

test_findings_azure_management_group_with_condition if {
	group := "/providers/Microsoft.Management/managementGroups/platform"
	grant := _grant(
		["Microsoft.Compute/virtualMachines/write", "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action"],
		[group], {"expression": "@Resource[Microsoft.ManagedIdentity/userAssignedIdentities:name] StringLike 'aks-*'"},
		"CastAKSRole-demo",
	)
	findings := rule.findings with input.posture as [_posture("azure", "8a7b6c5d-0000-4000-8000-0123456789ab", [grant])]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "a condition applies")
}

test_no_findings_aws_any_role_with_role_tag_condition if {
	conditions := {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com", "aws:ResourceTag/role-type": "eks-node"}}
	test.assert_empty(rule.findings) with input.posture as [_aws(["*"], conditions)]
}

test_findings_aws_role_tag_condition_if_exists_does_not_narrow if {
	conditions := {"StringEqualsIfExists": {"aws:ResourceTag/role-type": "eks-node"}}
	test.assert_count(rule.findings, 1) with input.posture as [_aws(["*"], conditions)]
}

test_findings_aws_lists_roles_passable_now if {
	p := object.union(_aws(["arn:aws:iam::*:role/*"], _passed_to_ec2), {"passable_roles": [
		{"identity": "arn:aws:iam::123456789012:role/node", "via": ["x"]},
		{"identity": "arn:aws:iam::123456789012:role/admin", "via": ["x"]},
	]})
	findings := rule.findings with input.posture as [p]
	some f in findings
	endswith(f.detail, "; passable to EC2 now: arn:aws:iam::123456789012:role/admin, arn:aws:iam::123456789012:role/node")
}
