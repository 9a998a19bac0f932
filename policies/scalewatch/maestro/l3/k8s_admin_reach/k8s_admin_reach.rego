# METADATA
# title: Agent identity may administer the cluster (RBAC, CSR approval, exec)
# description: >-
#   The cloud identity of a node autoscaler needs node and node-group rights, not the power to rewrite
#   cluster RBAC, grant itself access entries, approve certificate signing requests, change admission
#   webhooks or exec into pods. Each of these turns a stolen agent credential into cluster-admin. CAST
#   AI's GKE custom role, for one, carries container.certificateSigningRequests.approve. Reports the
#   permissions of catalog class k8s.admin the identity holds (EKS access entry and policy APIs, GKE
#   container.* RBAC, CSR, webhook and exec permissions, AKS command invoke, admin credentials and Azure
#   RBAC k8s writes) with the grants behind them.
# scope: package
# custom:
#   id: SW-L3-006
#   layer: L3
#   severity: HIGH
#   cvss_base: 8.1
#   kind: posture
#   clouds: [aws, gcp, azure]
#   attack: [T1098.006, T1609, T1649]
#   stratus: [eks.lateral-movement.create-access-entry, k8s.persistence.create-client-certificate]
#   remediation: >-
#     Remove eks:CreateAccessEntry, AssociateAccessPolicy and UpdateAccessEntry from the agent's role
#     (AWS); build its GKE custom role without container.clusterRoleBindings.*, roleBindings.*,
#     clusterRoles.bind/escalate, *WebhookConfigurations.* and pods.exec/attach/portForward, and keep
#     certificateSigningRequests.approve only if it bootstraps nodes (GCP); drop
#     managedClusters/runCommand and listClusterAdminCredential and Azure RBAC k8s write data actions
#     (Azure).
package scalewatch.maestro.l3.k8s_admin_reach

import rego.v1

import data.scalewatch.lib.finding
import data.scalewatch.lib.posture

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, posture.sources(p, reach)) if {
	some p in input.posture
	reach := posture.reach(p, "k8s.admin")
	count(reach) > 0
	detail := concat("", ["may ", concat(", ", sort(reach))])
}
