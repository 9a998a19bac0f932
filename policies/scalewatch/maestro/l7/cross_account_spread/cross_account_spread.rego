# METADATA
# title: Agent acted in more accounts, projects or subscriptions than expected
# description: >-
#   One autoscaler identity serves the clusters of one account, project or subscription. Activity of the
#   same identity across more of them means its credentials are reused or stolen and a compromise cascades
#   across connected clusters and accounts. Collects the distinct accounts the identity called in over
#   the whole window (per cloud) and reports when there are more than spread.max_accounts. Calls whose
#   account the log does not state are left out (they show no account to spread to). Raise the limit for
#   a deployment where one identity legitimately spans several (GKE Shared VPC host projects, an Azure
#   service principal for several subscriptions).
# scope: package
# custom:
#   id: SW-L7-005
#   layer: L7
#   severity: HIGH
#   cvss_base: 7.4
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1078.004, T1021.007]
#   stratus: []
#   remediation: >-
#     Confirm which accounts the agent is meant to serve. For the others, find how it got there
#     (role chaining, a reused key, a role binding in another project) and remove that path; give every
#     account or cluster its own agent identity so one compromise stays in one place.
package scalewatch.maestro.l7.cross_account_spread

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.stats

_placed := [event |
	some event in input.events
	is_string(event.cloud.account)
	event.cloud.account != ""
]

# METADATA
# title: Accounts, projects or subscriptions the identity acted in, per cloud
stats.l7_accounts[cloud] := stats.summary(evs, {event.cloud.account | some event in evs}) if {
	some cloud in {event.cloud.provider | some event in _placed}
	evs := [event | some event in _placed; event.cloud.provider == cloud]
}

findings contains finding.for_window(rego.metadata.chain(), location, resource, detail, summary, counts) if {
	max_accounts := config.settings.spread.max_accounts
	some cloud, summary in input.stats.l7_accounts
	count(summary.values) > max_accounts
	location := {"provider": cloud, "account": "multiple", "region": ""}
	resource := concat("", [cloud, ":accounts"])
	counts := {"accounts": count(summary.values), "max_accounts": max_accounts, "events": summary.count}
	detail := concat("", [
		"acted in ", format_int(count(summary.values), 10), " accounts (at most ",
		format_int(max_accounts, 10), " expected): ", concat(", ", array.slice(summary.values, 0, 20)),
	])
}
