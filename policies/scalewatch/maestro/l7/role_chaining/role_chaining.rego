# METADATA
# title: Agent assumed another role or impersonated another service account
# description: >-
#   An autoscaler works with the one identity it was given. When that identity assumes another role
#   (role chaining) or asks for another service account's token, the agent is spreading: into another
#   account, or onto a principal with more rights, and each hop multiplies what a compromised agent
#   reaches across connected clusters and accounts. Fires for role.assume calls (sts:AssumeRole*; GCP
#   GenerateAccessToken) made by the watched identity (its principal, one of its sessions, or its key)
#   for a role or service account other than itself, successful or denied; the detail says whether the
#   target is in another account or project. Calls AWS services make on the identity's behalf are skipped.
#   One finding per target and caller account: a cross-account AssumeRole is logged in both accounts'
#   trails (and by regional STS endpoints), and all copies are the same hop.
# scope: package
# custom:
#   id: SW-L7-004
#   layer: L7
#   severity: HIGH
#   cvss_base: 7.6
#   kind: event
#   clouds: [aws, gcp]
#   attack: [T1550.001, T1078.004, T1548]
#   stratus: [gcp.privilege-escalation.impersonate-service-accounts]
#   remediation: >-
#     Find out which role or service account was reached and what was done with it. Then remove
#     sts:AssumeRole (AWS) or iam.serviceAccounts.getAccessToken / roles/iam.serviceAccountTokenCreator
#     (GCP) from the agent, and make other roles' trust policies name their real callers instead of the
#     account root.
package scalewatch.maestro.l7.role_chaining

import rego.v1

import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.principal

findings contains finding.for_event(rego.metadata.chain(), _from_caller(event), target, detail) if {
	some event in events.of_class["role.assume"]
	event.status in {"success", "failure"}
	principal.is_watched_actor(event, object.get(input, ["identity", "matcher"], "*"))
	not principal.is_service_call(event)
	target := principal.assumed_target(event)
	not _is_self(event, target)
	detail := concat("", [
		object.get(event, ["actor", "principal"], "the agent"), " ", _verb(event), " ", target,
		_scope(event, target), _outcome(event),
	])
}

# The copy in the target account's trail carries that account as cloud.account; the caller's account
# (where the agent lives) is the same in every copy.
_from_caller(event) := object.union(event, {"cloud": {"account": _caller_account(event), "region": ""}})

_is_self(event, target) if lower(target) == lower(event.actor.principal)

_is_self(event, target) if startswith(event.actor.session, principal.assumed_role_prefix(target))

_verb(event) := "assumed" if event.cloud.provider == "aws"

_verb(event) := "obtained a token for" if event.cloud.provider != "aws"

# Where the target lives, compared with the caller's own account (or the event's, when the log does not
# say): a hop into another account or project is the spread this rule is about.
_scope(event, target) := concat("", [" in another account (", there, ")"]) if {
	there := _target_account(event, target)
	there != _caller_account(event)
} else := " in the same account" if {
	_target_account(event, target) == _caller_account(event)
} else := ""

_target_account(event, target) := principal.arn_account(target) if event.cloud.provider == "aws"

_target_account(event, target) := principal.sa_project(target) if event.cloud.provider == "gcp"

_caller_account(event) := event.actor.account if {
	is_string(event.actor.account)
} else := principal.arn_account(event.actor.principal) if {
	event.cloud.provider == "aws"
} else := principal.sa_project(event.actor.principal) if {
	event.cloud.provider == "gcp"
} else := object.get(event, ["cloud", "account"], "")

_outcome(event) := " (denied)" if event.status == "failure"

_outcome(event) := "" if event.status != "failure"
