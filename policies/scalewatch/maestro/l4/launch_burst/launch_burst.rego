# METADATA
# title: Agent launched an unusual number of instances in a short time
# description: >-
#   Resource hijacking and billing exhaustion look like scaling: the agent may launch, so an attacker
#   only has to launch a lot. Counts instances (not calls) launched per cloud location and time bucket
#   over the whole window and reports each bucket above launch_burst.max_launches. The count per call is
#   the number of instance ids in the response (RunInstances, CreateFleet), else what the request asks
#   for (RunInstances maxCount, CreateFleet TotalTargetCapacity, RequestSpotInstances instanceCount, GCP
#   bulkInsert count), else one; an Azure VM write counts as one even when it updates an existing VM.
# scope: package
# custom:
#   id: SW-L4-007
#   layer: L4
#   severity: HIGH
#   cvss_base: 7.1
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1496, T1578.002]
#   stratus: [aws.execution.ec2-launch-unusual-instances, gcp.execution.gce-launch-unusual-instances]
#   remediation: >-
#     Check the agent's decision log and pending pods for the period; terminate instances no workload
#     asked for and rotate the agent's credentials if none did. Cap what the agent can start: service
#     quotas and an SCP on instance count/type (AWS), project quotas (GCP), subscription vCPU quotas and
#     Azure Policy (Azure), and the autoscaler's own node-count limits; tune launch_burst.max_launches to
#     the cluster's real peak.
package scalewatch.maestro.l4.launch_burst

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.instance
import data.scalewatch.lib.stats
import data.scalewatch.lib.text

_settings := config.settings.launch_burst

_launches := [event |
	some event in events.of_class["instance.launch"]
	events.is_success(event)
]

# The key ends with the instances per call, so the generic merge (which sums event counts) still
# lets the window pass add up instances: instances = sum of per-call count x calls.
# METADATA
# title: Launch calls per cloud location, time bucket and instances per call
stats.l4_launches[key] := stats.summary(evs, types) if {
	some key in {_key(event) | some event in _launches}
	evs := [event | some event in _launches; _key(event) == key]
	types := {type | some event in evs; some type in instance.types(event)}
}

_buckets[bucket] contains {"per_call": to_number(parts[4]), "summary": summary} if {
	some key, summary in input.stats.l4_launches
	parts := split(key, "|")
	count(parts) == 5
	bucket := concat("|", array.slice(parts, 0, 4))
}

findings contains finding.for_window(rego.metadata.chain(), cloud, bucket, detail, merged, counts) if {
	some bucket, entries in _buckets
	launched := sum([n | some entry in entries; n := entry.per_call * entry.summary.count])
	launched > _settings.max_launches
	merged := stats.merge([entry.summary | some entry in entries])
	parts := split(bucket, "|")
	cloud := {"provider": parts[0], "account": parts[1], "region": parts[2]}
	counts := {"instances": launched, "launch_calls": merged.count, "threshold": _settings.max_launches}
	detail := concat("", [
		format_int(launched, 10), " instances launched in ", format_int(merged.count, 10), " calls within ",
		format_int(_settings.bucket_ms / 60000, 10), " minutes (", concat(", ", merged.values), ")",
	])
}

_key(event) := concat("|", [
	event.cloud.provider, event.cloud.account, events.region(event),
	stats.bucket(event, _settings.bucket_ms), format_int(_instances(event), 10),
])

_instances(event) := count(ids) if {
	ids := _instance_ids(object.get(event, ["api", "response"], {}))
	count(ids) > 0
} else := max([1, sum(_requested(event))])

_instance_ids(response) := {id |
	walk(response, [_, id])
	is_string(id)
	text.is_instance_id(id)
}

_requested(event) := _aws_requested(object.get(event, ["api", "request"], {})) if event.cloud.provider == "aws"

_requested(event) := [text.count_or(object.get(event, ["api", "request", "count"], 1), 1)] if {
	event.cloud.provider != "aws"
}

# Counts come from the log, so a hostile "maxCount": "lots" is counted as one instance, never an error.
_aws_requested(request) := [text.count_or(n, 1) |
	walk(request, [path, n])
	count(path) > 0
	path[count(path) - 1] in {"maxCount", "TotalTargetCapacity", "instanceCount"}
]
