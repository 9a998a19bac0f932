package scalewatch.usage_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.main

_aws := {
	"cloud": "aws", "identity": "arn:aws:iam::123456789012:role/castai-eks-demo", "account": "123456789012",
	"grants": [
		{
			"effect": "Allow", "actions": ["ec2:RunInstances", "ec2:CreateTags", "ssm:SendCommand"],
			"not_actions": [], "resources": ["*"], "conditions": {},
			"source": "arn:aws:iam::123456789012:policy/castai-eks#Nodes",
		},
		{
			"effect": "Allow", "actions": ["iam:PassRole"], "not_actions": [],
			"resources": ["arn:aws:iam::123456789012:role/castai-*"], "conditions": {},
			"source": "arn:aws:iam::123456789012:policy/castai-eks#PassNodeRole",
		},
	],
	"passable_roles": [_role("castai-demo-node-role"), _role("castai-legacy-admin")],
}

_role(name) := {
	"cloud": "aws", "identity": concat("", ["arn:aws:iam::123456789012:role/", name]), "account": "123456789012",
	"grants": [], "via": ["arn:aws:iam::123456789012:policy/castai-eks#PassNodeRole"],
}

_gcp := {
	"cloud": "gcp", "identity": "castai-gke-tf-7d1c3a52@prod-platform-4821.iam.gserviceaccount.com",
	"account": "prod-platform-4821",
	"grants": [{
		"effect": "Allow", "actions": ["compute.instances.create", "compute.instances.setMetadata"],
		"not_actions": [], "resources": ["projects/prod-platform-4821"], "conditions": {},
		"source": "projects/prod-platform-4821#roles/castai.gkeAccess",
	}],
}

_sub := "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590"

_azure := {
	"cloud": "azure", "identity": "6f1e2c3d-0000-4a5b-9c8d-112233445566",
	"account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590",
	"grants": [{
		"effect": "Allow",
		"actions": ["Microsoft.Compute/virtualMachines/*", "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action"],
		"not_actions": [], "resources": [concat("", [_sub, "/resourceGroups/aks-nodes"])], "conditions": {},
		"source": concat("", [_sub, "/providers/Microsoft.Authorization/roleAssignments/9c1d"]),
	}],
}

_uami := concat("", [
	"/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourcegroups/aks-nodes",
	"/providers/microsoft.managedidentity/userassignedidentities/aks-agentpool",
])

_entry(days_ago) := {
	"first_ms": 1764000000000 - (40 * 86400000),
	"last_ms": 1764000000000 - (days_ago * 86400000),
	"count": 3,
}

_window := {
	"count": 2, "first_ms": 1763999000000, "last_ms": 1763999500000,
	"event_ids": ["e1", "e2"], "values": ["aws|123456789012|us-east-1"],
}

_input := {
	"scan": {"run_id": "r-1", "window_start_ms": 1764000000000 - 3600000, "window_end_ms": 1764000000000},
	"baseline": {
		"started_ms": 1764000000000 - (40 * 86400000), "updated_ms": 1764000000000 - 3600000, "runs": 960,
		"seen": {
			"permission": {
				"ec2:RunInstances": _entry(0),
				"ec2:CreateTags": _entry(45),
				"compute.instances.create": _entry(1),
				"microsoft.compute/virtualmachines/write": _entry(1),
				"k8s.pods.eviction.create": _entry(1),
			},
			"denied_action": {"ec2:RunInstances": _entry(4), "iam:ListRoles": _entry(2)},
			"passed_role": {
				"arn:aws:iam::123456789012:instance-profile/castai-demo-node-profile": _entry(0),
				"gke-node@prod-platform-4821.iam.gserviceaccount.com": _entry(1),
				_uami: _entry(2),
			},
		},
	},
	"stats": {
		"seen_permission": {"ec2:DescribeInstances": _window},
		"seen_denied_action": {"s3:ListAllMyBuckets": _window},
	},
	"posture": [_aws, _gcp, _azure],
}

test_usage_report_aws if {
	report := main.usage with input as _input
	test.assert_count(report, 3)
	some aws in report
	aws.cloud == "aws"
	aws.history.covers_lookback == true
	aws.used == ["ec2:describeinstances", "ec2:runinstances", "iam:passrole"]
	aws.granted_never_used == ["ec2:CreateTags", "ssm:SendCommand"]
	aws.denied == [
		{"action": "ec2:runinstances", "granted": true},
		{"action": "iam:listroles", "granted": false},
		{"action": "s3:listallmybuckets", "granted": false},
	]
	aws.pass_role.passed == ["arn:aws:iam::123456789012:instance-profile/castai-demo-node-profile"]
	aws.pass_role.unresolved_profiles == []
	[r.passed | some r in aws.pass_role.passable] == [true, false]
}

test_usage_report_gcp if {
	report := main.usage with input as _input
	some gcp in report
	gcp.cloud == "gcp"
	gcp.used == ["compute.instances.create"]
	gcp.granted_never_used == ["compute.instances.setMetadata"]
	gcp.denied == []
	gcp.pass_role == {"passed": ["gke-node@prod-platform-4821.iam.gserviceaccount.com"]}
}

test_usage_report_without_history_says_so if {
	report := main.usage with input as object.remove(_input, ["baseline"])
	some entry in report
	entry.history == {"started_ms": 0, "updated_ms": 0, "runs": 0, "covers_lookback": false}
}

test_usage_report_empty_without_posture if {
	test.assert_empty(main.usage) with input as object.remove(_input, ["posture"])
}

test_usage_report_azure if {
	report := main.usage with input as _input
	some azure in report
	azure.cloud == "azure"
	azure.used == [
		"k8s.pods.eviction.create",
		"microsoft.compute/virtualmachines/write",
		"microsoft.managedidentity/userassignedidentities/assign/action",
	]
	"Microsoft.Compute/virtualMachines/runCommand/action" in azure.granted_never_used
	not "Microsoft.ManagedIdentity/userAssignedIdentities/assign/action" in azure.granted_never_used
	azure.pass_role == {"passed": [_uami]}
}
