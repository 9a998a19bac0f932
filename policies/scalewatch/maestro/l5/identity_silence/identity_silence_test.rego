package scalewatch.maestro.l5.identity_silence_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l5.identity_silence as rule

_h := 3600000

# 2024-11-25T00:00:00Z
_day := 1732492800000

_role := "arn:aws:iam::111122223333:role/castai-eks-demo"

# A CAST-AI-like history: busy 06..17 UTC, a trickle at night; 30 days of runs.
_busy_hours[h] := {"first_ms": _day - ((30 * 24) * _h), "last_ms": (_day - 86400000) + (h * _h), "count": 400} if {
	some h in numbers.range(6, 17)
}

_night_hours[h] := {"first_ms": _day - ((30 * 24) * _h), "last_ms": (_day - 86400000) + (h * _h), "count": 3} if {
	some h in array.concat(numbers.range(0, 5), numbers.range(18, 23))
}

# Every hour's last event no later than last_ms, and the hour of last_ms ends with it.
_seen_hours(last_ms) := {format_int(h, 10): v |
	some h, v0 in object.union(_busy_hours, _night_hours)
	v := object.union(v0, {"last_ms": _last_in(h, v0, last_ms)})
}

_last_in(h, _, last_ms) := last_ms if h == floor(last_ms / _h) % 24

_last_in(h, v0, last_ms) := min([v0.last_ms, last_ms]) if h != floor(last_ms / _h) % 24

_baseline(last_ms) := {
	"started_ms": _day - ((30 * 24) * _h), "updated_ms": _day + (8 * _h), "runs": 2880,
	"seen": {"hour": _seen_hours(last_ms), "region": {"eu-west-1": {"first_ms": 1, "last_ms": last_ms, "count": 9}}},
}

_posture := {
	"cloud": "aws", "identity": _role, "account": "111122223333", "grants": [], "trust": [], "credentials": [],
	"tags": {}, "logging": {"regions": ["eu-west-1"], "read_from": [], "sources": []},
}

# The window 08:00-08:15 on the day; the last event the day before at 23:00 (quiet since: 9 hours, 06..08 busy).
_base_input := {
	"scan": {"run_id": "r", "window_start_ms": _day + (8 * _h), "window_end_ms": (_day + (8 * _h)) + 900000},
	"identity": {"matcher": _role},
	"agent_profile": {"id": "castai"},
	"config": {},
	"posture": [_posture],
}

_input(baseline, stats) := object.union(_base_input, {"stats": stats, "baseline": baseline})

_last := _day - _h

test_silent_window_busy_hours_fires if {
	findings := rule.findings with input as _input(_baseline(_last), {})
	test.assert_rule(findings, "SW-L5-009")
	test.assert_count(findings, 1)
	some f in findings
	f.kind == "missing"
	f.cloud == {"provider": "aws", "account": "111122223333", "region": "eu-west-1"}
	f.resource == "audit-log:aws:111122223333:eu-west-1"
	f.evidence.first_seen_ms == _last
	f.evidence.counts.busy_hours_quiet == 3
	f.evidence.counts.quiet_hours == 9
	contains(f.detail, "no event of the identity for 9 hours")
	contains(f.detail, "(UTC 6, 7, 8)")
}

test_window_with_events_is_silent if {
	stats := {"l5_identity_activity": {"aws|111122223333|eu-west-1": {"count": 4, "event_ids": ["e"]}}}
	test.assert_empty(rule.findings) with input as _input(_baseline(_last), stats)
}

test_quiet_only_at_night_is_silent if {
	# Last event at 18:00, window at 01:00: 7 quiet hours, all with a trickle only.
	scan := {
		"run_id": "r",
		"window_start_ms": _day + _h,
		"window_end_ms": (_day + _h) + 900000,
	}
	inp := object.union(_input(_baseline(_day - (6 * _h)), {}), {"scan": scan})
	test.assert_empty(rule.findings) with input as inp
}

test_short_quiet_is_silent if {
	test.assert_empty(rule.findings) with input as _input(_baseline(_day + (5 * _h)), {})
}

test_learning_baseline_is_silent if {
	young := object.union(_baseline(_last), {"started_ms": _day - (48 * _h)})
	test.assert_empty(rule.findings) with input as _input(young, {})
}

