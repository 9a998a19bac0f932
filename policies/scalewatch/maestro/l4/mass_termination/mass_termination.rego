# METADATA
# title: Agent terminated many instances in a short time
# description: >-
#   Mass termination or scale-to-zero by the agent takes workloads down (an availability incident from
#   a compromised agent or a cost goal gone wrong). Counts terminations per time bucket over the whole
#   window and reports each bucket above mass_termination.max_terminations.
# scope: package
# custom:
#   id: SW-L4-002
#   layer: L4
#   severity: HIGH
#   cvss_base: 7.5
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1485, T1489]
#   stratus: [aws.impact.ec2-terminate-instances]
#   remediation: >-
#     Check the agent's decision log for the period. Scope terminate permissions to cluster-tagged
#     instances (ec2:ResourceTag), keep PodDisruptionBudgets, and cap the agent's scale-down rate.
package scalewatch.maestro.l4.mass_termination

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.stats

_settings := config.settings.mass_termination

_terminations := [event |
	some event in events.of_class["instance.terminate"]
	events.is_success(event)
]

# METADATA
# title: Terminations per cloud location and time bucket
stats.l4_terminations[key] := stats.summary(evs, set()) if {
	some key in {_key(event) | some event in _terminations}
	evs := [event | some event in _terminations; _key(event) == key]
}

findings contains finding.for_window(rego.metadata.chain(), cloud, key, detail, summary, counts) if {
	some key, summary in input.stats.l4_terminations
	summary.count > _settings.max_terminations
	parts := split(key, "|")
	cloud := {"provider": parts[0], "account": parts[1], "region": parts[2]}
	counts := {"terminations": summary.count, "threshold": _settings.max_terminations}
	detail := concat("", [
		format_int(summary.count, 10), " instances terminated within ",
		format_int(_settings.bucket_ms / 60000, 10), " minutes",
	])
}

_key(event) := concat("|", [
	event.cloud.provider, event.cloud.account, event.cloud.region,
	stats.bucket(event, _settings.bucket_ms),
])
