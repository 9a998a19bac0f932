package scalewatch.maestro.l6.unused_high_risk_grant_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.unused_high_risk_grant as rule

# Window end 2025-11-24T16:00:00Z; a day is 86400000 ms; the default lookback is 30 days.
_end := 1764000000000

# The window/posture input with the history as the baseline store hands it over (identity-history
# contract): started 40 days before the window end.
_input(postures, seen, window_stats) := {
	"scan": {"run_id": "r-1", "window_start_ms": 1764000000000 - 3600000, "window_end_ms": 1764000000000},
	"baseline": {
		"started_ms": 1764000000000 - (40 * 86400000), "updated_ms": 1764000000000 - 3600000,
		"runs": 960, "seen": seen,
	},
	"stats": {"seen_permission": window_stats},
	"posture": postures,
}

_entry(days_ago) := {
	"first_ms": 1764000000000 - (39 * 86400000),
	"last_ms": 1764000000000 - (days_ago * 86400000),
	"count": 12,
}

_summary(id) := {
	"count": 1, "first_ms": 1764000000000 - 60000, "last_ms": 1764000000000 - 60000,
	"event_ids": [id], "values": ["aws|123456789012|us-east-1"],
}

_aws_grant(sid, actions) := {
	"effect": "Allow", "actions": actions, "not_actions": [], "resources": ["*"], "conditions": {},
	"source": concat("", ["arn:aws:iam::123456789012:policy/castai-eks#", sid]),
}

_aws := {
	"cloud": "aws", "identity": "arn:aws:iam::123456789012:role/castai-eks-demo", "account": "123456789012",
	"grants": [
		_aws_grant("Nodes", ["ec2:RunInstances", "ec2:TerminateInstances", "ec2:Describe*", "iam:PassRole"]),
		_aws_grant("Secrets", ["secretsmanager:GetSecretValue", "ssm:SendCommand"]),
	],
}

_gcp := {
	"cloud": "gcp", "identity": "castai-gke-tf-7d1c3a52@prod-platform-4821.iam.gserviceaccount.com",
	"account": "prod-platform-4821",
	"grants": [{
		"effect": "Allow", "actions": ["compute.instances.create", "compute.instances.setMetadata"],
		"not_actions": [], "resources": ["projects/prod-platform-4821"], "conditions": {},
		"source": "projects/prod-platform-4821#roles/castai.gkeAccess",
		"role": "projects/prod-platform-4821/roles/castai.gkeAccess",
	}],
}

_azure_sub := "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590"

_azure := {
	"cloud": "azure", "identity": "6f1e2c3d-0000-4a5b-9c8d-112233445566",
	"account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590",
	"grants": [{
		"effect": "Allow", "actions": ["Microsoft.Compute/virtualMachines/*"], "not_actions": [],
		"resources": [concat("", [_azure_sub, "/resourceGroups/aks-nodes"])], "conditions": {},
		"source": concat("", [_azure_sub, "/providers/Microsoft.Authorization/roleAssignments/9c1d"]),
		"role": "CastAKSRole",
	}],
}

_aws_seen := {"permission": {
	"ec2:RunInstances": _entry(0),
	"ec2:DescribeInstances": _entry(0),
	"secretsmanager:GetSecretValue": _entry(2),
}}

test_findings_aws_unused_run_command_named_per_statement if {
	findings := rule.findings with input as _input([_aws], _aws_seen, {})
	test.assert_rule(findings, "SW-L6-011")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "arn:aws:iam::123456789012:policy/castai-eks#Secrets"
	contains(f.detail, "ssm:SendCommand")
	not contains(f.detail, "secretsmanager:GetSecretValue")
	f.evidence.sources == ["arn:aws:iam::123456789012:policy/castai-eks#Secrets"]
}

test_no_findings_every_high_risk_grant_used if {
	seen := {"permission": object.union(_aws_seen.permission, {"ssm:SendCommand": _entry(29)})}
	test.assert_empty(rule.findings) with input as _input([_aws], seen, {})
}

test_no_findings_used_only_in_this_window if {
	test.assert_empty(rule.findings) with input as _input([_aws], _aws_seen, {"ssm:SendCommand": _summary("ev-1")})
}

test_findings_used_before_the_lookback_counts_as_unused if {
	seen := {"permission": object.union(_aws_seen.permission, {"ssm:SendCommand": _entry(31)})}
	test.assert_count(rule.findings, 1) with input as _input([_aws], seen, {})
}

test_no_findings_history_entry_without_last_ms if {
	seen := {"permission": object.union(_aws_seen.permission, {"ssm:SendCommand": {"first_ms": _end, "count": 1}})}
	test.assert_empty(rule.findings) with input as _input([_aws], seen, {})
}

test_findings_case_of_the_logged_action_does_not_matter if {
	seen := {"permission": object.union(_aws_seen.permission, {"SSM:sendcommand": _entry(1)})}
	test.assert_empty(rule.findings) with input as _input([_aws], seen, {})
}

test_no_findings_history_shorter_than_lookback if {
	short := object.union(_input([_aws], _aws_seen, {}), {"baseline": {"started_ms": _end - (10 * 86400000)}})
	test.assert_empty(rule.findings) with input as short
}

test_no_findings_without_history if {
	empty := object.union(_input([_aws], {}, {}), {"baseline": {"started_ms": 0, "updated_ms": 0, "runs": 0}})
	test.assert_empty(rule.findings) with input as empty
}

