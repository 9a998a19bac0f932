package scalewatch.maestro.l6.unapproved_region_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.unapproved_region as rule

_regions := {"aws": ["us-east-1", "eu-west-1"], "gcp": ["europe-west4"], "azure": ["westeurope"]}

_event(cloud, region, service, action) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": region},
	"api": {"service": service, "action": action},
	"status": "success",
	"metadata": {"uid": "e-1", "read_only": false},
}

test_findings_aws_launch_in_other_region if {
	findings := rule.findings with input.events as [_event("aws", "ap-southeast-3", "ec2", "ec2:RunInstances")]
		with input.config as {"allowed_regions": _regions}
	test.assert_rule(findings, "SW-L6-005")
	some f in findings
	f.resource == "aws/123456789012/ap-southeast-3"
}

test_findings_gcp_zone_outside_allowed if {
	event := _event("gcp", "us-central1-a", "compute.googleapis.com", "compute.instances.insert")
	test.assert_count(rule.findings, 1) with input.events as [event]
		with input.config as {"allowed_regions": _regions}
}

test_findings_azure_location_with_spaces if {
	event := _event("azure", "East US", "Microsoft.Compute", "microsoft.compute/virtualmachines/write")
	test.assert_count(rule.findings, 1) with input.events as [event]
		with input.config as {"allowed_regions": _regions}
}

test_no_findings_allowed_region_and_zone if {
	events := [
		_event("aws", "eu-west-1", "ec2", "ec2:RunInstances"),
		_event("gcp", "europe-west4-b", "compute.googleapis.com", "compute.instances.insert"),
		_event("azure", "West Europe", "Microsoft.Compute", "microsoft.compute/virtualmachines/write"),
	]
	test.assert_empty(rule.findings) with input.events as events
		with input.config as {"allowed_regions": _regions}
}

test_no_findings_global_services_and_locations if {
	events := [
		_event("aws", "us-west-2", "iam", "iam:CreateRole"),
		_event("aws", "us-west-2", "iam.amazonaws.com", "iam:CreateRole"),
		_event("gcp", "us-central1", "iam.googleapis.com", "google.iam.admin.v1.CreateRole"),
		_event("azure", "global", "Microsoft.Authorization", "microsoft.authorization/roleassignments/write"),
		_event("azure", "eastus", "Microsoft.Resources", "microsoft.resources/tags/write"),
	]
	test.assert_empty(rule.findings) with input.events as events
		with input.config as {"allowed_regions": _regions}
}

test_no_findings_reads_and_failures if {
	read := object.union(_event("aws", "sa-east-1", "ec2", "ec2:DescribeInstances"), {"metadata": {"read_only": true}})
	failed := object.union(_event("aws", "sa-east-1", "ec2", "ec2:RunInstances"), {"status": "failure"})
	test.assert_empty(rule.findings) with input.events as [read, failed]
		with input.config as {"allowed_regions": _regions}
}

test_no_findings_without_allow_list if {
	test.assert_empty(rule.findings) with input.events as [_event("aws", "ap-southeast-3", "ec2", "ec2:RunInstances")]
}

test_findings_missing_read_only_judged_as_write if {
	bare := object.remove(_event("aws", "me-south-1", "ec2", "ec2:RunInstances"), ["metadata"])
	event := object.union(bare, {"metadata": {"uid": "e-9"}})
	test.assert_count(rule.findings, 1) with input.events as [event]
		with input.config as {"allowed_regions": _regions}
}

test_no_findings_missing_service_judged_by_action if {
	event := json.remove(_event("aws", "us-west-2", "iam", "iam:CreateRole"), ["api/service"])
	not event.api.service
	test.assert_empty(rule.findings) with input.events as [event]
		with input.config as {"allowed_regions": _regions}
}

test_findings_missing_service_still_judged if {
	event := json.remove(_event("aws", "me-south-1", "ec2", "ec2:RunInstances"), ["api/service"])
	test.assert_count(rule.findings, 1) with input.events as [event]
		with input.config as {"allowed_regions": _regions}
}

test_no_findings_azure_global_service_by_action if {
	event := json.remove(_event("azure", "eastus", "x", "microsoft.authorization/roleassignments/write"), ["api/service"])
	test.assert_empty(rule.findings) with input.events as [event]
		with input.config as {"allowed_regions": _regions}
}
