# METADATA
# title: Agent invoked foundation models at a burst rate
# description: >-
#   Even where a profile lets the agent use a model, a flood of invocations is a denial of service on
#   the model (throttling its legitimate callers) or a billing attack run through the agent's
#   credentials. Counts model invocations (attempts included) per cloud location and time bucket over the
#   whole scan window and reports each location with buckets above
#   model_invocation_burst.max_invocations, whichever models were called.
# scope: package
# custom:
#   id: SW-L1-004
#   layer: L1
#   severity: MEDIUM
#   cvss_base: 6.5
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1496.004, T1499.003]
#   stratus: [aws.impact.bedrock-invoke-model, gcp.impact.invoke-vertex-ai-model]
#   remediation: >-
#     Find what drives the calls (agent decision loop, copilot, stolen credentials) and stop it; set
#     provisioned-throughput or quota limits on the model (Bedrock service quotas, Vertex AI quotas,
#     Azure OpenAI tokens-per-minute) and a budget alert on model spend; rotate the agent's credentials
#     if the calls are not its own.
package scalewatch.maestro.l1.model_invocation_burst

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.stats
import data.scalewatch.lib.target
import data.scalewatch.lib.window

_settings := config.settings.model_invocation_burst

_invocations := [event |
	some event in events.of_class["model.invoke"]
	not event.status == "in_progress"
]

# METADATA
# title: Model invocations per cloud location and time bucket, with the models called
stats.l1_model_invocations[key] := stats.summary(evs, models) if {
	some key in {window.key(event, _settings.bucket_ms) | some event in _invocations}
	evs := [event | some event in _invocations; window.key(event, _settings.bucket_ms) == key]
	models := {target.model(event) | some event in evs}
}

findings contains f if {
	some loc in window.locations(input.stats.l1_model_invocations)
	hot := [s |
		some s in window.of_location(input.stats.l1_model_invocations, loc)
		s.count > _settings.max_invocations
	]
	count(hot) > 0
	summary := window.merge(hot)
	counts := {
		"invocations": summary.count, "buckets": count(hot),
		"max_per_bucket": max([s.count | some s in hot]), "threshold": _settings.max_invocations,
	}
	detail := concat("", [
		format_int(summary.count, 10), " model invocations in ", format_int(count(hot), 10),
		" bucket(s) of ", window.minutes(_settings.bucket_ms), " minutes above ",
		format_int(_settings.max_invocations, 10), " each; models: ", concat(", ", summary.values),
	])
	f := finding.for_window(rego.metadata.chain(), window.cloud(loc), window.resource(loc), detail, summary, counts)
}