test_no_baseline_yet_is_silent if {
	test.assert_empty(rule.findings) with input as _input({"runs": 0, "seen": {}}, {})
	test.assert_empty(rule.findings) with input as json.remove(_input(_baseline(_last), {}), ["baseline"])
}

test_whole_file_scan_is_silent if {
	inp := object.union(_input(_baseline(_last), {}), {"scan": {"window_start_ms": 0}})
	test.assert_empty(rule.findings) with input as inp
}

test_zero_padded_hour_keys_and_no_posture_fire if {
	padded := {concat("", ["0", k]): v | some k, v in _seen_hours(_last); count(k) == 1}
	others := {k: v | some k, v in _seen_hours(_last); count(k) == 2}
	baseline := object.union(_baseline(_last), {"seen": {"hour": object.union(padded, others)}})
	inp := object.union(_input(baseline, {}), {"posture": []})
	findings := rule.findings with input as inp
	test.assert_count(findings, 1)
	some f in findings
	f.cloud.provider == "aws"
}

_without_posture(matcher) := object.union(
	_input(_baseline(_last), {}),
	{"posture": [], "identity": {"matcher": matcher}},
)

test_identity_cloud_from_matcher_without_posture if {
	some g in rule.findings with input as _without_posture("castai-gke@demo-project-123456.iam.gserviceaccount.com")
	g.cloud.provider == "gcp"
	some a in rule.findings with input as _without_posture("0b1c2d3e-4f50-4a6b-9c7d-8e9f0a1b2c3d")
	a.cloud.provider == "azure"
}

test_scheduled_target_places_finding_without_posture if {
	target := {"provider": "aws", "account": "111122223333", "region": "eu-west-1"}
	base := _input(_baseline(_last), {})
	inp := object.union(base, {"posture": [], "scan": object.union(base.scan, {"target": target})})
	findings := rule.findings with input as inp
	test.assert_count(findings, 1)
	some f in findings
	f.cloud == target
}

test_posture_place_wins_over_target if {
	target := {"provider": "aws", "account": "444455556666", "region": "eu-west-1"}
	base := _input(_baseline(_last), {})
	inp := object.union(base, {"scan": object.union(base.scan, {"target": target})})
	findings := rule.findings with input as inp
	test.assert_count(findings, 1)
	some f in findings
	f.cloud.account != target.account
}

test_stats_from_events_per_place if {
	events := [
		{
			"time_ms": _day, "cloud": {"provider": "aws", "account": "111122223333", "region": "eu-west-1"},
			"metadata": {"uid": "a"},
		},
		{
			"time_ms": _day + 5, "cloud": {"provider": "aws", "account": "111122223333", "region": "eu-west-1"},
			"metadata": {"uid": "b"},
		},
		{"cloud": {"provider": "gcp", "account": "demo-project-123456"}, "metadata": {"uid": "c"}},
	]
	s := rule.stats.l5_identity_activity with input.events as events
	s["aws|111122223333|eu-west-1"].count == 2
	s["aws|111122223333|eu-west-1"].first_ms == _day
	s["gcp|demo-project-123456|"].count == 1
	test.assert_count(s, 2)
}

test_no_stats_without_events if {
	test.assert_empty(rule.stats.l5_identity_activity) with input.events as []
}

test_seen_activity_hour_from_dated_events_only if {
	events := [
		{"time_ms": _day + (7 * _h), "cloud": {"provider": "aws"}, "metadata": {"uid": "a"}},
		{"time_ms": (_day + (7 * _h)) + 5, "cloud": {"provider": "aws"}, "metadata": {"uid": "b"}},
		{"time_ms": _day + (23 * _h), "cloud": {"provider": "aws"}, "metadata": {"uid": "c"}},
		{"cloud": {"provider": "aws"}, "metadata": {"uid": "undated"}},
	]
	s := rule.stats.seen_activity_hour with input.events as events
	s["7"].count == 2
	s["7"].last_ms == (_day + (7 * _h)) + 5
	s["23"].event_ids == ["c"]
	test.assert_count(s, 2)
}

test_own_activity_hour_history_preferred_over_generic_hour if {
	generic := _baseline(_last)
	own := object.union(generic, {"seen": {"activity_hour": _seen_hours(_last), "hour": {}}})
	test.assert_count(rule.findings, 1) with input as _input(own, {})
	quiet_own := object.union(generic, {"seen": {"activity_hour": {}}})
	test.assert_empty(rule.findings) with input as _input(quiet_own, {})
}
