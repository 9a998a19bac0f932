# METADATA
# title: Agent role assumed without an ExternalId or from an untrusted account
# description: >-
#   A SaaS vendor reaches its customers' roles with sts:AssumeRole from its own account, and the
#   ExternalId is what stops one customer (or anyone who learns the role ARN) from pointing the vendor at
#   somebody else's role: the confused deputy. An AssumeRole into the watched role without an ExternalId,
#   or (when trusted_vendor_accounts is set) from an account not on that list, is the vendor plane
#   impersonated or a trust policy that never asked for one. Judges sts:AssumeRole calls (successful or
#   denied) that ask for the watched role's credentials, by callers other than the role itself and AWS
#   services; a caller whose account the log does not state counts as untrusted. Web-identity and SAML
#   federation have no ExternalId and are judged by their trust policy (SW-L7-006). One finding per role
#   and account.
# scope: package
# custom:
#   id: SW-L7-003
#   layer: L7
#   severity: HIGH
#   cvss_base: 8.1
#   kind: event
#   clouds: [aws]
#   attack: [T1078.004, T1550.001, T1199]
#   stratus: []
#   remediation: >-
#     Add a Condition {"StringEquals": {"sts:ExternalId": "<id the vendor gave you>"}} to the role's
#     trust policy and allow only the vendor's account as principal (CAST AI's terraform-castai-eks-role-iam
#     does both); list the vendor's account in trusted_vendor_accounts. If the caller is not the vendor,
#     revoke the role's sessions (aws iam put-role-policy with an aws:TokenIssueTime deny) and investigate.
package scalewatch.maestro.l7.role_assumed_without_external_id

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.principal

findings contains finding.for_event(rego.metadata.chain(), _regionless(event), role, detail) if {
	some event in events.of_class["role.assume"]
	event.cloud.provider == "aws"
	event.api.action == "sts:AssumeRole"
	event.status in {"success", "failure"}
	role := principal.assumed_target(event)
	principal.is_watched_target(role, object.get(input, ["identity", "matcher"], "*"))
	not principal.is_service_call(event)
	lower(object.get(event, ["actor", "principal"], "")) != lower(role)
	reasons := [reason | some reason in [_external_id(event), _account(event)]; reason != ""]
	count(reasons) > 0
	detail := concat("", [
		role, " assumed by ", _caller(event), ": ", concat("; ", reasons),
		_outcome(event),
	])
}

# STS logs regional endpoints in their region; the role is one thing to fix, whatever the region.
_regionless(event) := object.union(event, {"cloud": {"region": ""}})

_external_id(event) := "no sts:ExternalId in the request" if {
	not _has_external_id(event)
} else := ""

_has_external_id(event) if {
	id := event.api.request.externalId
	is_string(id)
	id != ""
}

_account(event) := concat("", ["caller account ", caller, " is not a trusted vendor account"]) if {
	trusted := config.settings.trusted_vendor_accounts
	count(trusted) > 0
	caller := object.get(event, ["actor", "account"], "(unknown)")
	not caller in trusted
} else := ""

_caller(event) := object.get(actor, "principal", object.get(actor, "account", "an unknown caller")) if {
	actor := object.get(event, "actor", {})
}

_outcome(event) := " (denied)" if event.status == "failure"

_outcome(event) := "" if event.status != "failure"
