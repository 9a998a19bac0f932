package scalewatch.maestro.l1.model_invocation_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l1.model_invocation as rule

_bedrock := {
	"time_ms": 1732540000000,
	"time": "2024-11-25T13:06:40Z",
	"cloud": {"provider": "aws", "account": "111122223333", "region": "us-east-1"},
	"actor": {
		"principal": "arn:aws:iam::111122223333:role/castai-eks-demo", "type": "AssumedRole",
		"session": "arn:aws:sts::111122223333:assumed-role/castai-eks-demo/castai-1732539000",
		"credential_id": "ASIAEXAMPLEEXAMPLE01",
	},
	"api": {
		"service": "bedrock", "operation": "InvokeModel", "action": "bedrock:InvokeModel",
		"request": {"modelId": "anthropic.claude-v2"},
	},
	"src_endpoint": {"ip": "198.51.100.23", "user_agent": "Boto3/1.34.11 md/Botocore#1.34.11"},
	"resources": [{
		"type": "AWS::Bedrock::Model",
		"uid": "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2",
	}],
	"status": "success",
	"metadata": {"uid": "0b7c7d1e-1111-4c36-8f55-6a9d8b3f0a01", "log_source": "cloudtrail", "read_only": true},
}

_vertex := {
	"time_ms": 1732540060000,
	"cloud": {"provider": "gcp", "account": "demo-project", "region": "us-central1"},
	"actor": {"principal": "castai-gke-tf-1a2b@demo-project.iam.gserviceaccount.com", "type": "ServiceAccount"},
	"api": {
		"service": "aiplatform.googleapis.com",
		"operation": "google.cloud.aiplatform.v1.PredictionService.GenerateContent",
		"action": "google.cloud.aiplatform.v1.PredictionService.GenerateContent",
		"request": {
			"@type": "type.googleapis.com/google.cloud.aiplatform.v1.GenerateContentRequest",
			"model": "projects/demo-project/locations/us-central1/publishers/google/models/gemini-1.5-pro-002",
		},
	},
	"resources": [{
		"type": "audited_resource",
		"uid": "projects/demo-project/locations/us-central1/publishers/google/models/gemini-1.5-pro-002",
	}],
	"status": "success",
	"metadata": {"uid": "1xk2f9e4abcd", "log_source": "gcp_audit", "read_only": true},
}

_aoai_account := concat("/", [
	"/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/ai-rg",
	"providers/Microsoft.CognitiveServices/accounts/aoai-demo",
])

_azure_openai := {
	"time_ms": 1732540120000,
	"cloud": {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "eastus"},
	"actor": {"principal": "6f1e2c3d-0000-4a5b-9c8d-112233445566", "type": "ServicePrincipal"},
	"api": {
		"service": "Microsoft.CognitiveServices",
		"operation": "microsoft.cognitiveservices/accounts/openai/deployments/chat/completions/action",
		"action": "microsoft.cognitiveservices/accounts/openai/deployments/chat/completions/action",
		"request": {"modelDeploymentName": "gpt-4o", "modelName": "gpt-4o", "modelVersion": "2024-05-13"},
	},
	"resources": [{"type": "Microsoft.CognitiveServices/accounts", "uid": _aoai_account}],
	"status": "success",
	"metadata": {"uid": "a3c0e2d4-5f60-4e1b-9a11-0c9e8b7a6f50", "log_source": "azure_activity"},
}

test_findings_aws_bedrock_invoke if {
	findings := rule.findings with input.events as [_bedrock]
	test.assert_rule(findings, "SW-L1-001")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/us-east-1/anthropic.claude-v2"
	f.evidence.event_ids == ["0b7c7d1e-1111-4c36-8f55-6a9d8b3f0a01"]
}

test_findings_gcp_vertex_generate_content if {
	findings := rule.findings with input.events as [_vertex]
	test.assert_count(findings, 1)
	some f in findings
	endswith(f.resource, "/publishers/google/models/gemini-1.5-pro-002")
}

test_findings_azure_openai_chat if {
	findings := rule.findings with input.events as [_azure_openai]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "azure/0b1f6471-1bf0-4dda-aec3-cb9272f09590/eastus/gpt-4o"
}

test_findings_failed_attempt_reported if {
	denied := object.union(_bedrock, {"status": "failure", "api": {"error": {"code": "ValidationException"}}})
	findings := rule.findings with input.events as [denied]
	test.assert_count(findings, 1)
	some f in findings
	startswith(f.detail, "tried to invoke")
}

test_findings_repeated_calls_one_resource if {
	second := object.union(_bedrock, {"time_ms": 1732540300000, "metadata": {"uid": "second"}})
	test.assert_count(rule.findings, 2) with input.events as [_bedrock, second]
	resources := {f.resource | some f in rule.findings} with input.events as [_bedrock, second]
	count(resources) == 1
}

test_no_findings_allowed_model if {
	test.assert_empty(rule.findings) with input.events as [_bedrock, _vertex]
		with input.config as {"allowed_model_ids": ["anthropic.claude-v2", "gemini-1.5-*"]}
}

test_no_findings_autoscaler_day if {
	launch := object.union(_bedrock, {"api": {
		"service": "ec2", "operation": "RunInstances", "action": "ec2:RunInstances",
		"request": {"instanceType": "m5.large"},
	}})
	test.assert_empty(rule.findings) with input.events as [launch]
}

test_no_findings_in_progress if {
	started := object.union(_azure_openai, {"status": "in_progress"})
	test.assert_empty(rule.findings) with input.events as [started]
}

test_findings_missing_model_fields_fall_back_to_action if {
	bare := json.remove(_bedrock, ["api/request", "resources", "status"])
	findings := rule.findings with input.events as [bare]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/us-east-1/bedrock:InvokeModel"
}
