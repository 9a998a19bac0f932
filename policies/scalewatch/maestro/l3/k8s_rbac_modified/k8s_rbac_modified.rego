# METADATA
# title: Agent changed Kubernetes RBAC
# description: >-
#   A node autoscaler drains and deletes nodes; it has no reason to create or change roles, role
#   bindings or EKS access entries. An agent that does is being used to grant someone (or itself)
#   cluster-admin, the classic path from a compromised in-cluster controller or a stolen agent
#   credential to the whole cluster. Fires on every RBAC change by the agent, attempts included
#   (EKS access entries and access policies, GKE and AKS role and binding writes, bind and escalate).
# scope: package
# custom:
#   id: SW-L3-001
#   layer: L3
#   severity: CRITICAL
#   cvss_base: 8.8
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1098.006, T1078.004]
#   stratus: [eks.lateral-movement.create-access-entry, k8s.persistence.create-admin-clusterrole]
#   remediation: >-
#     Delete the binding, role or access entry the agent created and review who it grants. Take
#     create/update/patch on roles and bindings, bind and escalate out of the agent's ClusterRole, and
#     eks:CreateAccessEntry / AssociateAccessPolicy out of its IAM role (container.clusterRoleBindings.* and
#     container.roleBindings.* on GKE, Azure RBAC k8s write data actions on AKS).
package scalewatch.maestro.l3.k8s_rbac_modified

import rego.v1

import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.target

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["k8s.rbac_modify"]
	not event.status == "in_progress"
	name := target.name(event, ["principalArn"])
	resource := concat("/", [events.location(event), name])
	detail := concat("", [_outcome(event), " ", event.api.action, " on ", name, _grants(event)])
}

# What the change grants: the role a binding refers to, or the EKS access policy.
_grants(event) := concat("", [" granting ", roles[0]]) if {
	roles := [role |
		some path in [["roleRef", "name"], ["policyArn"]]
		role := object.get(event, array.concat(["api", "request"], path), "")
		is_string(role)
		role != ""
	]
	count(roles) > 0
} else := ""

_outcome(event) := "tried (failed)" if events.is_failure(event)

else := "called"
