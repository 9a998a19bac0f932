# METADATA
# title: The agent went silent where its history says it is busy
# description: >-
#   An autoscaler calls its cloud all day: describing, launching, tagging, draining. When scalewatch
#   sees no event of the identity for hours in which its history (the identity baseline, input.baseline)
#   shows it regularly active, either the agent stopped or the record of it did: a trail stopped or
#   re-pointed, a sink or diagnostic setting removed, the collector's source changed, or the agent
#   moved to credentials scalewatch does not watch. Either way scalewatch is blind for that time.
#   The rule feeds the history itself: per chunk it emits seen_activity_hour (events per UTC hour of
#   day), which the identity history folds into input.baseline.seen.activity_hour (seen.hour is read
#   when that is absent). Fires in the window pass when this window has no event of the identity, the last event the
#   baseline remembers is at least silence_hours old, the baseline is past its learning period, and
#   at least min_active_hours of the quiet hours of day are hours in which the identity had at least
#   hour_min_events events. Never fires while learning or on a scan of whole files (no window).
# scope: package
# custom:
#   id: SW-L5-009
#   layer: L5
#   severity: MEDIUM
#   cvss_base: 5.3
#   kind: missing
#   clouds: [aws, gcp, azure]
#   attack: [T1562.008, T1562.002]
#   stratus: []
#   remediation: >-
#     Check that the agent still runs (its controller logs, cluster scaling) and that its audit log still
#     flows: CloudTrail trail status and event selectors, the GCP project's sinks and audit configs, the
#     Azure subscription's diagnostic settings and the workspace scalewatch reads. If the agent runs but
#     its calls are not logged, restore the logging and review the gap from other sources; if it runs
#     under other credentials, find out which and why.
package scalewatch.maestro.l5.identity_silence

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.stats

_settings := config.settings.silence

_hour_ms := 3600000

# Per chunk: the identity's events per place. A window without events has no entry, which is what the
# window pass looks for.
# METADATA
# title: Events of the identity per cloud, account and region
stats.l5_identity_activity[key] := stats.summary(evs, set()) if {
	some key in {_key(event) | some event in input.events}
	evs := [event | some event in input.events; _key(event) == key]
}

# Per chunk: the identity's events per UTC hour of day, remembered across runs by the identity history
# (input.baseline.seen.activity_hour), so the rule does not depend on another rule emitting seen_hour.
# METADATA
# title: Events of the identity per UTC hour of day, for the identity history
stats.seen_activity_hour[key] := stats.summary(evs, set()) if {
	some key in {_hour_key(event) | some event in input.events}
	evs := [event | some event in input.events; _hour_key(event) == key]
}

findings contains finding.for_window(rego.metadata.chain(), cloud, resource, detail, summary, counts) if {
	input.scan.window_start_ms > 0
	_mature
	count(object.get(input, ["stats", "l5_identity_activity"], {})) == 0
	last := max({h.last_ms | some h in _hours; is_number(h.last_ms)})
	end := input.scan.window_end_ms
	quiet_ms := end - last
	quiet_ms >= _settings.silence_hours * _hour_ms
	active := {hour | some hour in _quiet_hours(last, end); _busy(hour)}
	count(active) >= _settings.min_active_hours
	some cloud in _places
	resource := _resource(cloud)
	summary := {"count": 0, "event_ids": [], "first_ms": last, "last_ms": end}
	counts := {
		"events": 0, "quiet_hours": floor(quiet_ms / _hour_ms), "busy_hours_quiet": count(active),
		"threshold_hours": _settings.silence_hours,
	}
	detail := concat("", [
		"no event of the identity for ", format_int(floor(quiet_ms / _hour_ms), 10),
		" hours, although its history shows it active in ", format_int(count(active), 10),
		" of those hours of day (UTC ", concat(", ", [format_int(h, 10) | some h in sort(active)]),
		"): scalewatch is blind to it there; either the agent stopped or its audit logging did",
	])
}

# The history this rule feeds itself; else the generic per-hour dimension of the baseline.
_hours := object.get(input, ["baseline", "seen", "activity_hour"], object.get(input, ["baseline", "seen", "hour"], {}))

_mature if {
	input.baseline.runs > 0
	input.baseline.updated_ms - input.baseline.started_ms >= _settings.learning_hours * _hour_ms
}

# Hours of day (UTC) wholly or partly after the last event, at most one day's worth.
_quiet_hours(last, end) := {hour |
	first := floor(last / _hour_ms) + 1
	final := min([floor((end - 1) / _hour_ms), first + 23])
	final >= first
	some h in numbers.range(first, final)
	hour := h % 24
}

# The baseline keys hours of day as "7" or "07"; both are accepted.
_busy(hour) if {
	some key in {format_int(hour, 10), concat("", ["0", format_int(hour, 10)])}
	_hours[key].count >= _settings.hour_min_events
}

# Where the finding belongs: each place the posture names; without posture (an account's posture comes
# with its first target only) the scheduled target the window was read from; else the identity's cloud
# alone, so a scan without either still reports the silence.
_places contains {"provider": p.cloud, "account": p.account, "region": _sole_region(p)} if {
	some p in input.posture
}

_places contains {"provider": t.provider, "account": t.account, "region": t.region} if {
	count(object.get(input, "posture", [])) == 0
	t := input.scan.target
}

_places contains {"provider": _identity_cloud, "account": "", "region": ""} if {
	count(object.get(input, "posture", [])) == 0
	not input.scan.target
}

# The region when the posture judged exactly one (AWS); else none.
_sole_region(p) := regions[0] if {
	regions := object.get(p, ["logging", "regions"], [])
	count(regions) == 1
} else := ""

default _identity_cloud := "azure"

_identity_cloud := "aws" if contains(input.identity.matcher, "arn:aws")

_identity_cloud := "gcp" if {
	not contains(input.identity.matcher, "arn:aws")
	contains(input.identity.matcher, ".gserviceaccount.com")
}

_resource(cloud) := concat("", ["audit-log:", cloud.provider, ":", cloud.account, ":", cloud.region])

_key(event) := concat("|", [
	event.cloud.provider,
	object.get(event.cloud, "account", ""),
	object.get(event.cloud, "region", ""),
])

# Undefined for an undated event: it falls in no hour.
_hour_key(event) := format_int(floor(event.time_ms / _hour_ms) % 24, 10)
