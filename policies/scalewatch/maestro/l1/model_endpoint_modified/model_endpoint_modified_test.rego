package scalewatch.maestro.l1.model_endpoint_modified_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l1.model_endpoint_modified as rule

_event(cloud, action, request, resources) := {
	"time_ms": 1732540000000,
	"cloud": cloud,
	"actor": {"principal": "castai-agent", "type": "AssumedRole"},
	"api": {"action": action, "operation": action, "request": request},
	"resources": resources,
	"status": "success",
	"metadata": {"uid": concat("-", ["e", action])},
}

_aws := {"provider": "aws", "account": "111122223333", "region": "us-east-1"}

_gcp := {"provider": "gcp", "account": "demo-project", "region": "us-central1"}

_azure := {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "eastus"}

_customization := _event(
	_aws, "bedrock:CreateModelCustomizationJob", {
		"jobName": "forecast-tune-1",
		"customModelName": "scaler-forecast-v2",
		"baseModelIdentifier": "amazon.titan-text-express-v1",
		"roleArn": "arn:aws:iam::111122223333:role/bedrock-tune",
	},
	[],
)

_vertex_endpoint := "projects/demo-project/locations/us-central1/endpoints/1234567890"

_deploy_model := _event(
	_gcp, "google.cloud.aiplatform.v1.EndpointService.DeployModel", {
		"@type": "type.googleapis.com/google.cloud.aiplatform.v1.DeployModelRequest",
		"endpoint": _vertex_endpoint,
		"deployedModel": {"model": "projects/demo-project/locations/us-central1/models/987"},
	},
	[{"type": "aiplatform.googleapis.com/Endpoint", "uid": _vertex_endpoint}],
)

_aoai_account := concat("/", [
	"/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/ai-rg",
	"providers/Microsoft.CognitiveServices/accounts/aoai-demo",
])

_list_keys := _event(
	_azure, "microsoft.cognitiveservices/accounts/listkeys/action", {},
	[{"type": "Microsoft.CognitiveServices/accounts", "uid": _aoai_account}],
)

test_findings_aws_customization_job if {
	findings := rule.findings with input.events as [_customization]
	test.assert_rule(findings, "SW-L1-003")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/us-east-1/scaler-forecast-v2"
}

test_findings_gcp_deploy_model if {
	findings := rule.findings with input.events as [_deploy_model]
	some f in findings
	f.resource == concat("/", ["gcp/demo-project/us-central1", _vertex_endpoint])
}

test_findings_azure_list_keys if {
	findings := rule.findings with input.events as [_list_keys]
	test.assert_count(findings, 1)
	some f in findings
	endswith(f.resource, "/accounts/aoai-demo")
}

test_findings_failed_attempt if {
	denied := object.union(_customization, {"status": "failure"})
	findings := rule.findings with input.events as [denied]
	some f in findings
	startswith(f.detail, "tried (failed)")
}

test_no_findings_autoscaler_day if {
	launch := _event(_aws, "ec2:CreateLaunchTemplateVersion", {"launchTemplateId": "lt-0abc"}, [])
	list := _event(_aws, "bedrock:ListFoundationModels", {}, [])
	test.assert_empty(rule.findings) with input.events as [launch, list]
}

test_no_findings_in_progress if {
	started := object.union(_list_keys, {"status": "in_progress"})
	test.assert_empty(rule.findings) with input.events as [started]
}

test_findings_missing_request_and_status if {
	bare := json.remove(_customization, ["api/request", "status"])
	findings := rule.findings with input.events as [bare]
	some f in findings
	f.resource == "aws/111122223333/us-east-1/bedrock:CreateModelCustomizationJob"
}
