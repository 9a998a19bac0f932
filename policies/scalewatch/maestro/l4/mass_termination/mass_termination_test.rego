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
