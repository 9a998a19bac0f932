package scalewatch.maestro.l5.cluster_logging_disabled_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l5.cluster_logging_disabled as rule

_gke_cluster := "projects/demo/locations/us-central1/clusters/prod"

_aks_cluster := "/subscriptions/1111/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/prod"

_event(cloud, action, api, resources) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks-demo"},
	"api": object.union({"action": action}, api),
	"resources": resources,
	"status": "success",
	"metadata": {"uid": "e-1"},
}

_eks(logging) := _event("aws", "eks:UpdateClusterConfig", {"request": {"name": "prod", "logging": logging}}, [])

_update_cluster(update) := _event(
	"gcp", "google.container.v1.ClusterManager.UpdateCluster",
	{"request": {"name": _gke_cluster, "update": update}}, [],
)

_aks(enabled) := _event(
	"azure", "microsoft.containerservice/managedclusters/write",
	{"request": {"requestbody": {"properties": {"addonProfiles": {"omsagent": {"enabled": enabled}}}}}},
	[{"type": "managedClusters", "uid": _aks_cluster}],
)

test_findings_eks_logging_off if {
	logging := {"clusterLogging": [{"types": ["api", "audit", "authenticator"], "enabled": false}]}
	findings := rule.findings with input.events as [_eks(logging)]
	test.assert_rule(findings, "SW-L5-006")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "prod"
	f.detail == "turned off control-plane logs api, audit, authenticator on prod"
}

test_findings_gke_set_logging_service_none if {
	request := {"name": _gke_cluster, "loggingService": "none"}
	event := _event("gcp", "google.container.v1.ClusterManager.SetLoggingService", {"request": request}, [])
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _gke_cluster
}

test_findings_gke_update_cluster if {
	events := [
		_update_cluster({"desiredLoggingService": "none"}),
		object.union(_update_cluster({"desiredLoggingConfig": {"componentConfig": {}}}), {"metadata": {"uid": "e-2"}}),
	]
	test.assert_count(rule.findings, 2) with input.events as events
}

test_findings_aks_monitoring_addon_off_attempt if {
	event := object.union(_aks(false), {"status": "failure", "api": {"error": {"code": "AuthorizationFailed"}}})
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _aks_cluster
	contains(f.detail, "attempt failed: AuthorizationFailed")
}

test_no_findings_logging_kept_or_other_changes if {
	events := [
		_eks({"clusterLogging": [{"types": ["api", "audit"], "enabled": true}]}),
		_event("aws", "eks:UpdateClusterConfig", {"request": {"name": "prod", "resourcesVpcConfig": {}}}, []),
		_update_cluster({"desiredNodePoolAutoscaling": {"enabled": true, "maxNodeCount": 10}}),
		_update_cluster({"desiredLoggingConfig": {"componentConfig": {"enableComponents": ["SYSTEM_COMPONENTS"]}}}),
		_event(
			"gcp", "google.container.v1.ClusterManager.SetLoggingService", {"request": {
				"name": _gke_cluster,
				"loggingService": "logging.googleapis.com/kubernetes",
			}},
			[],
		),
		_aks(true),
		_event("gcp", "google.container.v1.ClusterManager.UpdateCluster", {}, []),
		object.union(_eks({"clusterLogging": [{"types": ["audit"], "enabled": false}]}), {"status": "in_progress"}),
	]
	test.assert_empty(rule.findings) with input.events as events
}

test_findings_missing_request if {
	events := [
		_event("aws", "eks:UpdateClusterConfig", {}, []),
		_event("gcp", "google.container.v1.ClusterManager.SetLoggingService", {"request": {"name": _gke_cluster}}, []),
	]
	findings := rule.findings with input.events as events
	test.assert_count(findings, 2)
	details := {f.detail | some f in findings}
	details == {
		"changed the cluster config (request not recorded) on aws/123456789012/us-east-1",
		concat("", ["changed the logging service (value not recorded) on ", _gke_cluster]),
	}
}
