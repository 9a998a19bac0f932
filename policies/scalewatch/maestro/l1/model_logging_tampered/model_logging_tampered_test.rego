package scalewatch.maestro.l1.model_logging_tampered_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l1.model_logging_tampered as rule

_bedrock_delete := {
	"time_ms": 1737481787000,
	"cloud": {"provider": "aws", "account": "111122223333", "region": "us-west-2"},
	"actor": {"principal": "arn:aws:iam::111122223333:role/castai-eks-demo", "type": "AssumedRole"},
	"api": {
		"service": "bedrock", "operation": "DeleteModelInvocationLoggingConfiguration",
		"action": "bedrock:DeleteModelInvocationLoggingConfiguration",
	},
	"src_endpoint": {"ip": "161.97.249.211", "user_agent": "aws-cli/2.15.0"},
	"status": "success",
	"metadata": {"uid": "28773860-a4fd-47c7-a215-6f0e6e6e532f", "log_source": "cloudtrail", "read_only": false},
}

_endpoint := "projects/demo-project/locations/us-central1/endpoints/1234567890"

_vertex_update(endpoint_patch, mask) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": "gcp", "account": "demo-project", "region": "us-central1"},
	"actor": {"principal": "castai-gke-tf-1a2b@demo-project.iam.gserviceaccount.com", "type": "ServiceAccount"},
	"api": {
		"service": "aiplatform.googleapis.com",
		"operation": "google.cloud.aiplatform.v1.EndpointService.UpdateEndpoint",
		"action": "google.cloud.aiplatform.v1.EndpointService.UpdateEndpoint",
		"request": {
			"@type": "type.googleapis.com/google.cloud.aiplatform.v1.UpdateEndpointRequest",
			"endpoint": object.union({"name": _endpoint}, endpoint_patch),
			"updateMask": mask,
		},
	},
	"resources": [{"type": "aiplatform.googleapis.com/Endpoint", "uid": _endpoint}],
	"status": "success",
	"metadata": {"uid": "gcp-update-1", "log_source": "gcp_audit"},
}

_aoai_diag := concat("/", [
	"/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/ai-rg",
	"providers/Microsoft.CognitiveServices/accounts/aoai-demo",
	"providers/microsoft.insights/diagnosticSettings/aoai-logs",
])

_azure_diag_delete(uid) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "eastus"},
	"actor": {"principal": "6f1e2c3d-0000-4a5b-9c8d-112233445566", "type": "ServicePrincipal"},
	"api": {
		"service": "Microsoft.Insights",
		"operation": "microsoft.insights/diagnosticsettings/delete",
		"action": "microsoft.insights/diagnosticsettings/delete",
	},
	"resources": [{"type": "microsoft.insights/diagnosticsettings", "uid": uid}],
	"status": "success",
	"metadata": {"uid": "azure-diag-1", "log_source": "azure_activity"},
}

test_findings_aws_bedrock_logging_deleted if {
	findings := rule.findings with input.events as [_bedrock_delete]
	test.assert_rule(findings, "SW-L1-002")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/us-west-2/bedrock:DeleteModelInvocationLoggingConfiguration"
}

test_findings_gcp_endpoint_logging_disabled if {
	patch := {"predictRequestResponseLoggingConfig": {"enabled": false, "samplingRate": 0}}
	event := _vertex_update(patch, "predictRequestResponseLoggingConfig")
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == concat("/", ["gcp/demo-project/us-central1", _endpoint])
}

test_findings_gcp_update_mask_snake_case if {
	event := _vertex_update({}, "predict_request_response_logging_config")
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_findings_azure_openai_diagnostics_deleted if {
	test.assert_count(rule.findings, 1) with input.events as [_azure_diag_delete(_aoai_diag)]
}

test_findings_failed_attempt_reported if {
	denied := object.union(_bedrock_delete, {"status": "failure", "api": {"error": {"code": "AccessDeniedException"}}})
	findings := rule.findings with input.events as [denied]
	some f in findings
	startswith(f.detail, "tried to change")
}

test_no_findings_endpoint_display_name_change if {
	event := _vertex_update({"displayName": "forecast-v2"}, "displayName")
	test.assert_empty(rule.findings) with input.events as [event]
}

test_no_findings_other_resource_diagnostics if {
	vmss := "/subscriptions/0b1f6471/resourceGroups/mc_rg/providers/Microsoft.Compute/virtualMachineScaleSets/aks-pool"
	test.assert_empty(rule.findings) with input.events as [_azure_diag_delete(vmss)]
}

test_no_findings_in_progress if {
	started := object.union(_azure_diag_delete(_aoai_diag), {"status": "in_progress"})
	test.assert_empty(rule.findings) with input.events as [started]
}

test_no_findings_gcp_update_without_request if {
	bare := json.remove(_vertex_update({}, "predictRequestResponseLoggingConfig"), ["api/request"])
	test.assert_empty(rule.findings) with input.events as [bare]
}

test_findings_aws_missing_status_reported if {
	bare := object.remove(_bedrock_delete, ["status", "src_endpoint"])
	test.assert_count(rule.findings, 1) with input.events as [bare]
}
