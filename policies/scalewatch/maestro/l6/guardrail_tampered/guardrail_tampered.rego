# METADATA
# title: Agent changed organisation guardrails (SCPs, org policies, Azure Policy, locks)
# description: >-
#   Service control policies, GCP organization policies, VPC Service Controls perimeters, Azure Policy
#   assignments and exemptions and resource locks are the controls that hold even when the agent's own
#   permissions are too broad. An autoscaler never edits them; a compromised one removes them before it
#   acts. Fires on every successful guardrail.modify call (AWS organizations Attach/Detach/Update/Delete
#   Policy, DisablePolicyType, LeaveOrganization; GCP SetOrgPolicy, ClearOrgPolicy, orgpolicy v2, service
#   perimeter changes; Azure policy assignments, definitions, exemptions, locks, deny assignments), one
#   finding per policy or resource changed.
# scope: package
# custom:
#   id: SW-L6-006
#   layer: L6
#   severity: CRITICAL
#   cvss_base: 8.4
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1484.001, T1562.001, T1666]
#   stratus: [azure.impact.resource-lock]
#   remediation: >-
#     Restore the guardrail from source control (SCP content and attachments; org policy; Azure Policy
#     assignment, exemption or lock) and find out why the agent could change it: the agent's identity
#     needs no organizations:*, orgpolicy.policy.set, accesscontextmanager.* or
#     Microsoft.Authorization/policy*/locks permissions. Rotate its credentials.
package scalewatch.maestro.l6.guardrail_tampered

import rego.v1

import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.principal

findings contains finding.for_event(rego.metadata.chain(), event, target, detail) if {
	some event in events.of_class["guardrail.modify"]
	events.is_success(event)
	target := _target(event)
	detail := concat("", [object.get(event, ["api", "action"], "?"), " on ", target, _attachment(event)])
}

# AWS Organizations requests name the policy (or the root whose policy type is disabled).
_target(event) := event.api.request.policyId if {
	is_string(event.api.request.policyId)
} else := event.api.request.rootId if {
	is_string(event.api.request.rootId)
} else := principal.iam_target(event)

_attachment(event) := concat("", ["; target ", event.api.request.targetId]) if {
	is_string(event.api.request.targetId)
} else := ""
