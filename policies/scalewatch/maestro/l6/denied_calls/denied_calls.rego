# METADATA
# title: Denied calls in the window, and what was asked for without a grant
# description: >-
#   A working autoscaler is rarely refused. Many denied calls in one scan window (usage.min_denied), or
#   denied calls over many different permissions (usage.min_denied_actions), mean the agent, or someone
#   with its credentials, is asking for what it may not do: enumeration of a stolen credential, or an
#   agent whose decisions drifted outside its job. Unlike SW-L6-004 (a burst within one time bucket,
#   both thresholds at once) this judges the whole window and compares each denied permission with the
#   posture: "used but not granted" (no grant at all) versus "granted but refused" (a condition,
#   boundary, SCP or resource policy stopped it). Reads the seen_denied_action stats, which also feed
#   the identity history.
# scope: package
# custom:
#   id: SW-L6-013
#   layer: L6
#   severity: MEDIUM
#   cvss_base: 5.3
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1580, T1526, T1087.004, T1069.003]
#   stratus: [aws.discovery.ec2-enumerate-from-instance]
#   remediation: >-
#     Look at the evidence events: source IP, user agent and session of the denied calls. If the agent's
#     own software made them, the "not granted" list is what it tried to do beyond its grants (fix its
#     configuration or, if it needs them, grant them narrowly); if not, treat the credential as stolen:
#     AWS revoke the role's active sessions or delete the access key, GCP delete the service-account key,
#     Azure reset the client secret, and review the successful calls of the same period.
package scalewatch.maestro.l6.denied_calls

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.posture
import data.scalewatch.lib.stats
import data.scalewatch.lib.usage

_settings := config.settings.usage

_denied := [[key, event] |
	some event in input.events
	some key in usage.denied_keys(event)
]

# METADATA
# title: Denied calls per permission asked for, with the cloud accounts they were made in
stats.seen_denied_action[key] := stats.summary(evs, {usage.location(event) | some event in evs}) if {
	some key in {key | some [key, _] in _denied}
	evs := [event | some [k, event] in _denied; k == key]
}

findings contains finding.for_window(rego.metadata.chain(), cloud, _resource(parts[1]), detail, summary, counts) if {
	some account in {usage.account_of(value) | some s in input.stats.seen_denied_action; some value in s.values}
	entries := {key: s |
		some key, s in input.stats.seen_denied_action
		account in {usage.account_of(value) | some value in s.values}
	}
	summary := stats.merge([s | some s in entries])
	_many(summary.count, count(entries))
	parts := split(account, "|")
	cloud := {"provider": parts[0], "account": parts[1], "region": ""}
	postures := [p | some p in input.posture; p.cloud == parts[0]]
	not_granted := sort({key | some key, _ in entries; not _granted(postures, key)})
	refused := sort({key | some key, _ in entries; _granted(postures, key)})
	counts := {
		"denied": summary.count,
		"distinct_actions": count(entries),
		"not_granted": count(not_granted),
		"granted_but_refused": count(refused),
		"min_denied": _settings.min_denied,
		"min_denied_actions": _settings.min_denied_actions,
	}
	detail := concat("", [
		format_int(summary.count, 10), " denied calls over ", format_int(count(entries), 10),
		" permissions in the window; ", _judged(postures, not_granted, refused),
	])
}

_many(denied, _) if denied >= _settings.min_denied

_many(_, distinct) if distinct >= _settings.min_denied_actions

_granted(postures, permission) if {
	some p in postures
	posture.allows(p, permission)
}

_judged(postures, _, _) := "no posture loaded for this cloud, so granted or not is unknown" if count(postures) == 0

_judged(postures, not_granted, refused) := concat("; ", [text |
	some [label, items] in [["used but not granted: ", not_granted], ["granted but refused: ", refused]]
	count(items) > 0
	text := concat("", [label, _list(items)])
]) if {
	count(postures) > 0
}

_resource(account) := input.identity.matcher if {
	not input.identity.matcher in {"", "*"}
} else := account

_list(items) := concat(", ", items) if {
	count(items) <= _settings.max_items
} else := concat("", [
	concat(", ", array.slice(items, 0, _settings.max_items)),
	" and ", format_int(count(items) - _settings.max_items, 10), " more",
])
