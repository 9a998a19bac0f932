# METADATA
# title: Agent changed admission webhooks or approved a certificate signing request
# description: >-
#   A mutating webhook sees and can rewrite every pod the cluster admits, and deleting a validating
#   webhook switches off policy engines such as Gatekeeper or Kyverno: both are framework-level evasion
#   and persistence. Approving a CSR mints a client certificate; for the kube-apiserver-client signer with
#   system:masters in its groups that is a permanent cluster-admin credential outside RBAC. CAST AI's GKE
#   role holds container.certificateSigningRequests.approve for node bootstrap, so kubelet signers can be
#   allowed per profile (k8s_admission.allowed_csr_signers); any other approval, and any webhook change
#   not named in k8s_admission.allowed_webhook_configurations, is reported (attempts included; a CSR
#   approval whose request is not logged counts, an explicit denial does not).
# scope: package
# custom:
#   id: SW-L3-003
#   layer: L3
#   severity: CRITICAL
#   cvss_base: 9.0
#   kind: event
#   clouds: [gcp, azure]
#   attack: [T1649, T1562.001, T1546]
#   stratus: [k8s.persistence.create-client-certificate]
#   remediation: >-
#     Delete or restore the webhook configuration and check what it injected or let through; for a CSR,
#     find the issued certificate's subject and groups and, since client certificates cannot be revoked,
#     rotate the cluster CA (GKE credential rotation, AKS certificate rotation) if it grants privileges.
#     Remove webhook write and certificatesigningrequests/approval (and signers approve) from the agent's
#     ClusterRole and container.certificateSigningRequests.approve from its GKE role unless it bootstraps
#     nodes.
package scalewatch.maestro.l3.k8s_admission_or_csr

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.target

_settings := config.settings.k8s_admission

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["k8s.webhook_modify"]
	not event.status == "in_progress"
	not _is_allowed_webhook(event)
	resource := concat("/", [events.location(event), target.name(event, [])])
	detail := concat("", [_outcome(event), " ", event.api.action, " on ", _object(event)])
}

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["k8s.csr_approve"]
	not event.status == "in_progress"
	not _is_denial(event)
	signer := object.get(event, ["api", "request", "spec", "signerName"], "unknown signer")
	not signer in _settings.allowed_csr_signers
	resource := concat("/", [events.location(event), target.name(event, [])])
	detail := concat("", [_outcome(event), " approval of CSR ", _object(event), " for ", signer, _groups(event)])
}

_object(event) := target.name(event, [["metadata", "name"]])

_is_allowed_webhook(event) if {
	some pattern in _settings.allowed_webhook_configurations
	some name in {_object(event), target.leaf(_object(event))}
	glob.match(pattern, ["\n"], name)
}

# approval.update with conditions that do not approve is a denial (or a no-op), not minting.
_is_denial(event) if {
	conditions := event.api.request.status.conditions
	count(conditions) > 0
	every condition in conditions {
		condition.type != "Approved"
	}
}

_groups(event) := concat("", [" with groups ", concat(", ", groups)]) if {
	groups := event.api.request.spec.groups
	count(groups) > 0
} else := ""

_outcome(event) := "tried (failed)" if events.is_failure(event)

else := "called"
