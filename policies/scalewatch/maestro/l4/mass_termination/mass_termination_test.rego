package scalewatch.maestro.l4.mass_termination_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.mass_termination as rule

_termination(i) := {
	"time_ms": 1732540000000 + (i * 1000),
	"cloud": {"provider": "aws", "account": "123456789012", "region": "us-east-1"},
	"api": {"action": "ec2:TerminateInstances"},
	"status": "success",
	"metadata": {"uid": sprintf("e-%d", [i])},
}

_chunk(n) := [_termination(i) | some i in numbers.range(1, n)]

test_stats_counts_terminations_per_bucket if {
	s := rule.stats.l4_terminations with input.events as _chunk(25)
	test.assert_count(s, 1)
	some summary in s
	summary.count == 25
}

test_findings_above_threshold if {
	s := rule.stats with input.events as _chunk(25)
	findings := rule.findings with input.stats as s
	test.assert_rule(findings, "SW-L4-002")
	test.assert_count(findings, 1)
}

test_no_findings_at_threshold if {
	s := rule.stats with input.events as _chunk(20)
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_stats_without_terminations if {
	launches := [object.union(e, {"api": {"action": "ec2:RunInstances"}}) | some e in _chunk(30)]
	test.assert_empty(rule.stats.l4_terminations) with input.events as launches
}

test_no_findings_without_stats if {
	test.assert_empty(rule.findings) with input.stats as {}
}

_ids(n) := [{"instanceId": sprintf("i-%017x", [k])} | some k in numbers.range(1, n)]

test_findings_one_call_terminating_many if {
	event := object.union(_termination(1), {"api": {
		"request": {"instancesSet": {"items": _ids(25)}},
		"response": {"instancesSet": {"items": _ids(25)}},
	}})
	s := rule.stats with input.events as [event]
	findings := rule.findings with input.stats as s
	test.assert_count(findings, 1)
	some f in findings
	f.evidence.counts == {"terminations": 25, "calls": 1, "threshold": 20}
	f.detail == "25 instances terminated within 10 minutes"
}

test_findings_gcp_group_delete_instances if {
	instances := [sprintf("zones/us-central1-a/instances/gke-prod-pool-%d", [k]) | some k in numbers.range(1, 21)]
	event := object.union(_termination(1), {
		"cloud": {"provider": "gcp", "account": "demo", "region": "us-central1"},
		"api": {"action": "compute.instanceGroupManagers.deleteInstances", "request": {"instances": instances}},
	})
	s := rule.stats with input.events as [event]
	test.assert_count(rule.findings, 1) with input.stats as s
}

test_findings_azure_scale_set_instance_ids if {
	event := object.union(_termination(1), {
		"cloud": {"provider": "azure", "account": "1111", "region": "westeurope"},
		"api": {
			"action": "microsoft.compute/virtualmachinescalesets/delete/action",
			"request": {"requestbody": {"instanceIds": [format_int(k, 10) | some k in numbers.range(0, 20)]}},
		},
	})
	s := rule.stats with input.events as [event]
	test.assert_count(rule.findings, 1) with input.stats as s
}

test_findings_stats_without_per_call_suffix if {
	summary := {"count": 21, "first_ms": 1732540000000, "last_ms": 1732540060000, "event_ids": ["e-1"], "values": []}
	findings := rule.findings with input.stats as {"l4_terminations": {"aws|1|us-east-1|1732539600000": summary}}
	test.assert_count(findings, 1)
}
