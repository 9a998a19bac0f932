# METADATA
# title: Agent hammered the scaling and template APIs
# description: >-
#   An autoscaler resizes node groups and writes node templates a few times an hour. Dozens of calls in
#   minutes mean its control loop has lost its footing (a logic flaw, a retry storm, a tool fed bad
#   input) or someone drives it: the cloud API throttles the account, other automation stalls, and each
#   template change can swap the image, user data or instance profile of every future node. Counts
#   node-group scaling calls (ASG, EKS node groups, MIGs, GKE node pools, VMSS, AKS agent pools) and
#   launch-template / instance-template writes, failures and throttled attempts included, per cloud
#   location and time bucket, and reports each location with buckets above scaling_api_runaway.max_calls.
# scope: package
# custom:
#   id: SW-L3-005
#   layer: L3
#   severity: MEDIUM
#   cvss_base: 5.9
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1499.003]
#   stratus: []
#   remediation: >-
#     Look at the agent's logs and decision loop for the period and pause its automation if it keeps
#     going. Check the template versions it wrote for changed images, user data or roles. Bound the agent
#     with node-group min/max sizes, API rate limits on its side, and alert on the call rate.
package scalewatch.maestro.l3.scaling_api_runaway

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.stats
import data.scalewatch.lib.window

_settings := config.settings.scaling_api_runaway

_calls contains event if {
	some class in ["nodegroup.scale", "template.modify"]
	some event in events.of_class[class]
	not event.status == "in_progress"
}

# METADATA
# title: Scaling and template API calls per cloud location and time bucket, with the actions called
stats.l3_scaling_api_calls[key] := stats.summary(evs, actions) if {
	some key in {window.key(event, _settings.bucket_ms) | some event in _calls}
	evs := [event | some event in _calls; window.key(event, _settings.bucket_ms) == key]
	actions := {event.api.action | some event in evs}
}

findings contains f if {
	some loc in window.locations(input.stats.l3_scaling_api_calls)
	hot := [s |
		some s in window.of_location(input.stats.l3_scaling_api_calls, loc)
		s.count > _settings.max_calls
	]
	count(hot) > 0
	summary := window.merge(hot)
	counts := {
		"calls": summary.count, "buckets": count(hot),
		"max_per_bucket": max([s.count | some s in hot]), "threshold": _settings.max_calls,
	}
	detail := concat("", [
		format_int(summary.count, 10), " scaling/template calls in ", format_int(count(hot), 10),
		" bucket(s) of ", window.minutes(_settings.bucket_ms), " minutes above ",
		format_int(_settings.max_calls, 10), " each: ", concat(", ", summary.values),
	])
	f := finding.for_window(rego.metadata.chain(), window.cloud(loc), window.resource(loc), detail, summary, counts)
}
