package scalewatch.maestro.l6.unused_passable_role_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.unused_passable_role as rule

# Window end 2025-11-24T16:00:00Z; a day is 86400000 ms; the default lookback is 30 days.
_end := 1764000000000

_via := "arn:aws:iam::123456789012:policy/castai-eks#PassNodeRole"

_node_profile := "arn:aws:iam::123456789012:instance-profile/castai-demo-node-profile"

_admin_role := "arn:aws:iam::123456789012:role/castai-legacy-admin"

_other_profile := "arn:aws:iam::123456789012:instance-profile/eks-8ac3f1-nodes"

_role(name, via) := {
	"cloud": "aws", "identity": concat("", ["arn:aws:iam::123456789012:role/", name]), "account": "123456789012",
	"grants": [],
	"trust": [{"effect": "Allow", "principals": ["Service:ec2.amazonaws.com"], "actions": ["sts:AssumeRole"]}],
	"via": [via],
}

_posture := {
	"cloud": "aws", "identity": "arn:aws:iam::123456789012:role/castai-eks-demo", "account": "123456789012",
	"grants": [{
		"effect": "Allow", "actions": ["iam:PassRole"], "not_actions": [],
		"resources": ["arn:aws:iam::123456789012:role/castai-*"], "conditions": {}, "source": _via,
	}],
	"passable_roles": [_role("castai-demo-node-role", _via), _role("castai-legacy-admin", _via)],
}

# The window/posture input with the history as the baseline store hands it over (identity-history
# contract): started 45 days before the window end.
_input(postures, passed, window_stats) := {
	"scan": {"run_id": "r-1", "window_start_ms": 1764000000000 - 3600000, "window_end_ms": 1764000000000},
	"baseline": {
		"started_ms": 1764000000000 - (45 * 86400000), "updated_ms": 1764000000000 - 3600000, "runs": 1080,
		"seen": {
			"permission": {"ec2:RunInstances": {
				"first_ms": 1764000000000 - (45 * 86400000), "last_ms": 1764000000000,
				"count": 310,
			}},
			"passed_role": passed,
		},
	},
	"stats": {"seen_passed_role": window_stats},
	"posture": postures,
}

_entry(days_ago) := {
	"first_ms": 1764000000000 - (44 * 86400000),
	"last_ms": 1764000000000 - (days_ago * 86400000),
	"count": 40,
}

test_findings_role_never_passed if {
	findings := rule.findings with input as _input([_posture], {_node_profile: _entry(0)}, {})
	test.assert_rule(findings, "SW-L6-012")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _admin_role
	f.evidence.sources == [_via]
	contains(f.detail, "passed: arn:aws:iam::123456789012:instance-profile/castai-demo-node-profile")
}

test_no_findings_every_role_passed if {
	passed := {_node_profile: _entry(0), _admin_role: _entry(12)}
	test.assert_empty(rule.findings) with input as _input([_posture], passed, {})
}

test_no_findings_role_passed_in_this_window if {
	summary := {
		"count": 1, "first_ms": _end - 5000, "last_ms": _end - 5000,
		"event_ids": ["e1"], "values": ["aws|123456789012|us-east-1"],
	}
	window := {"castai-legacy-admin": summary}
	test.assert_empty(rule.findings) with input as _input([_posture], {_node_profile: _entry(0)}, window)
}

test_findings_both_roles_when_passes_are_older_than_lookback if {
	test.assert_count(rule.findings, 2) with input as _input([_posture], {_node_profile: _entry(31)}, {})
}

test_no_findings_unresolved_profile_blocks_judgement if {
	passed := {_node_profile: _entry(0), _other_profile: _entry(1)}
	test.assert_empty(rule.findings) with input as _input([_posture], passed, {})
}

test_no_findings_profile_mapped_in_settings if {
	passed := {_node_profile: _entry(0), _other_profile: _entry(1)}
	settings := {"usage": {"instance_profile_roles": {"EKS-8ac3f1-nodes": "castai-legacy-admin"}}}
	test.assert_empty(rule.findings) with input as object.union(_input([_posture], passed, {}), {"config": settings})
}

test_no_findings_history_shorter_than_lookback if {
	short := object.union(_input([_posture], {}, {}), {"baseline": {"started_ms": _end - (3 * 86400000)}})
	test.assert_empty(rule.findings) with input as short
}

test_no_findings_without_passable_roles if {
	p := object.remove(_posture, ["passable_roles"])
	test.assert_empty(rule.findings) with input as _input([p], {}, {})
}

