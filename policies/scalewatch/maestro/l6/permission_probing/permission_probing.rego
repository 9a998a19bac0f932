# METADATA
# title: Burst of denied calls across many actions (permission probing)
# description: >-
#   A working agent calls the same few APIs and is rarely denied. Someone holding its stolen credentials
#   does not know what they allow and tries: a burst of AccessDenied / PERMISSION_DENIED /
#   AuthorizationFailed over many different actions is that enumeration (and also a sign the agent's
#   decision engine is asking for things it should not). Counts denied calls (error codes per cloud in
#   access_denied_codes) per account and time bucket over the whole window and reports a bucket with at
#   least probing.min_denied denials over at least probing.min_distinct_actions distinct actions.
# scope: package
# custom:
#   id: SW-L6-004
#   layer: L6
#   severity: HIGH
#   cvss_base: 6.5
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1580, T1526, T1087.004, T1069.003]
#   stratus: [aws.discovery.ec2-enumerate-from-instance]
#   remediation: >-
#     Find where the calls came from (source IP, user agent, session) and whether the agent's software
#     made them. If not, rotate the agent's credentials (AWS: revoke active sessions of the role / delete
#     the access key; GCP: delete the service-account key; Azure: reset the client secret) and check the
#     successful calls of the same period for what the caller did obtain.
package scalewatch.maestro.l6.permission_probing

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.stats

_settings := config.settings.probing

_denied := [event |
	some event in input.events
	_is_denied(event)
]

# METADATA
# title: Denied calls per cloud account and time bucket, with the distinct actions tried
stats.l6_denied[key] := stats.summary(evs, {_action(event) | some event in evs}) if {
	some key in {_key(event) | some event in _denied}
	evs := [event | some event in _denied; _key(event) == key]
}

findings contains finding.for_window(rego.metadata.chain(), cloud, key, detail, summary, counts) if {
	some key, summary in input.stats.l6_denied
	summary.count >= _settings.min_denied
	count(summary.values) >= _settings.min_distinct_actions
	parts := split(key, "|")
	cloud := {"provider": parts[0], "account": parts[1], "region": ""}
	counts := {
		"denied": summary.count,
		"distinct_actions": count(summary.values),
		"min_denied": _settings.min_denied,
		"min_distinct_actions": _settings.min_distinct_actions,
	}
	detail := concat("", [
		format_int(summary.count, 10), " denied calls over ", format_int(count(summary.values), 10),
		" actions within ", format_int(_settings.bucket_ms / 60000, 10), " minutes: ",
		concat(", ", array.slice(summary.values, 0, 10)),
	])
}

_is_denied(event) if event.api.error.code in object.get(config.settings.access_denied_codes, event.cloud.provider, [])

# A denied call without an action name still counts (as its operation, or unknown) rather than vanishing.
_action(event) := object.get(event, ["api", "action"], object.get(event, ["api", "operation"], "unknown"))

_key(event) := concat("|", [
	event.cloud.provider, object.get(event, ["cloud", "account"], "unknown"),
	stats.bucket(event, _settings.bucket_ms),
])
