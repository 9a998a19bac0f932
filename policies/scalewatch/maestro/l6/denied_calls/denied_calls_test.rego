package scalewatch.maestro.l6.denied_calls_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.denied_calls as rule

_event(provider, account, action, i, extra) := object.union(
	{
		"time_ms": 1764000000000 - (i * 1000),
		"cloud": {"provider": provider, "account": account, "region": "us-east-1"},
		"api": {"action": action},
		"status": "failure",
		"metadata": {"uid": sprintf("%s-%d", [provider, i])},
	},
	extra,
)

_error(code) := {"api": {"error": {"code": code, "message": "not authorized"}}}

_aws_denied(action, i) := _event("aws", "123456789012", action, i, _error("AccessDenied"))

_gcp_denied(permission, i) := _event("gcp", "prod-platform-4821", permission, i, {"api": {
	"error": {"code": "7"},
	"permissions": [{"permission": permission, "granted": false}],
}})

_aws_posture := {
	"cloud": "aws", "identity": "arn:aws:iam::123456789012:role/castai-eks-demo", "account": "123456789012",
	"grants": [{
		"effect": "Allow", "actions": ["ec2:RunInstances", "ec2:Describe*"], "not_actions": [],
		"resources": ["*"], "conditions": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}},
		"source": "arn:aws:iam::123456789012:policy/castai-eks#Nodes",
	}],
}

_identity := {"matcher": "arn:aws:iam::123456789012:role/castai-eks-demo"}

_probe_actions := [
	"iam:ListRoles", "iam:ListUsers", "s3:ListAllMyBuckets", "secretsmanager:ListSecrets",
	"lambda:ListFunctions", "ec2:RunInstances",
]

_probe := [_aws_denied(_probe_actions[i], i) | some i in numbers.range(0, 5)]

test_stats_aws_denied_codes if {
	events := [
		_aws_denied("iam:ListRoles", 1),
		_event("aws", "123456789012", "ec2:RunInstances", 2, _error("Client.UnauthorizedOperation")),
		_event("aws", "123456789012", "ec2:CreateFleet", 3, _error("Vendor.UnauthorizedOperation")),
		_event("aws", "123456789012", "ec2:RunInstances", 4, _error("InsufficientInstanceCapacity")),
	]
	s := rule.stats.seen_denied_action with input.events as events
	object.keys(s) == {"iam:ListRoles", "ec2:RunInstances", "ec2:CreateFleet"}
	s["ec2:RunInstances"].event_ids == ["aws-2"]
	s["iam:ListRoles"].values == ["aws|123456789012|us-east-1"]
}

test_stats_gcp_denied_permissions_not_method if {
	checks := [
		{"permission": "compute.instances.create", "granted": true},
		{"permission": "iam.serviceAccounts.actAs", "granted": false},
	]
	events := [
		_gcp_denied("compute.projects.setCommonInstanceMetadata", 1),
		_event("gcp", "prod-platform-4821", "SetIamPolicy", 2, {"api": {"error": {"code": "7"}}}),
		_event("gcp", "prod-platform-4821", "compute.instances.insert", 3, {
			"status": "success",
			"api": {"permissions": checks},
		}),
	]
	s := rule.stats.seen_denied_action with input.events as events
	object.keys(s) == {"compute.projects.setCommonInstanceMetadata", "SetIamPolicy", "iam.serviceAccounts.actAs"}
}

test_stats_azure_authorization_failed_and_403 if {
	events := [
		_event("azure", "0b1f6471", "microsoft.authorization/roleassignments/write", 1, _error("AuthorizationFailed")),
		_event("azure", "0b1f6471", "microsoft.storage/storageaccounts/listkeys/action", 2, _error("403")),
		_event("azure", "0b1f6471", "microsoft.compute/virtualmachines/write", 3, _error("SkuNotAvailable")),
	]
	s := rule.stats.seen_denied_action with input.events as events
	object.keys(s) == {
		"microsoft.authorization/roleassignments/write",
		"microsoft.storage/storageaccounts/listkeys/action",
	}
}

