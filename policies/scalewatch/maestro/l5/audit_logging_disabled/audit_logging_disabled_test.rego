package scalewatch.maestro.l5.audit_logging_disabled_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l5.audit_logging_disabled as rule

_trail := "arn:aws:cloudtrail:us-west-2:123456789012:trail/org-trail"

_event(cloud, action, api, resources) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-west-2"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks-demo"},
	"api": object.union({"action": action}, api),
	"resources": resources,
	"status": "success",
	"metadata": {"uid": "e-1"},
}

_stop_logging := _event("aws", "cloudtrail:StopLogging", {"operation": "StopLogging", "request": {"name": _trail}}, [])

test_findings_stop_logging if {
	findings := rule.findings with input.events as [_stop_logging]
	test.assert_rule(findings, "SW-L5-001")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _trail
	f.detail == concat("", ["StopLogging ", _trail])
}

test_findings_event_selectors_use_trail_arn if {
	selectors := [{"includeManagementEvents": false, "readWriteType": "ReadOnly", "dataResources": []}]
	api := {
		"request": {"trailName": "org-trail", "eventSelectors": selectors},
		"response": {"trailARN": _trail, "eventSelectors": selectors},
	}
	findings := rule.findings with input.events as [_event("aws", "cloudtrail:PutEventSelectors", api, [])]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _trail
}

test_findings_denied_attempt if {
	denied := object.union(_stop_logging, {"status": "failure", "api": {"error": {"code": "AccessDenied"}}})
	findings := rule.findings with input.events as [denied]
	test.assert_count(findings, 1)
	some f in findings
	endswith(f.detail, "(attempt failed: AccessDenied)")
}

test_findings_gcp_delete_sink if {
	request := {"@type": "type.googleapis.com/google.logging.v2.DeleteSinkRequest", "sinkName": "projects/demo/sinks/siem"}
	event := _event("gcp", "google.logging.v2.ConfigServiceV2.DeleteSink", {"request": request}, [])
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "projects/demo/sinks/siem"
}

test_findings_gcp_audit_config_removed if {
	delta := {"action": "REMOVE", "service": "allServices", "logType": "DATA_WRITE"}
	api := {
		"request": {"resource": "projects/demo", "updateMask": "auditConfigs"},
		"response": {"serviceData": {"policyDelta": {"auditConfigDeltas": [delta]}}},
	}
	findings := rule.findings with input.events as [_event("gcp", "SetIamPolicy", api, [])]
	test.assert_count(findings, 1)
	some f in findings
	f.detail == "removed audit logs allServices:DATA_WRITE on projects/demo"
}

test_findings_azure_diagnostic_setting_delete if {
	setting := "/subscriptions/1111/resourceGroups/aks-rg/providers/Microsoft.Insights/diagnosticSettings/to-sentinel"
	event := _event("azure", "microsoft.insights/diagnosticsettings/delete", {}, [{"uid": setting}])
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == setting
}

test_findings_azure_nested_diagnostic_setting if {
	action := "microsoft.network/networksecuritygroups/providers/microsoft.insights/diagnosticsettings/write"
	test.assert_count(rule.findings, 1) with input.events as [_event("azure", action, {}, [])]
}

test_no_findings_reads_binding_changes_and_starts if {
	bindings := {"response": {"serviceData": {"policyDelta": {"bindingDeltas": [{"action": "ADD"}]}}}}
	events := [
		_event("aws", "cloudtrail:DescribeTrails", {}, []),
		_event("gcp", "SetIamPolicy", bindings, []),
		object.union(_event("azure", "microsoft.insights/diagnosticsettings/delete", {}, []), {"status": "in_progress"}),
	]
	test.assert_empty(rule.findings) with input.events as events
}

test_no_findings_gke_logging_service if {
	request := {"name": "projects/demo/locations/us-central1/clusters/prod", "loggingService": "none"}
	event := _event("gcp", "google.container.v1.ClusterManager.SetLoggingService", {"request": request}, [])
	test.assert_empty(rule.findings) with input.events as [event]
}

test_findings_missing_request if {
	event := _event("aws", "cloudtrail:StopLogging", {}, [])
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/123456789012/us-west-2"
}

test_findings_gcp_sink_disabled if {
	request := {
		"sinkName": "projects/demo/sinks/siem",
		"sink": {"name": "siem", "disabled": true},
		"updateMask": "disabled",
	}
	event := _event("gcp", "google.logging.v2.ConfigServiceV2.UpdateSink", {"request": request}, [])
	findings := rule.findings with input.events as [event]
	test.assert_rule(findings, "SW-L5-001")
	some f in findings
	f.resource == "projects/demo/sinks/siem"
}

_subnet := "https://www.googleapis.com/compute/v1/projects/demo-project/regions/us-central1/subnetworks/gke-nodes"

_subnet_patch(request) := _event(
	"gcp", "compute.subnetworks.patch", {"operation": "v1.compute.subnetworks.patch", "request": request},
	[{"type": "gce_subnetwork", "uid": _subnet}],
)

test_findings_gcp_flow_logs_turned_off if {
	findings := rule.findings with input.events as [_subnet_patch({"enableFlowLogs": false, "fingerprint": "x"})]
	test.assert_rule(findings, "SW-L5-001")
	test.assert_count(findings, 1)
	some f in findings
	f.detail == concat("", ["turned off VPC flow logs of ", _subnet])
}

test_findings_gcp_flow_logs_log_config_disabled if {
	findings := rule.findings with input.events as [_subnet_patch({"logConfig": {"enable": false}})]
	test.assert_count(findings, 1)
}

test_no_findings_gcp_subnet_patch_keeping_flow_logs if {
	events := [_subnet_patch({"enableFlowLogs": true}), _subnet_patch({"secondaryIpRanges": []}), _subnet_patch({})]
	test.assert_empty(rule.findings) with input.events as events
}
