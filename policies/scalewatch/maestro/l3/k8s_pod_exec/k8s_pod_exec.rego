# METADATA
# title: Agent exec'd, attached or port-forwarded into a pod
# description: >-
#   A scaler evicts pods and deletes nodes; it never opens a shell in a workload. Exec, attach or
#   port-forward from the agent's identity is hands-on-keyboard use of its credentials: reading
#   application secrets from memory or mounted files, tampering with the workload, or pivoting through it.
#   Fires on every exec, attach and port-forward (over POST or the websocket GET) seen in GKE and AKS
#   audit logs, attempts included. EKS control-plane audit logs are not part of CloudTrail.
# scope: package
# custom:
#   id: SW-L3-002
#   layer: L3
#   severity: HIGH
#   cvss_base: 8.5
#   kind: event
#   clouds: [gcp, azure]
#   attack: [T1609]
#   stratus: []
#   remediation: >-
#     Find who holds the agent's credentials and what ran in the pod (container runtime logs, audit log
#     of the session), then rotate them and any secret the pod could read. Remove pods/exec, pods/attach
#     and pods/portforward from the agent's ClusterRole and container.pods.exec/attach/portForward from its
#     GKE role; on AKS keep the agent out of cluster-admin and Azure RBAC k8s writer roles.
package scalewatch.maestro.l3.k8s_pod_exec

import rego.v1

import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.target

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["k8s.exec"]
	not event.status == "in_progress"
	name := target.name(event, [])
	resource := concat("/", [events.location(event), name])
	detail := concat("", [_outcome(event), " ", event.api.action, " on ", name])
}

_outcome(event) := "tried (failed)" if events.is_failure(event)

else := "called"
