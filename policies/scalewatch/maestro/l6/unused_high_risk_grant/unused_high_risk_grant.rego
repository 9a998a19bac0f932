# METADATA
# title: High-risk permission granted but never used
# description: >-
#   An autoscaler uses the same few permissions every day. A high-risk permission it holds and has not
#   used in the whole lookback (IAM rewrite or delete, assuming other roles, run-command, image sharing,
#   logging changes, secret reads, cluster admin, billing data, model use; usage.high_risk_classes) is
#   reach an attacker who takes over the agent inherits for free. Judged only once the identity history
#   covers usage.lookback_days; uses are this window's seen_permission stats plus the history's
#   seen.permission. A wildcard grant (ec2:*, Microsoft.Compute/*) is judged per high-risk permission it
#   covers. One finding per grant source (policy statement, role binding, role assignment) listing its
#   unused high-risk permissions.
# scope: package
# custom:
#   id: SW-L6-011
#   layer: L6
#   severity: MEDIUM
#   cvss_base: 5.3
#   kind: posture
#   clouds: [aws, gcp, azure]
#   attack: [T1078.004, T1098]
#   stratus: []
#   remediation: >-
#     Narrow the grant source named in the finding to what the agent uses: AWS, remove the listed actions
#     from that policy statement (or replace its wildcard with the actions used) or deny them in the
#     permissions boundary; GCP, move the binding to a custom role without the listed permissions; Azure,
#     use a custom role definition without them (or add them to notActions). Re-run after the next
#     lookback to confirm nothing the agent needs was removed.
package scalewatch.maestro.l6.unused_high_risk_grant

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.posture
import data.scalewatch.lib.stats
import data.scalewatch.lib.usage

_settings := config.settings.usage

_used := [[key, event] |
	some event in input.events
	some key in usage.used_keys(event)
]

# METADATA
# title: Permissions used successfully, per permission, with the cloud accounts they were used in
stats.seen_permission[key] := stats.summary(evs, {usage.location(event) | some event in evs}) if {
	some key in {key | some [key, _] in _used}
	evs := [event | some [k, event] in _used; k == key]
}

findings contains finding.for_posture(rego.metadata.chain(), p, source, detail, [source]) if {
	usage.history_covers
	some p in input.posture
	unused := usage.unused_high_risk(p)
	some source in {grant.source | some permission in unused; some grant in posture.allowing_grants(p, permission)}
	actions := sort({permission |
		some permission in unused
		some grant in posture.allowing_grants(p, permission)
		grant.source == source
	})
	detail := concat("", [
		"grants ", format_int(count(actions), 10), " high-risk permission(s) not used in ",
		format_int(_settings.lookback_days, 10), " days: ", _list(actions), "; narrow ", source,
	])
}

_list(items) := concat(", ", items) if {
	count(items) <= _settings.max_items
} else := concat("", [
	concat(", ", array.slice(items, 0, _settings.max_items)),
	" and ", format_int(count(items) - _settings.max_items, 10), " more",
])
