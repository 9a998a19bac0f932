package scalewatch.maestro.l5.audit_logging_gap_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l5.audit_logging_gap as rule

_role := "arn:aws:iam::111122223333:role/castai-eks-demo"

_trail_arn := "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail"

_posture(cloud, identity, account, logging) := {
	"cloud": cloud, "identity": identity, "account": account, "grants": [], "trust": [], "credentials": [],
	"tags": {}, "logging": logging,
}

_trail(name, enabled, captures) := {
	"kind": "trail", "name": name, "enabled": enabled, "captures": captures, "exempted": [],
	"destination": "org-cloudtrail-logs", "regions": ["eu-west-1"],
}

_aws(sources) := _posture("aws", _role, "111122223333", {"regions": ["eu-west-1"], "read_from": [], "sources": sources})

test_aws_no_trail_in_region_fires if {
	findings := rule.findings with input.posture as [_aws([])]
	test.assert_rule(findings, "SW-L5-008")
	test.assert_count(findings, 1)
	some f in findings
	f.kind == "missing"
	f.resource == "cloudtrail:111122223333:eu-west-1"
	startswith(f.detail, "no trail covers the region in eu-west-1")
}

test_aws_stopped_trail_fires_for_region_and_trail if {
	stopped := _trail(_trail_arn, false, ["management_read", "management_write"])
	findings := rule.findings with input.posture as [_aws([stopped])]
	test.assert_count(findings, 2)
	{f.resource | some f in findings} == {"cloudtrail:111122223333:eu-west-1", _trail_arn}
	some f in findings
	f.resource == _trail_arn
	contains(f.detail, "IsLogging false")
}

test_aws_trail_without_management_writes_fires if {
	findings := rule.findings with input.posture as [_aws([_trail(_trail_arn, true, ["management_read"])])]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "no trail that is logging records management write")
	f.evidence.sources == [_trail_arn]
}

test_aws_logging_trail_with_writes_is_silent if {
	sources := [
		_trail(_trail_arn, true, ["management_read", "management_write"]),
		_trail("arn:aws:cloudtrail:eu-west-1:111122223333:trail/data-events", true, []),
	]
	test.assert_empty(rule.findings) with input.posture as [_aws(sources)]
}

test_aws_one_of_two_trails_stopped_fires_only_for_that_trail if {
	stopped := "arn:aws:cloudtrail:eu-west-1:111122223333:trail/local"
	sources := [_trail(_trail_arn, true, ["management_write"]), _trail(stopped, false, ["management_write"])]
	findings := rule.findings with input.posture as [_aws(sources)]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == stopped
}

test_aws_each_judged_region_needs_its_own_trail if {
	# A single-region trail of eu-west-1 leaves us-east-1 uncovered.
	p := _posture("aws", _role, "111122223333", {
		"regions": ["eu-west-1", "us-east-1"],
		"read_from": [],
		"sources": [_trail(_trail_arn, true, ["management_read", "management_write"])],
	})
	findings := rule.findings with input.posture as [p]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "cloudtrail:111122223333:us-east-1"
}

test_aws_trail_stopped_detail_names_its_regions if {
	multi := object.union(_trail(_trail_arn, false, ["management_write"]), {"regions": ["eu-west-1", "us-east-1"]})
	p := _posture("aws", _role, "111122223333", {"regions": ["eu-west-1", "us-east-1"], "sources": [multi]})
	findings := rule.findings with input.posture as [p]
	test.assert_count(findings, 3)
	some f in findings
	f.resource == _trail_arn
	contains(f.detail, "covers eu-west-1, us-east-1 but")
}

test_logging_not_collected_is_silent if {
	p := json.remove(_aws([]), ["logging"])
	test.assert_empty(rule.findings) with input.posture as [p]
	test.assert_empty(rule.findings) with input as {"events": []}
}

_sa := "castai-gke@demo-project-123456.iam.gserviceaccount.com"