test_no_findings_gcp_emails_ignored_for_aws_roles if {
	passed := {
		_node_profile: _entry(0), _admin_role: _entry(2),
		"gke-node@prod-platform-4821.iam.gserviceaccount.com": _entry(0),
	}
	test.assert_empty(rule.findings) with input as _input([_posture], passed, {})
}

# Stats from events.

_event(provider, action, status, request) := {
	"time_ms": 1764000000000 - 60000,
	"cloud": {"provider": provider, "account": "123456789012", "region": "us-east-1"},
	"api": {"action": action, "request": request},
	"status": status,
	"metadata": {"uid": concat("-", [provider, action, status])},
}

test_stats_aws_profiles_and_role_arns if {
	profile := {"IamInstanceProfile": {"Name": "castai-spot-profile"}}
	template := {"CreateLaunchTemplateVersionRequest": {"LaunchTemplateData": profile}}
	nodegroup := {"nodegroupName": "ng-1", "nodeRole": "arn:aws:iam::123456789012:role/eks-ng-role"}
	events := [
		_event("aws", "ec2:RunInstances", "success", {
			"instanceType": "m5.large", "iamInstanceProfile": {"arn": _node_profile},
			"instancesSet": {"items": [{"imageId": "ami-0abc"}]},
		}),
		_event("aws", "ec2:CreateLaunchTemplateVersion", "success", template),
		_event("aws", "eks:CreateNodegroup", "success", nodegroup),
		_event("aws", "sts:AssumeRole", "success", {"roleArn": _admin_role, "roleSessionName": "s"}),
		_event("aws", "ec2:RunInstances", "failure", {"iamInstanceProfile": {"name": "admin-ec2"}}),
	]
	s := rule.stats.seen_passed_role with input.events as events
	object.keys(s) == {_node_profile, "castai-spot-profile", "arn:aws:iam::123456789012:role/eks-ng-role"}
}

test_stats_gcp_service_accounts if {
	template := {"properties": {"serviceAccounts": [{"email": "tpl@prod-platform-4821.iam.gserviceaccount.com"}]}}
	pool := {"nodePool": {"config": {"serviceAccount": "pool@prod-platform-4821.iam.gserviceaccount.com"}}}
	events := [
		_event("gcp", "compute.instances.insert", "success", {"serviceAccounts": [{
			"email": "gke-node@prod-platform-4821.iam.gserviceaccount.com",
			"scopes": ["https://www.googleapis.com/auth/cloud-platform"],
		}]}),
		_event("gcp", "compute.instanceTemplates.insert", "success", template),
		_event("gcp", "google.container.v1.ClusterManager.CreateNodePool", "success", pool),
		_event("gcp", "compute.instances.insert", "success", {"serviceAccounts": [{"scopes": []}]}),
	]
	s := rule.stats.seen_passed_role with input.events as events
	object.keys(s) == {
		"gke-node@prod-platform-4821.iam.gserviceaccount.com", "tpl@prod-platform-4821.iam.gserviceaccount.com",
		"pool@prod-platform-4821.iam.gserviceaccount.com",
	}
}

test_stats_azure_user_assigned_identities if {
	uami := concat("/", [
		"/subscriptions/0b1f6471/resourceGroups/aks-nodes/providers",
		"Microsoft.ManagedIdentity/userAssignedIdentities/aks-agentpool",
	])
	request := {"requestbody": {
		"identity": {"type": "UserAssigned", "userAssignedIdentities": {uami: {}}},
		"properties": {"hardwareProfile": {"vmSize": "Standard_D4s_v5"}},
	}}
	events := [
		_event("azure", "microsoft.compute/virtualmachines/write", "success", request),
		_event("azure", "microsoft.compute/virtualmachines/read", "success", request),
	]
	s := rule.stats.seen_passed_role with input.events as events
	object.keys(s) == {uami}
}

test_stats_event_without_request if {
	events := [{
		"time_ms": 1764000000000, "cloud": {"provider": "aws", "account": "1"},
		"api": {"action": "ec2:RunInstances"}, "status": "success", "metadata": {"uid": "a"},
	}]
	test.assert_empty(rule.stats.seen_passed_role) with input.events as events
}

test_findings_detail_caps_the_passed_list if {
	passed := {concat("", ["arn:aws:iam::123456789012:role/castai-pool-", format_int(i, 10)]): _entry(1) |
		some i in numbers.range(1, 14)
	}
	findings := rule.findings with input as _input([_posture], passed, {})
	test.assert_count(findings, 2)
	every f in findings {
		endswith(f.detail, " and 2 more")
	}
}
