package scalewatch.maestro.l5.call_rate_novelty_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l5.call_rate_novelty as rule

# 2024-11-25T13:00:00Z
_hour13 := 1732539600000

_call(i, provider) := {
	"time_ms": _hour13 + (i * 1000),
	"cloud": {"provider": provider, "account": "111122223333", "region": "us-east-1"},
	"api": {"action": "ec2:DescribeInstances"},
	"status": "success",
	"metadata": {"uid": sprintf("c-%d", [i])},
}

_calls(n, provider) := [_call(i, provider) | some i in numbers.range(1, n)]

# 28 days learned, hour 13 seen 2,800 times: 100 calls on average.
_history := {
	"started_ms": _hour13 - (28 * 86400000), "updated_ms": _hour13, "runs": 2688,
	"seen": {"hour": {"13": {"first_ms": 1, "last_ms": 2, "count": 2800}}},
}

test_stats_calls_per_hour if {
	events := array.concat(_calls(3, "aws"), [{"metadata": {"uid": "undated"}}])
	s := rule.stats.l5_calls_per_hour with input.events as events
	test.assert_count(s, 1)
	s["1732539600000"].count == 3
	s["1732539600000"].values == ["aws|111122223333|us-east-1"]
}

test_fires_above_factor_times_the_average if {
	s := rule.stats with input.events as _calls(600, "aws")
	findings := rule.findings with input.stats as s with input.baseline as _history
	test.assert_rule(findings, "SW-L5-010")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "hour:2024-11-25T13"
	f.severity == "MEDIUM"
	f.cloud == {"provider": "aws", "account": "111122223333", "region": ""}
	f.evidence.counts == {"calls": 600, "learned_average": 100, "factor": 5}
	f.detail == concat("", [
		"600 calls in the hour from 2024-11-25 13:00 UTC, more than 5 x the learned average of 100 calls for ",
		"13:00-13:59 (baseline learned from 2024-10-28 to 2024-11-25 over 2688 runs)",
	])
}

test_fires_gcp if {
	s := rule.stats with input.events as _calls(600, "gcp")
	findings := rule.findings with input.stats as s with input.baseline as _history
	some f in findings
	f.cloud.provider == "gcp"
}

test_silent_at_usual_rate if {
	s := rule.stats with input.events as _calls(450, "aws")
	test.assert_empty(rule.findings) with input.stats as s with input.baseline as _history
}

test_silent_below_min_calls if {
	quiet := json.patch(_history, [{"op": "replace", "path": "/seen/hour/13/count", "value": 28}])
	s := rule.stats with input.events as _calls(150, "aws")
	test.assert_empty(rule.findings) with input.stats as s with input.baseline as quiet
}

test_silent_while_learning if {
	young := object.union(_history, {"started_ms": _hour13 - (3 * 86400000)})
	s := rule.stats with input.events as _calls(600, "aws")
	test.assert_empty(rule.findings) with input.stats as s with input.baseline as young
}

test_silent_for_an_hour_never_seen if {
	unseen := json.patch(_history, [{"op": "replace", "path": "/seen/hour", "value": {"02": {"count": 5}}}])
	s := rule.stats with input.events as _calls(600, "aws")
	test.assert_empty(rule.findings) with input.stats as s with input.baseline as unseen
}

test_off_by_settings if {
	s := rule.stats with input.events as _calls(600, "aws")
	test.assert_empty(rule.findings) with input.stats as s
		with input.baseline as _history
		with input.config as {"baseline": {"hourly_rate": {"severity": "OFF"}}}
}

test_summary_without_locations_still_reports if {
	s := {"l5_calls_per_hour": {"1732539600000": {"count": 600}}}
	findings := rule.findings with input.stats as s with input.baseline as _history
	test.assert_count(findings, 1)
}

test_hour_before_ten_is_padded if {
	early := 1732496400000 # 2024-11-25T01:00:00Z
	history := json.patch(_history, [{"op": "replace", "path": "/seen/hour", "value": {"01": {"count": 2800}}}])
	s := {"l5_calls_per_hour": {format_int(early, 10): {"count": 600, "event_ids": ["c-1"], "values": []}}}
	findings := rule.findings with input.stats as s with input.baseline as history
	some f in findings
	f.resource == "hour:2024-11-25T01"
}
