package scalewatch.maestro.l5.detection_disabled_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l5.detection_disabled as rule

_event(cloud, action, api, resources) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks-demo"},
	"api": object.union({"action": action}, api),
	"resources": resources,
	"status": "success",
	"metadata": {"uid": "e-1"},
}

test_findings_guardduty_detector_deleted if {
	api := {"operation": "DeleteDetector", "request": {"detectorId": "12abc34d567e8fa901bc2d34e56789f0"}}
	findings := rule.findings with input.events as [_event("aws", "guardduty:DeleteDetector", api, [])]
	test.assert_rule(findings, "SW-L5-002")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "12abc34d567e8fa901bc2d34e56789f0"
	f.detail == "DeleteDetector 12abc34d567e8fa901bc2d34e56789f0"
}

test_findings_one_per_alarm if {
	api := {"operation": "DeleteAlarms", "request": {"alarmNames": ["ec2-spend-spike", "gpu-count"]}}
	findings := rule.findings with input.events as [_event("aws", "cloudwatch:DeleteAlarms", api, [])]
	test.assert_count(findings, 2)
	{f.resource | some f in findings} == {"ec2-spend-spike", "gpu-count"}
}

test_findings_config_recorder_stopped_attempt if {
	event := object.union(
		_event("aws", "config:StopConfigurationRecorder", {"request": {"configurationRecorderName": "default"}}, []),
		{"status": "failure", "api": {"error": {"code": "AccessDenied"}}},
	)
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "attempt failed: AccessDenied")
}

test_findings_gcp_alert_policy_deleted if {
	request := {"name": "projects/demo/alertPolicies/1234567890"}
	event := _event("gcp", "google.monitoring.v3.AlertPolicyService.DeleteAlertPolicy", {"request": request}, [])
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "projects/demo/alertPolicies/1234567890"
}

test_findings_azure_metric_alert_deleted if {
	alert := "/subscriptions/1111/resourceGroups/ops/providers/Microsoft.Insights/metricAlerts/vm-count"
	event := _event("azure", "microsoft.insights/metricalerts/delete", {}, [{"uid": alert}])
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == alert
}

test_no_findings_reads_and_metric_writes if {
	events := [
		_event("aws", "guardduty:GetDetector", {}, []),
		_event("aws", "cloudwatch:PutMetricData", {}, []),
		object.union(_event("azure", "microsoft.insights/metricalerts/delete", {}, []), {"status": "in_progress"}),
	]
	test.assert_empty(rule.findings) with input.events as events
}

test_findings_missing_request if {
	findings := rule.findings with input.events as [_event("aws", "securityhub:DisableSecurityHub", {}, [])]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/123456789012/us-east-1"
}

test_findings_guardduty_trusted_ip_list_added if {
	api := {"operation": "CreateIPSet", "request": {"detectorId": "12abc34d567e8fa901bc2d34e56789f0", "format": "TXT"}}
	findings := rule.findings with input.events as [_event("aws", "guardduty:CreateIPSet", api, [])]
	test.assert_rule(findings, "SW-L5-002")
	test.assert_count(findings, 1)
}
