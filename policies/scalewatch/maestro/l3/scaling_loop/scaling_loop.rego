# METADATA
# title: Agent is caught in a scaling loop (launching and terminating over and over)
# description: >-
#   Consolidation replaces nodes in a burst and then settles: the new nodes take the rescheduled pods
#   and the next decision finds nothing to move. A decision engine fed poisoned metrics or prices, or
#   with a logic flaw, instead undoes its own previous decision every cycle: it launches capacity,
#   finds it wasteful, terminates it, finds pods pending, launches again. Each cycle evicts pods, burns
#   money on partial billing hours and spends API quota, and it does not stop by itself. So the signal is
#   churn that repeats: per cloud location, time buckets (scaling_loop.bucket_ms) in which the agent both
#   launched (instance launches and node-group scale-ups) at least scaling_loop.min_launches times and
#   terminated instances at least scaling_loop.min_terminations times; a finding when such flapping
#   buckets number scaling_loop.min_flapping_buckets or more in the scan window. Kubernetes node-object
#   deletions are not counted on top of the VM terminations they accompany.
# scope: package
# custom:
#   id: SW-L3-004
#   layer: L3
#   severity: HIGH
#   cvss_base: 7.1
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1499, T1496]
#   stratus: []
#   remediation: >-
#     Pause the agent's automation for the cluster (CAST AI autoscaler policies off, Karpenter
#     disruption budgets to 0, cluster-autoscaler scale-down disabled) and inspect its decision log and
#     the metrics and prices it decided on for poisoned or flapping input. Set consolidation cooldowns and
#     node-group min/max bounds, and alert on node churn rate.
package scalewatch.maestro.l3.scaling_loop

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.stats
import data.scalewatch.lib.window

_settings := config.settings.scaling_loop

_launches contains event if {
	some event in events.of_class["instance.launch"]
	_counts(event)
}

# Node-group size changes are the scale-up path of ASG/MIG/VMSS-based scalers; deleting a group is not.
_launches contains event if {
	some event in events.of_class["nodegroup.scale"]
	_counts(event)
	not contains(lower(event.api.action), "delete")
}

_terminations contains event if {
	some event in events.of_class["instance.terminate"]
	_counts(event)
	not _is_kubernetes_api(event)
}

# METADATA
# title: Launches and scale-ups per cloud location and time bucket
stats.l3_scaling_launches[key] := stats.summary(evs, set()) if {
	some key in {window.key(event, _settings.bucket_ms) | some event in _launches}
	evs := [event | some event in _launches; window.key(event, _settings.bucket_ms) == key]
}

# METADATA
# title: Instance terminations per cloud location and time bucket
stats.l3_scaling_terminations[key] := stats.summary(evs, set()) if {
	some key in {window.key(event, _settings.bucket_ms) | some event in _terminations}
	evs := [event | some event in _terminations; window.key(event, _settings.bucket_ms) == key]
}

findings contains f if {
	some loc in window.locations(input.stats.l3_scaling_launches)
	flapping := _flapping_buckets(input.stats, loc)
	count(flapping) >= _settings.min_flapping_buckets
	launches := [s | some key, s in input.stats.l3_scaling_launches; key in flapping]
	terminations := [s | some key, s in input.stats.l3_scaling_terminations; key in flapping]
	summary := window.merge(array.concat(launches, terminations))
	counts := {
		"flapping_buckets": count(flapping), "min_flapping_buckets": _settings.min_flapping_buckets,
		"launches": sum([s.count | some s in launches]), "terminations": sum([s.count | some s in terminations]),
	}
	detail := _detail(counts)
	f := finding.for_window(rego.metadata.chain(), window.cloud(loc), window.resource(loc), detail, summary, counts)
}

_flapping_buckets(window_stats, loc) := {key |
	some key, launches in window_stats.l3_scaling_launches
	window.location(key) == loc
	launches.count >= _settings.min_launches
	window_stats.l3_scaling_terminations[key].count >= _settings.min_terminations
}

_detail(counts) := concat("", [
	format_int(counts.flapping_buckets, 10), " buckets of ", window.minutes(_settings.bucket_ms),
	" minutes each with at least ", format_int(_settings.min_launches, 10), " launches and ",
	format_int(_settings.min_terminations, 10), " terminations (", format_int(counts.launches, 10),
	" launches, ", format_int(counts.terminations, 10), " terminations in them): the agent keeps undoing",
	" its own scaling decisions",
])

_counts(event) if {
	not events.is_failure(event)
	not event.status == "in_progress"
}

_is_kubernetes_api(event) if startswith(event.api.action, "io.k8s.")

_is_kubernetes_api(event) if startswith(event.api.action, "k8s.")