test_stats_denied_call_without_action_counts_as_operation if {
	events := [{
		"time_ms": 1764000000000, "cloud": {"provider": "aws", "account": "123456789012"},
		"api": {"operation": "GetCallerIdentity", "error": {"code": "AccessDenied"}},
		"status": "failure", "metadata": {"uid": "x"},
	}]
	object.keys(rule.stats.seen_denied_action) == {"GetCallerIdentity"} with input.events as events
}

test_findings_aws_probing_splits_not_granted_from_refused if {
	s := rule.stats with input.events as _probe
	findings := rule.findings with input.stats as s with input.posture as [_aws_posture] with input.identity as _identity
	test.assert_rule(findings, "SW-L6-013")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "arn:aws:iam::123456789012:role/castai-eks-demo"
	f.cloud == {"provider": "aws", "account": "123456789012", "region": ""}
	f.evidence.counts.distinct_actions == 6
	f.evidence.counts.not_granted == 5
	f.evidence.counts.granted_but_refused == 1
	count(f.evidence.event_ids) == 6
	contains(f.detail, "used but not granted: iam:ListRoles, iam:ListUsers, lambda:ListFunctions")
	contains(f.detail, "granted but refused: ec2:RunInstances")
}

test_findings_many_denials_of_one_action if {
	s := rule.stats with input.events as [_aws_denied("ssm:SendCommand", i) | some i in numbers.range(1, 25)]
	findings := rule.findings with input.stats as s with input.posture as [_aws_posture] with input.identity as _identity
	test.assert_count(findings, 1)
	some f in findings
	f.evidence.counts.denied == 25
	contains(f.detail, "used but not granted: ssm:SendCommand")
}

test_no_findings_a_few_denials if {
	s := rule.stats with input.events as [_aws_denied("ec2:DescribeSpotPriceHistory", i) | some i in numbers.range(1, 5)]
	test.assert_empty(rule.findings) with input.stats as s with input.posture as [_aws_posture]
}

test_no_findings_without_denials if {
	test.assert_empty(rule.findings) with input.stats as {}
}

test_findings_gcp_without_posture_says_unknown if {
	perms := [
		"compute.instances.setMetadata", "storage.buckets.list", "iam.serviceAccountKeys.create",
		"secretmanager.versions.access", "resourcemanager.projects.setIamPolicy", "logging.sinks.delete",
	]
	s := rule.stats with input.events as [_gcp_denied(perms[i], i) | some i in numbers.range(0, 5)]
	findings := rule.findings with input.stats as s with input.posture as [_aws_posture] with input.identity as _identity
	test.assert_count(findings, 1)
	some f in findings
	f.cloud.provider == "gcp"
	contains(f.detail, "no posture loaded for this cloud")
}

test_findings_resource_falls_back_to_account_for_wildcard_matcher if {
	s := rule.stats with input.events as _probe
	findings := rule.findings with input.stats as s with input.posture as [] with input.identity as {"matcher": "*"}
	some f in findings
	f.resource == "123456789012"
}

test_findings_without_identity_in_input if {
	s := rule.stats with input.events as _probe
	findings := rule.findings with input.stats as s with input.posture as []
	some f in findings
	f.resource == "123456789012"
}

test_findings_one_per_account if {
	other := [
	_event("aws", "210987654321", _probe_actions[i], i + 10, _error("AccessDenied")) |
		some i in numbers.range(0, 5)
	]
	s := rule.stats with input.events as array.concat(_probe, other)
	test.assert_count(rule.findings, 2) with input.stats as s with input.posture as [_aws_posture]
}

test_findings_detail_caps_the_denied_list if {
	actions := [sprintf("ec2:Describe%dThings", [i]) | some i in numbers.range(1, 14)]
	s := rule.stats with input.events as [_aws_denied(actions[i], i) | some i in numbers.range(0, 13)]
	findings := rule.findings with input.stats as s with input.posture as [_aws_posture] with input.identity as _identity
	some f in findings
	listed := [sprintf("ec2:Describe%dThings", [i]) | some i in [10, 11, 12, 13, 14, 1, 2, 3, 4, 5, 6, 7]]
	endswith(f.detail, concat("", ["granted but refused: ", concat(", ", listed), " and 2 more"]))
}
