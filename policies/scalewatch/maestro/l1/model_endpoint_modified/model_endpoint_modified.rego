# METADATA
# title: Agent created, redeployed or customised a model, or listed its keys
# description: >-
#   Reprogramming or backdooring a model happens through its control plane: a fine-tuning or import job,
#   a new deployment behind an endpoint, a guardrail removed, or the account keys that let anyone call it
#   from outside. An autoscaler identity never needs any of these, so each one (attempts included) is
#   either a stolen credential or a copilot being turned against its owner. Resource is the model,
#   endpoint or deployment the call names.
# scope: package
# custom:
#   id: SW-L1-003
#   layer: L1
#   severity: HIGH
#   cvss_base: 7.6
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1578, T1565, T1098.001]
#   stratus: [aws.defense-evasion.bedrock-guardrail-delete]
#   remediation: >-
#     Review what changed on the model, endpoint or deployment (custom models, provisioned throughput,
#     guardrails, deployed model versions) and roll it back; regenerate Cognitive Services keys if they
#     were listed. Remove bedrock:Create*/Update*/Delete*, sagemaker:Create*/Update*, aiplatform
#     endpoint/model write permissions and Microsoft.CognitiveServices/*/write and listKeys from the agent.
package scalewatch.maestro.l1.model_endpoint_modified

import rego.v1

import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.target

# The object each API names: Bedrock custom/provisioned models and guardrails, SageMaker endpoints,
# Vertex AI endpoints (DeployModel); Azure deployments come through the resource id.
_object_keys := [
	"customModelName", "modelName", "provisionedModelName", "endpointName", "modelId",
	"guardrailIdentifier", "endpoint", "jobName",
]

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["model.modify"]
	not event.status == "in_progress"
	name := target.name(event, _object_keys)
	resource := concat("/", [events.location(event), name])
	detail := concat("", [_outcome(event), " ", event.api.action, " on ", name])
}

_outcome(event) := "tried (failed)" if events.is_failure(event)

else := "called"
