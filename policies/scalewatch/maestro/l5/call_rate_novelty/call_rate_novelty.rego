# METADATA
# title: Identity called far more often than it ever does at this hour
# description: >-
#   An autoscaler's call rate follows the clusters' day: a few hundred calls an hour, more when nodes
#   churn. A hijacked agent or stolen credentials used for enumeration, mass changes or mining launches
#   show up as an hour with many times the usual calls. Counts the identity's calls per clock hour of the
#   window and, once the behaviour baseline has learned for baseline.learning_days, reports every hour
#   whose calls exceed baseline.hourly_rate.factor times the learned average for that hour of day (the
#   baseline's hour count divided by the days it has learned; docs/baseline.md) and at least
#   baseline.hourly_rate.min_calls. An hour of day the baseline never saw is left to SW-L5-007. Nothing is
#   reported while the baseline is learning.
# scope: package
# custom:
#   id: SW-L5-010
#   layer: L5
#   severity: MEDIUM
#   cvss_base: 5.3
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1078.004, T1580, T1496]
#   stratus: []
#   remediation: >-
#     Look at what the identity called in that hour (the evidence events) and ask the agent's owner whether
#     a planned event explains it (cluster migration, scale test). If not, treat the credentials as
#     compromised: AWS: revoke the role's active sessions; GCP: disable the service account's keys; Azure:
#     reset the service principal's credentials. Raise baseline.hourly_rate.factor for agents whose load is
#     legitimately bursty.
package scalewatch.maestro.l5.call_rate_novelty

import rego.v1

import data.scalewatch.lib.baseline
import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.stats

_settings := config.settings.baseline.hourly_rate

_hour_ms := 3600000

_dated := [event | some event in input.events; is_number(event.time_ms)]

# METADATA
# title: Calls per clock hour (key is the hour's start, epoch ms)
stats.l5_calls_per_hour[key] := stats.summary(evs, _locations(evs)) if {
	some key in {stats.bucket(event, _hour_ms) | some event in _dated}
	evs := [event | some event in _dated; stats.bucket(event, _hour_ms) == key]
}

_locations(evs) := {concat("|", [
	object.get(e, ["cloud", "provider"], ""), object.get(e, ["cloud", "account"], ""),
	object.get(e, ["cloud", "region"], ""),
]) |
	some e in evs
}

# Days the baseline has learned, at least one (a younger baseline is not mature anyway).
_learned_days := max([1, floor((input.baseline.updated_ms - input.baseline.started_ms) / 86400000)])

findings contains f if {
	baseline.mature
	_settings.severity != "OFF"
	some key, summary in input.stats.l5_calls_per_hour
	summary.count >= _settings.min_calls
	start := to_number(key)
	hour := _pad2(floor(start / _hour_ms) % 24)
	average := input.baseline.seen.hour[hour].count / _learned_days
	summary.count > _settings.factor * average
	detail := concat("", [
		format_int(summary.count, 10), " calls in the hour from ", baseline.date(start), " ", hour,
		":00 UTC, more than ", format_int(_settings.factor, 10), " x the learned average of ",
		format_int(round(average), 10), " calls for ", hour, ":00-", hour, ":59 (",
		baseline.learned_period, ")",
	])
	counts := {"calls": summary.count, "learned_average": round(average), "factor": _settings.factor}
	built := finding.for_window(
		rego.metadata.chain(), _location(summary, _fallback), concat("", ["hour:", baseline.date(start), "T", hour]),
		detail, object.union({"event_ids": []}, summary), counts,
	)
	f := object.union(built, {"severity": _settings.severity})
}

_pad2(n) := concat("", ["0", format_int(n, 10)]) if n < 10

_pad2(n) := format_int(n, 10) if n >= 10

_location(summary, fallback) := {"provider": parts[0], "account": parts[1], "region": ""} if {
	locations := sort([v | some v in object.get(summary, "values", []); contains(v, "|")])
	parts := split(locations[0], "|")
	parts[0] in {"aws", "gcp", "azure"}
} else := fallback

_fallback := {"provider": "aws", "account": "", "region": ""}