_audit(service, log_type, exempted) := {
	"kind": "audit_config",
	"name": service,
	"enabled": true,
	"captures": [log_type],
	"exempted": exempted,
}

_gcp(sources) := _posture("gcp", _sa, "demo-project-123456", {"read_from": [], "sources": sources})

test_gcp_no_data_access_logs_fires if {
	findings := rule.findings with input.posture as [_gcp([])]
	test.assert_rule(findings, "SW-L5-008")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "projects/demo-project-123456/auditConfigs"
	f.cloud == {"provider": "gcp", "account": "demo-project-123456", "region": ""}
	contains(f.detail, "compute.googleapis.com:admin_read")
	contains(f.detail, "iam.googleapis.com:data_write")
}

test_gcp_all_services_config_is_silent if {
	sources := [_audit("allServices", "admin_read", []), _audit("allServices", "data_write", [])]
	test.assert_empty(rule.findings) with input.posture as [_gcp(sources)]
}

test_gcp_one_service_missing_names_only_it if {
	sources := [
		_audit("allServices", "admin_read", []),
		_audit("compute.googleapis.com", "data_write", []),
		_audit("container.googleapis.com", "data_write", []),
	]
	findings := rule.findings with input.posture as [_gcp(sources)]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "for iam.googleapis.com:data_write:")
	not contains(f.detail, "compute")
}

test_gcp_identity_exempted_fires if {
	sources := [
		_audit("allServices", "admin_read", [concat("", ["serviceAccount:", _sa])]),
		_audit("allServices", "data_write", ["user:alice@example.com"]),
	]
	findings := rule.findings with input.posture as [_gcp(sources)]
	test.assert_count(findings, 1)
	some f in findings
	endswith(f.resource, concat("", ["exemptedMembers/serviceAccount:", _sa]))
	contains(f.detail, "allServices:admin_read")
}

_sub := "8f0e1d2c-3b4a-4596-8786-a5b4c3d2e1f0"

_workspace := "5d7c1a9e-2b3f-4c6d-8e0a-1b2c3d4e5f60"

_sp := "0b1c2d3e-4f50-4a6b-9c7d-8e9f0a1b2c3d"

_setting(name, captures, destination) := {
	"kind": "diagnostic_setting", "name": name, "enabled": true, "captures": captures, "exempted": [],
	"destination": destination,
}

_azure_base := _posture("azure", _sp, _sub, {})

_azure(sources) := object.union(_azure_base, {"logging": {"read_from": [_workspace], "sources": sources}})

test_azure_no_diagnostic_setting_fires if {
	findings := rule.findings with input.posture as [_azure([])]
	test.assert_rule(findings, "SW-L5-008")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == concat("", ["/subscriptions/", _sub, "/providers/Microsoft.Insights/diagnosticSettings"])
	startswith(f.detail, "no diagnostic setting exports the activity log")
}

test_azure_setting_to_other_workspace_fires if {
	sources := [_setting("to-sentinel", ["administrative", "security"], "11111111-2222-4333-8444-555555555555")]
	findings := rule.findings with input.posture as [_azure(sources)]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "exports administrative to workspace")
	contains(f.detail, "to-sentinel")
}

test_azure_setting_without_administrative_fires if {
	findings := rule.findings with input.posture as [_azure([_setting("policy-only", ["policy"], _workspace)])]
	test.assert_count(findings, 1)
}

test_azure_setting_to_read_workspace_is_silent if {
	sources := [_setting("activity-to-law", ["administrative", "policy"], upper(_workspace))]
	test.assert_empty(rule.findings) with input.posture as [_azure(sources)]
}

test_azure_no_read_workspace_known_any_destination_counts if {
	p := _posture("azure", _sp, _sub, {"read_from": [], "sources": [_setting("s", ["administrative"], "")]})
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_azure_destination_missing_is_not_the_read_workspace if {
	s := json.remove(_setting("s", ["administrative"], ""), ["destination"])
	test.assert_count(rule.findings, 1) with input.posture as [_azure([s])]
}
