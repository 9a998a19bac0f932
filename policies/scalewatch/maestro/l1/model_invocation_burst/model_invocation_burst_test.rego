package scalewatch.maestro.l1.model_invocation_burst_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l1.model_invocation_burst as rule

_start := 1732540200000

_invoke(cloud, action, request, i) := {
	"time_ms": _start + (i * 1000),
	"cloud": cloud,
	"actor": {"principal": "castai-agent"},
	"api": {"action": action, "request": request},
	"status": "success",
	"metadata": {"uid": sprintf("%s-%d", [cloud.provider, i])},
}

_aws := {"provider": "aws", "account": "111122223333", "region": "us-east-1"}

_gcp := {"provider": "gcp", "account": "demo-project", "region": "us-central1"}

_azure := {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "eastus"}

_bedrock(n) := [e |
	some i in numbers.range(1, n)
	e := _invoke(_aws, "bedrock:InvokeModel", {"modelId": "anthropic.claude-v2"}, i)
]

_vertex(n) := [e |
	some i in numbers.range(1, n)
	e := _invoke(
		_gcp, "google.cloud.aiplatform.v1.PredictionService.GenerateContent",
		{"model": "projects/demo-project/locations/us-central1/publishers/google/models/gemini-1.5-flash"}, i,
	)
]

_aoai(n) := [e |
	some i in numbers.range(1, n)
	e := _invoke(
		_azure, "microsoft.cognitiveservices/accounts/openai/deployments/chat/completions/action",
		{"modelDeploymentName": "gpt-4o"}, i,
	)
]

test_stats_count_per_location_and_bucket if {
	s := rule.stats.l1_model_invocations with input.events as array.concat(_bedrock(30), _vertex(5))
	test.assert_count(s, 2)
	s["aws|111122223333|us-east-1|1732540200000"].count == 30
	s["aws|111122223333|us-east-1|1732540200000"].values == ["anthropic.claude-v2"]
}

test_findings_aws_burst if {
	s := rule.stats with input.events as _bedrock(101)
	findings := rule.findings with input.stats as s
	test.assert_rule(findings, "SW-L1-004")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/us-east-1"
	f.evidence.counts.invocations == 101
	f.evidence.counts.threshold == 100
}

test_findings_gcp_and_azure_bursts if {
	s := rule.stats with input.events as array.concat(_vertex(120), _aoai(150))
	findings := rule.findings with input.stats as s
	resources := {f.resource | some f in findings}
	resources == {"gcp/demo-project/us-central1", "azure/0b1f6471-1bf0-4dda-aec3-cb9272f09590/eastus"}
}

test_findings_merge_hot_buckets_of_one_location if {
	later := [object.union(e, {"time_ms": e.time_ms + 600000, "metadata": {"uid": concat("-", ["l", e.metadata.uid])}}) |
		some e in _bedrock(110)
	]
	s := rule.stats with input.events as array.concat(_bedrock(110), later)
	findings := rule.findings with input.stats as s
	test.assert_count(findings, 1)
	some f in findings
	f.evidence.counts.buckets == 2
	f.evidence.counts.invocations == 220
	f.evidence.first_seen_ms == _start + 1000
}

test_no_findings_at_threshold if {
	s := rule.stats with input.events as _bedrock(100)
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_stats_without_model_calls if {
	launches := [object.union(e, {"api": {"action": "ec2:RunInstances", "request": {"instanceType": "m5.large"}}}) |
		some e in _bedrock(200)
	]
	test.assert_empty(rule.stats.l1_model_invocations) with input.events as launches
}

test_no_findings_without_stats if {
	test.assert_empty(rule.findings) with input.stats as {}
}

test_stats_missing_request_counts_under_action if {
	bare := [json.remove(e, ["api/request", "status"]) | some e in _bedrock(3)]
	s := rule.stats.l1_model_invocations with input.events as bare
	s["aws|111122223333|us-east-1|1732540200000"].values == ["bedrock:InvokeModel"]
}
