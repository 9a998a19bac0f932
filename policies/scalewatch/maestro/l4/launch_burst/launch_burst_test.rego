package scalewatch.maestro.l4.launch_burst_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.launch_burst as rule

_t0 := 1732540200000

_event(i, cloud, action, api) := {
	"time_ms": _t0 + (i * 1000),
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks-demo"},
	"api": object.union({"action": action}, api),
	"status": "success",
	"metadata": {"uid": sprintf("e-%d", [i])},
}

_run_instances(i, n) := _event(i, "aws", "ec2:RunInstances", {
	"request": {"instanceType": "c6i.2xlarge", "instancesSet": {"items": [{"minCount": n, "maxCount": n}]}},
	"response": {"instancesSet": {"items": [{"instanceId": sprintf("i-%017x", [(i * 1000) + k])} |
		some k in numbers.range(1, n)
	]}},
})

test_stats_count_calls_per_instances_per_call if {
	s := rule.stats.l4_launches with input.events as [_run_instances(i, 20) | some i in numbers.range(1, 3)]
	test.assert_count(s, 1)
	summary := s["aws|123456789012|us-east-1|1732540200000|20"]
	summary.count == 3
	summary.values == ["c6i.2xlarge"]
}

test_findings_instances_above_threshold if {
	stats := rule.stats with input.events as [_run_instances(i, 20) | some i in numbers.range(1, 3)]
	findings := rule.findings with input.stats as stats
	test.assert_rule(findings, "SW-L4-007")
	test.assert_count(findings, 1)
	some f in findings
	f.evidence.counts == {"instances": 60, "launch_calls": 3, "threshold": 50}
	f.cloud == {"provider": "aws", "account": "123456789012", "region": "us-east-1"}
	f.detail == "60 instances launched in 3 calls within 10 minutes (c6i.2xlarge)"
}

test_findings_mixed_call_sizes_add_up if {
	events := array.concat([_run_instances(i, 1) | some i in numbers.range(1, 11)], [_run_instances(20, 40)])
	stats := rule.stats with input.events as events
	findings := rule.findings with input.stats as stats
	test.assert_count(findings, 1)
	some f in findings
	f.evidence.counts.instances == 51
	count(f.evidence.event_ids) == 12
}

test_findings_count_from_request if {
	items := [{"imageId": "ami-0abcdef1234567890", "minCount": "1", "maxCount": "30"}]
	request := {"instanceType": "m5.large", "instancesSet": {"items": items}}
	events := [_event(i, "aws", "ec2:RunInstances", {"request": request}) | some i in numbers.range(1, 2)]
	stats := rule.stats with input.events as events
	test.assert_count(rule.findings, 1) with input.stats as stats
}

test_findings_create_fleet_capacity if {
	request := {"CreateFleetRequest": {
		"Type": "instant",
		"TargetCapacitySpecification": {"TotalTargetCapacity": 64, "DefaultTargetCapacityType": "spot"},
	}}
	stats := rule.stats with input.events as [_event(1, "aws", "ec2:CreateFleet", {"request": request})]
	test.assert_count(rule.findings, 1) with input.stats as stats
}

test_findings_gcp_bulk_insert if {
	request := {"count": "64", "instanceProperties": {"machineType": "n2-standard-8"}}
	event := _event(1, "gcp", "compute.instances.bulkInsert", {"request": request})
	stats := rule.stats with input.events as [event]
	test.assert_count(rule.findings, 1) with input.stats as stats
}

test_findings_azure_vm_writes if {
	request := {"requestbody": {"properties": {"hardwareProfile": {"vmSize": "Standard_D4s_v5"}}}}
	events := [_event(i, "azure", "microsoft.compute/virtualmachines/write", {"request": request}) |
		some i in numbers.range(1, 51)
	]
	stats := rule.stats with input.events as events
	test.assert_count(rule.findings, 1) with input.stats as stats
}

test_no_findings_normal_autoscaler_day if {
	# a few small batches every ten minutes over two hours
	events := [_run_instances(i * 150, 2) | some i in numbers.range(0, 47)]
	stats := rule.stats with input.events as events
	test.assert_empty(rule.findings) with input.stats as stats
}

test_no_findings_failed_launches if {
	failed := [object.union(_run_instances(i, 20), {"status": "failure"}) | some i in numbers.range(1, 5)]
	test.assert_empty(rule.stats.l4_launches) with input.events as failed
}

test_no_findings_without_stats if {
	test.assert_empty(rule.findings) with input.stats as {}
	test.assert_empty(rule.findings) with input.stats as {"l4_launches": {"aws|1|us-east-1|0": {"count": 99}}}
}

test_findings_missing_request_counts_one_per_call if {
	events := [_event(i, "aws", "ec2:RunInstances", {}) | some i in numbers.range(1, 51)]
	s := rule.stats.l4_launches with input.events as events
	test.assert_count(rule.findings, 1) with input.stats as {"l4_launches": s}
	every key in object.keys(s) {
		endswith(key, "|1")
	}
}

test_bucket_keys_keep_zero_padded_low_digits if {
	event := object.union(_run_instances(1, 1), {"time_ms": 1732800000123})
	s := rule.stats.l4_launches with input.events as [event]
	object.keys(s) == {"aws|123456789012|us-east-1|1732800000000|1"}
}

test_bucket_keys_of_small_times if {
	event := object.union(_run_instances(1, 1), {"time_ms": 700000})
	s := rule.stats.l4_launches with input.events as [event]
	object.keys(s) == {"aws|123456789012|us-east-1|600000|1"}
}