test_no_findings_baseline_missing_from_input if {
	test.assert_empty(rule.findings) with input as object.remove(_input([_aws], {}, {}), ["baseline"])
}

test_findings_wildcard_grant_judged_per_covered_permission if {
	wild := object.union(_aws, {"grants": [_aws_grant("All", ["iam:*", "ec2:*"])]})
	findings := rule.findings with input as _input([wild], _aws_seen, {})
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "iam:AttachRolePolicy")
	contains(f.detail, " more; narrow arn:aws:iam::123456789012:policy/castai-eks#All")
	not contains(f.detail, "ec2:RunInstances")
}

test_no_findings_high_risk_denied_by_statement if {
	deny := object.union(_aws_grant("DenyRun", ["ssm:SendCommand"]), {"effect": "Deny"})
	p := object.union(_aws, {"grants": array.concat(_aws.grants, [deny])})
	test.assert_empty(rule.findings) with input as _input([p], _aws_seen, {})
}

test_findings_gcp_unused_set_metadata if {
	seen := {"permission": {"compute.instances.create": _entry(0)}}
	findings := rule.findings with input as _input([_gcp], seen, {})
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "projects/prod-platform-4821#roles/castai.gkeAccess"
	contains(f.detail, "compute.instances.setMetadata")
	f.cloud.account == "prod-platform-4821"
}

test_findings_azure_vm_wildcard_covers_run_command if {
	seen := {"permission": {"microsoft.compute/virtualmachines/write": _entry(0)}}
	findings := rule.findings with input as _input([_azure], seen, {})
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "Microsoft.Compute/virtualMachines/runCommand/action")
	contains(f.detail, "Microsoft.Compute/virtualMachines/extensions/write")
}

test_no_findings_azure_run_command_used_lowercased if {
	seen := {"permission": {
		"microsoft.compute/virtualmachines/runcommand/action": _entry(3),
		"microsoft.compute/virtualmachines/extensions/write": _entry(3),
	}}
	test.assert_empty(rule.findings) with input as _input([_azure], seen, {})
}

# Stats from events: what counts as used per cloud.

_event(provider, account, action, status, extra) := object.union(
	{
		"time_ms": 1764000000000 - 60000,
		"cloud": {"provider": provider, "account": account, "region": "us-east-1"},
		"api": {"action": action},
		"status": status,
		"metadata": {"uid": concat("-", [provider, action, status])},
	},
	extra,
)

_error(code) := {"api": {"error": {"code": code}}}

test_stats_aws_success_and_capacity_failure_count_denied_does_not if {
	events := [
		_event("aws", "123456789012", "ec2:RunInstances", "success", {}),
		_event("aws", "123456789012", "ec2:CreateFleet", "failure", _error("InsufficientInstanceCapacity")),
		_event("aws", "123456789012", "iam:PutRolePolicy", "failure", _error("AccessDenied")),
		_event("aws", "123456789012", "ec2:RunInstances", "failure", _error("Client.UnauthorizedOperation")),
	]
	s := rule.stats.seen_permission with input.events as events
	object.keys(s) == {"ec2:RunInstances", "ec2:CreateFleet"}
	s["ec2:RunInstances"].count == 1
	s["ec2:RunInstances"].values == ["aws|123456789012|us-east-1"]
}

test_stats_gcp_uses_granted_permissions_not_method if {
	permissions := [
		{"permission": "compute.instances.create", "granted": true},
		{"permission": "iam.serviceAccounts.actAs", "granted": true},
	]
	extra := {"api": {"permissions": permissions}}
	insert := _event("gcp", "prod-platform-4821", "compute.instances.insert", "success", extra)
	s := rule.stats.seen_permission with input.events as [insert]
	object.keys(s) == {"compute.instances.create", "iam.serviceAccounts.actAs"}
}

test_stats_gcp_without_permission_checks_falls_back_to_action if {
	events := [_event("gcp", "prod-platform-4821", "compute.instances.delete", "success", {})]
	s := rule.stats.seen_permission with input.events as events
	object.keys(s) == {"compute.instances.delete"}
}

test_stats_azure_in_progress_not_counted if {
	events := [
		_event("azure", "0b1f6471", "microsoft.compute/virtualmachines/write", "in_progress", {}),
		_event("azure", "0b1f6471", "microsoft.compute/virtualmachines/delete", "success", {}),
	]
	s := rule.stats.seen_permission with input.events as events
	object.keys(s) == {"microsoft.compute/virtualmachines/delete"}
}

test_stats_gcp_call_that_went_on_after_a_failed_check_uses_the_granted_ones if {
	permissions := [
		{"permission": "compute.instances.create", "granted": true},
		{"permission": "compute.instances.setLabels", "granted": false},
	]
	extra := {"api": {"permissions": permissions}}
	insert := _event("gcp", "prod-platform-4821", "compute.instances.insert", "success", extra)
	s := rule.stats.seen_permission with input.events as [insert]
	object.keys(s) == {"compute.instances.create"}
}

test_stats_gcp_refused_call_uses_nothing if {
	permissions := [
		{"permission": "compute.instances.create", "granted": true},
		{"permission": "iam.serviceAccounts.actAs", "granted": false},
	]
	extra := {"api": {"permissions": permissions, "error": {"code": "7"}}}
	insert := _event("gcp", "prod-platform-4821", "compute.instances.insert", "failure", extra)
	test.assert_empty(rule.stats.seen_permission) with input.events as [insert]
}
