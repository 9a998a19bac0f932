package scalewatch.maestro.l3.scaling_api_runaway_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l3.scaling_api_runaway as rule

_start := 1732539600000

_aws := {"provider": "aws", "account": "111122223333", "region": "us-east-1"}

_gcp := {"provider": "gcp", "account": "demo-project", "region": "us-central1"}

_azure := {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "eastus"}

_calls(cloud, action, offset_ms, n) := [{
	"time_ms": (_start + offset_ms) + (i * 1000),
	"cloud": cloud,
	"actor": {"principal": "castai-agent"},
	"api": {"action": action, "request": {}},
	"status": "success",
	"metadata": {"uid": sprintf("%s-%s-%d-%d", [cloud.provider, action, offset_ms, i])},
} |
	some i in numbers.range(1, n)
]

test_stats_count_calls_with_actions if {
	events := array.concat(
		_calls(_aws, "autoscaling:UpdateAutoScalingGroup", 0, 10),
		_calls(_aws, "ec2:CreateLaunchTemplateVersion", 0, 5),
	)
	s := rule.stats.l3_scaling_api_calls with input.events as events
	summary := s[sprintf("aws|111122223333|us-east-1|%d", [_start])]
	summary.count == 15
	summary.values == ["autoscaling:UpdateAutoScalingGroup", "ec2:CreateLaunchTemplateVersion"]
}

test_findings_aws_runaway if {
	events := array.concat(
		_calls(_aws, "autoscaling:SetDesiredCapacity", 0, 25),
		_calls(_aws, "ec2:CreateLaunchTemplateVersion", 0, 10),
	)
	s := rule.stats with input.events as events
	findings := rule.findings with input.stats as s
	test.assert_rule(findings, "SW-L3-005")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/us-east-1"
	f.evidence.counts == {"calls": 35, "buckets": 1, "max_per_bucket": 35, "threshold": 30}
}

test_findings_gcp_node_pool_and_azure_agent_pool if {
	events := array.concat(
		_calls(_gcp, "google.container.v1.ClusterManager.SetNodePoolSize", 0, 31),
		_calls(_azure, "microsoft.containerservice/managedclusters/agentpools/write", 0, 40),
	)
	s := rule.stats with input.events as events
	findings := rule.findings with input.stats as s
	{f.resource | some f in findings} == {
		"gcp/demo-project/us-central1",
		"azure/0b1f6471-1bf0-4dda-aec3-cb9272f09590/eastus",
	}
}

test_findings_throttled_attempts_count if {
	throttled := [object.union(e, {"status": "failure", "api": {"error": {"code": "Throttling"}}}) |
		some e in _calls(_aws, "autoscaling:UpdateAutoScalingGroup", 0, 31)
	]
	s := rule.stats with input.events as throttled
	test.assert_count(rule.findings, 1) with input.stats as s
}

test_no_findings_castai_hour if {
	# a few node-group updates and template versions per hour, spread over six buckets
	events := [e |
		some b in numbers.range(0, 5)
		some e in array.concat(
			_calls(_aws, "autoscaling:UpdateAutoScalingGroup", b * 600000, 2),
			_calls(_aws, "ec2:CreateLaunchTemplateVersion", b * 600000, 1),
		)
	]
	s := rule.stats with input.events as events
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_findings_at_threshold_and_in_progress if {
	writes := _calls(_azure, "microsoft.compute/virtualmachinescalesets/write", 0, 30)
	started := [object.union(e, {"status": "in_progress"}) | some e in writes]
	events := array.concat(writes, started)
	s := rule.stats with input.events as events
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_findings_without_stats if {
	test.assert_empty(rule.findings) with input.stats as {}
}

test_findings_missing_status_counts if {
	events := [object.remove(e, ["status"]) | some e in _calls(_gcp, "compute.instanceGroupManagers.resize", 0, 31)]
	s := rule.stats with input.events as events
	test.assert_count(rule.findings, 1) with input.stats as s
}
