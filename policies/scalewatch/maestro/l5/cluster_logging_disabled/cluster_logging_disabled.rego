# METADATA
# title: Agent turned off Kubernetes control-plane logging
# description: >-
#   The Kubernetes audit and control-plane logs are where a compromised in-cluster agent shows up:
#   exec into pods, new cluster-role bindings, secrets read. An autoscaler may update its cluster, but
#   never needs to stop those logs. Fires on calls the cloud judged (success or failed attempt) that
#   turn them off: EKS UpdateClusterConfig with clusterLogging enabled=false, GKE SetLoggingService to
#   none (or with the service not recorded), GKE UpdateCluster setting desiredLoggingService none or a
#   desiredLoggingConfig with no components, and AKS cluster writes that disable the omsagent
#   (monitoring) add-on. EKS UpdateClusterConfig without a recorded request is reported too; GKE
#   UpdateCluster and AKS writes without a body are not, since autoscalers make such calls for other
#   reasons.
# scope: package
# custom:
#   id: SW-L5-006
#   layer: L5
#   severity: HIGH
#   cvss_base: 7.1
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1562.008]
#   stratus: []
#   remediation: >-
#     Turn the control-plane log types back on (EKS logging, GKE loggingConfig components, AKS
#     monitoring add-on / diagnostic settings) and review the Kubernetes audit trail around the gap from
#     other sources. Remove eks:UpdateClusterConfig / container.clusters.update /
#     managedClusters/write from the agent's role where it does not need them.
package scalewatch.maestro.l5.cluster_logging_disabled

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.events
import data.scalewatch.lib.finding

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["cluster.modify"]
	activity.is_outcome(event)
	some change in _disables(event)
	resource := activity.target(event, [["request", "name"]])
	detail := concat("", [change, " on ", resource, activity.outcome(event)])
}

_disables(event) := _eks(object.get(event, ["api", "request"], {})) if event.api.action == "eks:UpdateClusterConfig"

_disables(event) := _set_logging_service(object.get(event, ["api", "request"], {})) if {
	endswith(event.api.action, ".ClusterManager.SetLoggingService")
}

_disables(event) := _update_cluster(object.get(event, ["api", "request", "update"], {})) if {
	endswith(event.api.action, ".ClusterManager.UpdateCluster")
}

_disables(event) := _aks_monitoring(event.api) if event.api.action == "microsoft.containerservice/managedclusters/write"

_eks(request) := {"changed the cluster config (request not recorded)"} if {
	count(request) == 0
} else := {concat("", ["turned off control-plane logs ", concat(", ", sort(types))]) |
	some setting in object.get(request, ["logging", "clusterLogging"], [])
	object.get(setting, "enabled", true) in {false, "false"}
	types := object.get(setting, "types", [])
}

_set_logging_service(request) := {"set the logging service to none"} if {
	lower(request.loggingService) == "none"
} else := {"changed the logging service (value not recorded)"} if {
	not request.loggingService
} else := set()

_update_cluster(update) := {"set the logging service to none"} if {
	lower(update.desiredLoggingService) == "none"
} else := {"turned off every logging component"} if {
	count(object.get(update, ["desiredLoggingConfig", "componentConfig", "enableComponents"], [])) == 0
	object.get(update, "desiredLoggingConfig", null) != null
} else := set()

# The add-on key is omsagent (older API versions: omsAgent); its enabled flag goes false.
_aks_monitoring(api) := {"disabled the monitoring add-on" |
	walk(api, [path, profile])
	count(path) > 1
	lower(path[count(path) - 2]) == "addonprofiles"
	lower(path[count(path) - 1]) == "omsagent"
	object.get(profile, "enabled", true) in {false, "false"}
}
