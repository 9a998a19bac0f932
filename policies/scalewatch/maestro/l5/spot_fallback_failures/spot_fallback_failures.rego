# METADATA
# title: Launches keep failing for lack of capacity
# description: >-
#   Spot and on-demand capacity runs out; an autoscaler is supposed to fall back to other types, zones
#   or on-demand. When capacity errors pile up for one instance type, the fallback is failing silently:
#   pods stay pending (an availability incident) or the agent burns through on-demand capacity (a cost
#   incident) and nobody is told. Counts launch attempts per location and instance type that failed with
#   a capacity error (spot_fallback.capacity_error_codes / capacity_error_messages per cloud; an AWS code
#   matches with or without CloudTrail's Client./Server. prefix; including
#   the per-type errors a successful EC2 CreateFleet returns) over the whole window, reports each type
#   with at least spot_fallback.min_failures of them, and says how many on-demand launches (no spot
#   market option) followed in that location from the bucket of the first failure on.
# scope: package
# custom:
#   id: SW-L5-004
#   layer: L5
#   severity: MEDIUM
#   cvss_base: 5.3
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1496]
#   stratus: []
#   remediation: >-
#     Check pending pods and the agent's fallback settings (instance-type diversity, zones, on-demand
#     fallback) for the type; widen the allowed types or zones, or set an on-demand fallback with a
#     budget. Alert on the agent's own capacity-failure metrics so the next occurrence is not silent.
package scalewatch.maestro.l5.spot_fallback_failures

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.instance
import data.scalewatch.lib.stats

_settings := config.settings.spot_fallback

_attempts := [event |
	some class in ["instance.launch", "nodegroup.scale"]
	some event in events.of_class[class]
]

_failures := [{"event": event, "key": key, "code": failure.code} |
	some event in _attempts
	some failure in _capacity_failures(event)
	key := concat("|", [event.cloud.provider, event.cloud.account, events.region(event), failure.type])
]

# METADATA
# title: Capacity failures per cloud location and instance type
stats.l5_capacity_failures[key] := stats.summary(evs, codes) if {
	some key in {failure.key | some failure in _failures}
	evs := [event | some event in {failure.event | some failure in _failures; failure.key == key}]
	codes := {failure.code | some failure in _failures; failure.key == key}
}

_on_demand := [event |
	some event in events.of_class["instance.launch"]
	events.is_success(event)
	count(_capacity_failures(event)) == 0
	not _is_spot(event)
]

# METADATA
# title: On-demand launches per cloud location and time bucket
stats.l5_on_demand_launches[key] := stats.summary(evs, set()) if {
	some key in {_bucket_key(event) | some event in _on_demand}
	evs := [event | some event in _on_demand; _bucket_key(event) == key]
}

findings contains finding.for_window(rego.metadata.chain(), cloud, resource, detail, summary, counts) if {
	some key, summary in input.stats.l5_capacity_failures
	summary.count >= _settings.min_failures
	parts := split(key, "|")
	count(parts) == 4
	cloud := {"provider": parts[0], "account": parts[1], "region": parts[2]}
	resource := concat("/", parts)
	after := _on_demand_after(concat("|", array.slice(parts, 0, 3)), summary.first_ms)
	counts := {"capacity_failures": summary.count, "on_demand_launches_after": after, "threshold": _settings.min_failures}
	detail := concat("", [
		format_int(summary.count, 10), " launches of ", parts[3], " failed for capacity (",
		concat(", ", summary.values), "); ", format_int(after, 10), " on-demand launches followed",
	])
}

_bucket_key(event) := concat("|", [
	event.cloud.provider, event.cloud.account, events.region(event),
	stats.bucket(event, _settings.bucket_ms),
])

_on_demand_after(location, first_ms) := sum([summary.count |
	some key, summary in object.get(input, ["stats", "l5_on_demand_launches"], {})
	parts := split(key, "|")
	count(parts) == 4
	concat("|", array.slice(parts, 0, 3)) == location
	to_number(parts[3]) >= floor(first_ms / _settings.bucket_ms) * _settings.bucket_ms
])

# A failed call with a capacity error fails for every type it asked for; a successful CreateFleet
# lists per-type errors in its response.
_capacity_failures(event) := {{"type": type, "code": code} |
	event.status == "failure"
	code := _error_code(event)
	_is_capacity_error(event.cloud.provider, code, object.get(event, ["api", "error", "message"], ""))
	some type in _types_or_unknown(instance.types(event))
} | {{"type": type, "code": error.errorCode} |
	response := object.get(event, ["api", "response"], {})
	walk(response, [_, error])
	is_object(error)
	_is_capacity_error(event.cloud.provider, error.errorCode, "")
	some type in _types_or_unknown(_error_types(error))
}

_error_code(event) := code if {
	code := event.api.error.code
	is_string(code)
} else := format_int(event.api.error.code, 10) if {
	is_number(event.api.error.code)
} else := "unknown"

_is_capacity_error(cloud, code, _) if code in object.get(_settings.capacity_error_codes, cloud, [])

# CloudTrail writes EC2 API errors with the fault side in front (Server.InsufficientInstanceCapacity,
# Client.SpotMaxPriceTooLow); the bare code in the settings names both.
_is_capacity_error("aws", code, _) if {
	some side in ["Client.", "Server."]
	startswith(code, side)
	trim_prefix(code, side) in object.get(_settings.capacity_error_codes, "aws", [])
}

_is_capacity_error(cloud, _, message) if {
	some pattern in object.get(_settings.capacity_error_messages, cloud, [])
	contains(message, pattern)
}

_error_types(error) := {type |
	walk(error, [path, type])
	count(path) > 0
	path[count(path) - 1] in {"InstanceType", "instanceType"}
	is_string(type)
}

_types_or_unknown(types) := types if count(types) > 0

_types_or_unknown(types) := {"unknown"} if count(types) == 0

# RunInstances instanceMarketOptions.marketType, CreateFleet DefaultTargetCapacityType, GCE
# scheduling.provisioningModel / preemptible, Azure VM priority.
_spot_values := {
	"markettype": "spot",
	"defaulttargetcapacitytype": "spot",
	"provisioningmodel": "spot",
	"priority": "spot",
}

_is_spot(event) if event.api.action in {"ec2:RequestSpotInstances", "ec2:RequestSpotFleet"}

_is_spot(event) if {
	request := object.get(event, ["api", "request"], {})
	walk(request, [path, value])
	count(path) > 0
	key := lower(path[count(path) - 1])
	_is_spot_setting(key, value)
}

_is_spot_setting(key, value) if lower(value) == _spot_values[key]

_is_spot_setting("priority", value) if lower(value) == "low"

_is_spot_setting("preemptible", true)
