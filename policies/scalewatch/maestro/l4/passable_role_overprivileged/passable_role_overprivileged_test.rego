package scalewatch.maestro.l4.passable_role_overprivileged_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.passable_role_overprivileged as rule

_account := "arn:aws:iam::123456789012"

_karpenter := concat("", [_account, ":role/KarpenterControllerRole-demo"])

_via := [concat("", ["inline:", _karpenter, ":KarpenterControllerPolicy#AllowPassingInstanceRole"])]

_admin_source := concat("", ["inline:", _account, ":role/KarpenterNodeRole-legacy-admin:break-glass#Everything"])

_grant(actions, source) := {
	"effect": "Allow", "actions": actions, "not_actions": [], "resources": ["*"], "not_resources": [],
	"conditions": {}, "source": source,
}

_worker := _grant(
	[
		"ec2:DescribeInstances", "ec2:DescribeInstanceTypes", "ec2:DescribeRouteTables",
		"ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVolumes",
		"ec2:DescribeVolumesModifications", "ec2:DescribeVpcs", "eks:DescribeCluster",
		"eks-auth:AssumeRoleForPodIdentity",
	],
	"arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy#WorkerNodePermissions",
)

_ecr := _grant(
	["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:Describe*"],
	"arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly#0",
)

_role(name, grants) := {
	"cloud": "aws", "identity": concat("", [_account, ":role/", name]), "account": "123456789012",
	"grants": grants,
	"trust": [{
		"effect": "Allow", "principals": ["Service:ec2.amazonaws.com"], "actions": ["sts:AssumeRole"],
		"conditions": {}, "source": "trust",
	}],
	"credentials": [], "tags": {}, "via": _via,
}

_posture(roles) := {
	"cloud": "aws", "identity": _karpenter, "account": "123456789012", "grants": [],
	"passable_roles": roles,
}

test_findings_admin_role_passable if {
	admin := _role("KarpenterNodeRole-legacy-admin", [_grant(["*"], _admin_source)])
	node := _role("KarpenterNodeRole-demo", [_worker, _ecr])
	findings := rule.findings with input.posture as [_posture([node, admin])]
	test.assert_rule(findings, "SW-L4-011")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == concat("", [_account, ":role/KarpenterNodeRole-legacy-admin"])
	startswith(f.detail, concat("", [
		"instances launched by ", _karpenter, " can run as ", _account,
		":role/KarpenterNodeRole-legacy-admin (passable via inline:",
	]))
	endswith(f.detail, concat("", [
		"which may * beyond node permissions; its permissions reach billing_data.write, iam.destroy, ",
		"iam.escalate, image.share, instance.launch, k8s.admin, logging.write, model.use, role.assume, ",
		"role.pass, vm.run_command",
	]))
	f.evidence.sources == sort(array.concat(_via, [_admin_source]))
}

test_findings_service_wildcard_and_not_action if {
	wide := _role("ci-node", [
		_worker,
		_grant(["s3:*", "ec2:*"], "inline:ci-node:extra#0"),
		object.union(_grant([], "inline:ci-node:extra#1"), {"not_actions": ["iam:*"]}),
	])
	findings := rule.findings with input.posture as [_posture([wide])]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "which may ec2:*, every action but iam:*, s3:* beyond node permissions")
	contains(f.detail, "image.share, instance.launch, k8s.admin")
}

test_no_findings_node_only_role if {
	node := _role("KarpenterNodeRole-demo", [_worker, _ecr])
	test.assert_empty(rule.findings) with input.posture as [_posture([node])]
}

test_no_findings_without_passable_roles if {
	p := {"cloud": "aws", "identity": _karpenter, "account": "1", "grants": [_grant(["*"], "x")]}
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_findings_missing_via_cloud_and_source if {
	role := {
		"identity": "arn:aws:iam::123456789012:role/node",
		"grants": [{"effect": "Allow", "actions": ["iam:PutRolePolicy"], "resources": ["*"]}],
	}
	findings := rule.findings with input.posture as [_posture([role])]
	test.assert_count(findings, 1)
	some f in findings
	f.detail == concat("", [
		"instances launched by ", _karpenter, " can run as arn:aws:iam::123456789012:role/node, ",
		"which may iam:PutRolePolicy beyond node permissions; its permissions reach iam.escalate",
	])
}

test_findings_profile_can_widen_node_allow_list if {
	widened := {"passable_roles": {"node_only_actions": {"aws": [
		"ec2:Describe*", "eks:DescribeCluster",
		"eks-auth:*", "s3:GetObject",
	]}}}
	role := _role("KarpenterNodeRole-demo", [_worker, _grant(["s3:GetObject"], "inline:x#0")])
	test.assert_count(rule.findings, 1) with input.posture as [_posture([role])]
	test.assert_empty(rule.findings) with input.posture as [_posture([role])] with input.config as widened
}

test_list_caps_long_lists if {
	role := _role("wide", [_grant(
		[
			"a:1", "a:2", "a:3", "a:4", "a:5", "a:6", "a:7",
			"a:8", "a:9", "b:1", "b:2", "b:3", "b:4", "b:5",
		],
		"inline:x#0",
	)])
	findings := rule.findings with input.posture as [_posture([role])]
	some f in findings
	contains(f.detail, "b:2, b:3 and 2 more beyond node permissions")
}
