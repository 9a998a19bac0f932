# METADATA
# title: Agent terminated many instances in a short time
# description: >-
#   Mass termination or scale-to-zero by the agent takes workloads down (an availability incident from
#   a compromised agent or a cost goal gone wrong). Counts terminated instances (not calls) per time
#   bucket over the whole window and reports each bucket above mass_termination.max_terminations. A
#   call counts the instances it names (TerminateInstances instance ids, GCP instanceGroupManagers
#   deleteInstances instances, Azure scale-set instanceIds), at least one.
# scope: package
# custom:
#   id: SW-L4-002
#   layer: L4
#   severity: HIGH
#   cvss_base: 7.5
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1485, T1489]
#   stratus: []
#   remediation: >-
#     Check the agent's decision log for the period. Scope terminate permissions to cluster-tagged
#     instances (ec2:ResourceTag), keep PodDisruptionBudgets, and cap the agent's scale-down rate.
package scalewatch.maestro.l4.mass_termination

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.stats
import data.scalewatch.lib.text

_settings := config.settings.mass_termination

_terminations := [event |
	some event in events.of_class["instance.terminate"]
	events.is_success(event)
]

# The key ends with the instances per call, so the generic merge (which sums event counts) still
# lets the window pass add up instances: instances = sum of per-call count x calls.
# METADATA
# title: Terminations per cloud location, time bucket and instances per call
stats.l4_terminations[key] := stats.summary(evs, set()) if {
	some key in {_key(event) | some event in _terminations}
	evs := [event | some event in _terminations; _key(event) == key]
}

_buckets[bucket] contains {"per_call": _per_call(parts), "summary": summary} if {
	some key, summary in input.stats.l4_terminations
	parts := split(key, "|")
	bucket := concat("|", array.slice(parts, 0, 4))
}

findings contains finding.for_window(rego.metadata.chain(), cloud, bucket, detail, merged, counts) if {
	some bucket, entries in _buckets
	terminated := sum([n | some entry in entries; n := entry.per_call * entry.summary.count])
	terminated > _settings.max_terminations
	merged := stats.merge([entry.summary | some entry in entries])
	parts := split(bucket, "|")
	cloud := {"provider": parts[0], "account": parts[1], "region": parts[2]}
	counts := {"terminations": terminated, "calls": merged.count, "threshold": _settings.max_terminations}
	detail := concat("", [
		format_int(terminated, 10), " instances terminated within ",
		format_int(_settings.bucket_ms / 60000, 10), " minutes",
	])
}

_key(event) := concat("|", [
	event.cloud.provider, event.cloud.account, events.region(event),
	stats.bucket(event, _settings.bucket_ms), format_int(_instances(event), 10),
])

# A key without the per-call suffix (stats from before it existed) counts one instance per call.
_per_call(parts) := to_number(parts[4]) if count(parts) == 5

_per_call(parts) := 1 if count(parts) == 4

_instances(event) := max([1, count(_aws_ids(event.api) | _named(object.get(event, ["api", "request"], {})))])

_aws_ids(api) := {id |
	walk(api, [_, id])
	is_string(id)
	text.is_instance_id(id)
}

_named(request) := activity.strings_at(request, {"instances", "instanceids"})
