package scalewatch.maestro.l5.spot_fallback_failures_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l5.spot_fallback_failures as rule

_t0 := 1732540200000

_event(i, cloud, action, api, status) := {
	"time_ms": _t0 + (i * 1000),
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks-demo"},
	"api": object.union({"action": action}, api),
	"status": status,
	"metadata": {"uid": sprintf("e-%d", [i])},
}

_spot_options := {"marketType": "spot", "spotOptions": {"spotInstanceType": "one-time"}}

_ice(i) := _event(
	i, "aws", "ec2:RunInstances", {
		"request": {"instanceType": "c6i.4xlarge", "instanceMarketOptions": _spot_options},
		"error": {"code": "InsufficientInstanceCapacity", "message": "We currently do not have sufficient capacity"},
	},
	"failure",
)

_launch(i, request) := _event(
	i, "aws", "ec2:RunInstances", {
		"request": request,
		"response": {"instancesSet": {"items": [{"instanceId": sprintf("i-%017x", [i])}]}},
	},
	"success",
)

_on_demand(i) := _launch(i, {"instanceType": "m6i.4xlarge"})

_spot(i) := _launch(i, {"instanceType": "c6a.4xlarge", "instanceMarketOptions": _spot_options})

_fleet_error(type) := {
	"errorCode": "InsufficientInstanceCapacity",
	"errorMessage": "There is no Spot capacity available that matches your request.",
	"launchTemplateAndOverrides": {"overrides": {"InstanceType": type, "AvailabilityZone": "us-east-1a"}},
	"lifecycle": "spot",
}

_fleet_request := {"CreateFleetRequest": {
	"Type": "instant",
	"TargetCapacitySpecification": {"TotalTargetCapacity": 1, "DefaultTargetCapacityType": "spot"},
}}

_fleet_errors := {"errorSet": {"item": [_fleet_error("g5.xlarge"), _fleet_error("g5.2xlarge")]}}

_fleet(i) := _event(
	i, "aws", "ec2:CreateFleet", {
		"request": _fleet_request,
		"response": {"CreateFleetResponse": _fleet_errors},
	},
	"success",
)

_gce_request := {
	"machineType": "zones/us-central1-a/machineTypes/n2-standard-16",
	"scheduling": {"provisioningModel": "SPOT"},
}

_gce(i) := _event(
	i, "gcp", "compute.instances.insert", {
		"request": _gce_request,
		"error": {"code": 8, "message": "ZONE_RESOURCE_POOL_EXHAUSTED: The zone does not have enough resources available"},
	},
	"failure",
)

_vm_request := {"requestbody": {"properties": {"hardwareProfile": {"vmSize": "Standard_D8s_v5"}, "priority": "Spot"}}}

_vm(i) := _event(
	i, "azure", "microsoft.compute/virtualmachines/write", {
		"request": _vm_request,
		"error": {"code": "AllocationFailed", "message": "Allocation failed. We do not have sufficient capacity"},
	},
	"failure",
)

_bare(i) := _event(i, "aws", "ec2:RunInstances", {"error": {"code": "InsufficientInstanceCapacity"}}, "failure")

test_stats_failures_per_type if {
	s := rule.stats with input.events as [_ice(i) | some i in numbers.range(1, 10)]
	test.assert_count(s.l5_capacity_failures, 1)
	summary := s.l5_capacity_failures["aws|123456789012|us-east-1|c6i.4xlarge"]
	summary.count == 10
	summary.values == ["InsufficientInstanceCapacity"]
}

test_stats_on_demand_only if {
	events := [_on_demand(1), _spot(2), _spot(3), object.union(_on_demand(4), {"status": "failure"})]
	s := rule.stats.l5_on_demand_launches with input.events as events
	test.assert_count(s, 1)
	some summary in s
	summary.count == 1
}

test_findings_failures_with_on_demand_after if {
	failures := [_ice(i) | some i in numbers.range(1000, 1009)]
	before := [_on_demand(i) | some i in numbers.range(1, 2)]
	after := [_on_demand(i) | some i in numbers.range(1100, 1102)]
	events := array.concat(array.concat(failures, before), array.concat(after, [_spot(1200)]))
	stats := rule.stats with input.events as events
	findings := rule.findings with input.stats as stats
	test.assert_rule(findings, "SW-L5-004")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/123456789012/us-east-1/c6i.4xlarge"
	f.evidence.counts == {"capacity_failures": 10, "on_demand_launches_after": 3, "threshold": 10}
	f.detail == concat("", [
		"10 launches of c6i.4xlarge failed for capacity (InsufficientInstanceCapacity); ",
		"3 on-demand launches followed",
	])
}

