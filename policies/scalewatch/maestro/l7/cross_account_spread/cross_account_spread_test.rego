package scalewatch.maestro.l7.cross_account_spread_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l7.cross_account_spread as rule

_event(cloud, account, i) := {
	"time_ms": 1732540000000 + (i * 1000),
	"cloud": {"provider": cloud, "account": account, "region": "r"},
	"api": {"action": "ec2:DescribeInstances"},
	"status": "success",
	"metadata": {"uid": sprintf("%s-%d", [cloud, i]), "read_only": true},
}

test_stats_collect_accounts if {
	events := [_event("aws", "111122223333", 1), _event("aws", "444455556666", 2), _event("aws", "111122223333", 3)]
	s := rule.stats.l7_accounts with input.events as events
	s.aws.count == 3
	s.aws.values == ["111122223333", "444455556666"]
}

test_findings_aws_second_account if {
	s := rule.stats with input.events as [_event("aws", "111122223333", 1), _event("aws", "444455556666", 2)]
	findings := rule.findings with input.stats as s
	test.assert_rule(findings, "SW-L7-005")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws:accounts"
	f.evidence.counts.accounts == 2
	contains(f.detail, "111122223333, 444455556666")
}

test_findings_gcp_projects if {
	s := rule.stats with input.events as [_event("gcp", "demo-project", 1), _event("gcp", "prod-project", 2)]
	test.assert_count(rule.findings, 1) with input.stats as s
}

test_findings_azure_subscriptions if {
	events := [
		_event("azure", "0b1f6471-1bf0-4dda-aec3-111122223333", 1),
		_event("azure", "7c2e0000-0000-4000-8000-444455556666", 2),
	]
	s := rule.stats with input.events as events
	test.assert_count(rule.findings, 1) with input.stats as s
}

test_no_findings_single_account if {
	events := [_event("aws", "111122223333", i) | some i in numbers.range(1, 50)]
	s := rule.stats with input.events as events
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_findings_shared_vpc_override if {
	s := rule.stats with input.events as [_event("gcp", "demo-project", 1), _event("gcp", "host-project", 2)]
	test.assert_empty(rule.findings) with input.stats as s with input.config as {"spread": {"max_accounts": 2}}
}

test_stats_skip_events_without_account if {
	bare := json.remove(_event("aws", "x", 2), ["cloud/account"])
	s := rule.stats.l7_accounts with input.events as [_event("aws", "111122223333", 1), bare]
	s.aws.values == ["111122223333"]
	s.aws.count == 1
}

test_no_findings_without_stats if {
	test.assert_empty(rule.findings) with input.stats as {}
}
