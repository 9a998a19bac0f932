package scalewatch.maestro.l3.scaling_loop_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l3.scaling_loop as rule

# 2024-11-25T13:00:00Z, aligned to the 5-minute bucket
_start := 1732539600000

_minute := 60000

_aws := {"provider": "aws", "account": "111122223333", "region": "us-east-1"}

_gcp := {"provider": "gcp", "account": "demo-project", "region": "us-central1"}

_azure := {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "eastus"}

_event(cloud, action, time_ms, n) := {
	"time_ms": time_ms,
	"cloud": cloud,
	"actor": {"principal": "castai-agent"},
	"api": {"action": action, "request": {}},
	"status": "success",
	"metadata": {"uid": sprintf("%s-%s-%d-%d", [cloud.provider, action, time_ms, n])},
}

# n calls of an action at the start of each of the given 5-minute buckets (plus a few seconds each)
_calls(cloud, action, buckets, n) := [_event(cloud, action, (_start + ((b * 5) * _minute)) + (i * 1000), i) |
	some b in buckets
	some i in numbers.range(1, n)
]

_loop(cloud, launch, terminate, buckets, n) := array.concat(
	_calls(cloud, launch, buckets, n),
	_calls(cloud, terminate, buckets, n),
)

test_stats_launches_and_terminations_per_bucket if {
	s := rule.stats with input.events as _loop(_aws, "ec2:RunInstances", "ec2:TerminateInstances", [0, 1], 4)
	test.assert_count(s.l3_scaling_launches, 2)
	s.l3_scaling_terminations[sprintf("aws|111122223333|us-east-1|%d", [_start])].count == 4
}

test_findings_aws_loop if {
	events := _loop(_aws, "ec2:RunInstances", "ec2:TerminateInstances", [0, 1, 2], 4)
	s := rule.stats with input.events as events
	findings := rule.findings with input.stats as s
	test.assert_rule(findings, "SW-L3-004")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/us-east-1"
	f.evidence.counts == {"flapping_buckets": 3, "min_flapping_buckets": 3, "launches": 12, "terminations": 12}
	count(f.evidence.event_ids) == 24
}

test_findings_gcp_mig_resize_loop if {
	events := _loop(
		_gcp, "compute.instanceGroupManagers.resize", "compute.instanceGroupManagers.deleteInstances",
		[0, 2, 4, 6], 5,
	)
	s := rule.stats with input.events as events
	findings := rule.findings with input.stats as s
	some f in findings
	f.evidence.counts.flapping_buckets == 4
}

test_findings_azure_vm_loop if {
	events := _loop(
		_azure, "microsoft.compute/virtualmachines/write", "microsoft.compute/virtualmachines/delete",
		[0, 1, 2], 4,
	)
	s := rule.stats with input.events as events
	test.assert_count(rule.findings, 1) with input.stats as s
}

test_no_findings_castai_day if {
	# three launches and three terminations every 10 minutes, for two hours
	events := _loop(_aws, "ec2:RunInstances", "ec2:TerminateInstances", numbers.range_step(0, 22, 2), 3)
	s := rule.stats with input.events as events
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_findings_one_consolidation_burst if {
	events := _loop(_aws, "ec2:RunInstances", "ec2:TerminateInstances", [0, 1], 15)
	s := rule.stats with input.events as events
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_findings_scale_out_then_in_separately if {
	events := array.concat(
		_calls(_aws, "ec2:RunInstances", [0, 1, 2], 10),
		_calls(_aws, "ec2:TerminateInstances", [3, 4, 5], 10),
	)
	s := rule.stats with input.events as events
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_double_count_of_node_object_deletes if {
	events := array.concat(
		_calls(_gcp, "compute.instances.insert", [0, 1, 2], 4),
		array.concat(
			_calls(_gcp, "compute.instances.delete", [0, 1, 2], 2),
			_calls(_gcp, "io.k8s.core.v1.nodes.delete", [0, 1, 2], 2),
		),
	)
	s := rule.stats with input.events as events
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_findings_failed_launches_or_group_deletes if {
	failed := [object.union(e, {"status": "failure"}) | some e in _calls(_aws, "ec2:RunInstances", [0, 1, 2], 4)]
	group_deletes := _calls(_aws, "eks:DeleteNodegroup", [0, 1, 2], 4)
	events := array.concat(array.concat(failed, group_deletes), _calls(_aws, "ec2:TerminateInstances", [0, 1, 2], 4))
	s := rule.stats with input.events as events
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_findings_without_stats if {
	test.assert_empty(rule.findings) with input.stats as {}
	launches_only := rule.stats with input.events as _calls(_aws, "ec2:RunInstances", [0, 1, 2], 9)
	test.assert_empty(rule.findings) with input.stats as launches_only
}

test_findings_missing_status_counts if {
	loop := _loop(_aws, "ec2:RunInstances", "ec2:TerminateInstances", [0, 1, 2], 4)
	events := [object.remove(e, ["status"]) | some e in loop]
	s := rule.stats with input.events as events
	test.assert_count(rule.findings, 1) with input.stats as s
}

test_findings_threshold_from_profile_settings if {
	events := _loop(_aws, "ec2:RunInstances", "ec2:TerminateInstances", [0, 1], 4)
	s := rule.stats with input.events as events
	test.assert_count(rule.findings, 1) with input.stats as s
		with input.config as {"scaling_loop": {"min_flapping_buckets": 2}}
}

test_no_double_count_of_aks_node_object_deletes if {
	events := array.concat(
		_calls(_azure, "microsoft.compute/virtualmachines/write", [0, 1, 2], 4),
		array.concat(
			_calls(_azure, "microsoft.compute/virtualmachines/delete", [0, 1, 2], 2),
			_calls(_azure, "k8s.nodes.delete", [0, 1, 2], 2),
		),
	)
	s := rule.stats with input.events as events
	test.assert_empty(rule.findings) with input.stats as s
}