test_findings_create_fleet_response_errors if {
	stats := rule.stats with input.events as [_fleet(i) | some i in numbers.range(1, 10)]
	test.assert_empty(stats.l5_on_demand_launches)
	findings := rule.findings with input.stats as stats
	test.assert_count(findings, 2)
	resources := {f.resource | some f in findings}
	resources == {"aws/123456789012/us-east-1/g5.xlarge", "aws/123456789012/us-east-1/g5.2xlarge"}
}

test_findings_gcp_zone_exhausted if {
	stats := rule.stats with input.events as [_gce(i) | some i in numbers.range(1, 10)]
	findings := rule.findings with input.stats as stats
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "gcp/123456789012/us-east-1/n2-standard-16"
}

test_findings_azure_allocation_failed if {
	stats := rule.stats with input.events as [_vm(i) | some i in numbers.range(1, 10)]
	test.assert_count(rule.findings, 1) with input.stats as stats
}

# The demo's us-west-2 hour: CloudTrail prefixes EC2 error codes with the fault side, and a spot bid
# below the market price is refused like missing capacity.
test_findings_cloudtrail_prefixed_codes if {
	server := [object.union(_ice(i), {"api": {"error": {"code": "Server.InsufficientInstanceCapacity"}}}) |
		some i in numbers.range(1, 8)
	]
	price := [object.union(_ice(i), {"api": {"error": {
		"code": "Client.SpotMaxPriceTooLow",
		"message": "Your Spot request price of 0.05 is lower than the minimum required Spot request fulfillment price.",
	}}}) |
		some i in numbers.range(9, 12)
	]
	stats := rule.stats with input.events as array.concat(server, price)
	findings := rule.findings with input.stats as stats
	test.assert_count(findings, 1)
	some f in findings
	f.evidence.counts.capacity_failures == 12
	f.detail == concat("", [
		"12 launches of c6i.4xlarge failed for capacity (Client.SpotMaxPriceTooLow, ",
		"Server.InsufficientInstanceCapacity); 0 on-demand launches followed",
	])
}

test_no_stats_for_prefixed_other_errors if {
	invalid := [object.union(_ice(i), {"api": {"error": {"code": "Client.InvalidParameterValue"}}}) |
		some i in numbers.range(1, 12)
	]
	test.assert_empty(rule.stats.l5_capacity_failures) with input.events as invalid
}

test_no_findings_below_threshold if {
	stats := rule.stats with input.events as [_ice(i) | some i in numbers.range(1, 9)]
	test.assert_empty(rule.findings) with input.stats as stats
}

test_no_stats_for_other_errors if {
	denied := [object.union(_ice(i), {"api": {"error": {"code": "Client.UnauthorizedOperation"}}}) |
		some i in numbers.range(1, 12)
	]
	test.assert_empty(rule.stats.l5_capacity_failures) with input.events as denied
}

test_no_findings_without_stats if {
	test.assert_empty(rule.findings) with input.stats as {}
}

test_findings_missing_instance_type if {
	stats := rule.stats with input.events as [_bare(i) | some i in numbers.range(1, 10)]
	findings := rule.findings with input.stats as stats
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/123456789012/us-east-1/unknown"
	f.evidence.counts.on_demand_launches_after == 0
}

test_stats_failure_by_message_or_without_code if {
	conflict := _event(
		1, "azure", "microsoft.compute/virtualmachines/write", {
			"request": _vm_request,
			"error": {"code": "Conflict", "message": "Operation failed: OverconstrainedAllocationRequest"},
		},
		"failure",
	)
	no_code := _event(
		2, "gcp", "compute.instances.insert", {
			"request": _gce_request,
			"error": {"message": "ZONE_RESOURCE_POOL_EXHAUSTED"},
		},
		"failure",
	)
	s := rule.stats.l5_capacity_failures with input.events as [conflict, no_code]
	s["azure|123456789012|us-east-1|Standard_D8s_v5"].values == ["Conflict"]
	s["gcp|123456789012|us-east-1|n2-standard-16"].values == ["unknown"]
}

_low_priority := {"requestbody": {"properties": {"priority": "Low"}}}

test_stats_spot_launches_are_not_on_demand if {
	azure_api := {"request": _low_priority}
	events := [
		_event(1, "aws", "ec2:RequestSpotInstances", {"request": {"instanceCount": 2}}, "success"),
		_event(2, "azure", "microsoft.compute/virtualmachines/write", azure_api, "success"),
		_event(3, "gcp", "compute.instances.insert", {"request": {"scheduling": {"preemptible": true}}}, "success"),
	]
	test.assert_empty(rule.stats.l5_on_demand_launches) with input.events as events
}
