package scalewatch.maestro.l6.permission_probing_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.permission_probing as rule

_aws_actions := [
	"iam:ListUsers", "iam:ListRoles", "s3:ListBuckets", "secretsmanager:ListSecrets",
	"organizations:DescribeOrganization", "lambda:ListFunctions", "ec2:DescribeInstances",
]

_denied(cloud, action, code, i) := {
	"time_ms": 1732540000000 + (i * 1000),
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-east-1"},
	"api": {"action": action, "error": {"code": code, "message": "not authorized"}},
	"status": "failure",
	"metadata": {"uid": sprintf("%s-%d", [cloud, i]), "read_only": true},
}

# n denied calls cycling over the first k actions of the list.
_burst(cloud, actions, code, n, k) := [_denied(cloud, actions[i % k], code, i) | some i in numbers.range(0, n - 1)]

test_stats_collect_distinct_actions if {
	s := rule.stats.l6_denied with input.events as _burst("aws", _aws_actions, "AccessDenied", 12, 6)
	test.assert_count(s, 1)
	some summary in s
	summary.count == 12
	test.assert_count(summary.values, 6)
}

test_findings_aws_probing if {
	s := rule.stats with input.events as _burst("aws", _aws_actions, "AccessDenied", 12, 6)
	findings := rule.findings with input.stats as s
	test.assert_rule(findings, "SW-L6-004")
	test.assert_count(findings, 1)
	some f in findings
	f.evidence.counts.distinct_actions == 6
}

test_findings_gcp_permission_denied if {
	actions := [
		"storage.buckets.list", "compute.instances.list", "google.iam.admin.v1.ListServiceAccounts",
		"SetIamPolicy", "google.cloud.secretmanager.v1.SecretManagerService.ListSecrets",
	]
	s := rule.stats with input.events as _burst("gcp", actions, "7", 10, 5)
	test.assert_count(rule.findings, 1) with input.stats as s
}

test_findings_azure_authorization_failed if {
	actions := [
		"microsoft.authorization/roleassignments/write", "microsoft.keyvault/vaults/read",
		"microsoft.storage/storageaccounts/listkeys/action", "microsoft.compute/virtualmachines/runcommand/action",
		"microsoft.insights/diagnosticsettings/delete",
	]
	s := rule.stats with input.events as _burst("azure", actions, "AuthorizationFailed", 10, 5)
	test.assert_count(rule.findings, 1) with input.stats as s
}

# The autoscaler retrying one call it lacks permission for is noise, not probing.
test_no_findings_repeated_single_action if {
	s := rule.stats with input.events as _burst("aws", _aws_actions, "Client.UnauthorizedOperation", 40, 1)
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_findings_few_denials if {
	s := rule.stats with input.events as _burst("aws", _aws_actions, "AccessDenied", 9, 7)
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_stats_capacity_errors if {
	events := _burst("aws", _aws_actions, "InsufficientInstanceCapacity", 30, 7)
	test.assert_empty(rule.stats.l6_denied) with input.events as events
}

test_stats_denied_without_action_counted_as_unknown if {
	bare := [object.remove(e, ["api"]) | some e in _burst("aws", _aws_actions, "AccessDenied", 3, 3)]
	events := [object.union(e, {"api": {"error": {"code": "AccessDenied"}}}) | some e in bare]
	s := rule.stats.l6_denied with input.events as events
	some summary in s
	summary.values == ["unknown"]
}

test_no_findings_without_stats if {
	test.assert_empty(rule.findings) with input.stats as {}
}
