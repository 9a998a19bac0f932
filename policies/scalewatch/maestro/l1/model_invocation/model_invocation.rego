# METADATA
# title: Agent invoked a foundation model it is not expected to use
# description: >-
#   An autoscaler's cloud identity scales nodes; it has no business calling Bedrock, SageMaker, Vertex AI
#   or Azure OpenAI. A model call from it means its credentials run someone's prompts (LLMjacking on the
#   victim's bill) or a copilot bolted onto the agent is being steered. Fires on every model invocation
#   (attempts included: attackers probe with invalid requests first) whose model id is not on the
#   deployment's allowed_model_ids list; with no list set every invocation is reported.
# scope: package
# custom:
#   id: SW-L1-001
#   layer: L1
#   severity: MEDIUM
#   cvss_base: 6.5
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1496.004, T1078.004]
#   stratus: [aws.impact.bedrock-invoke-model, gcp.impact.invoke-vertex-ai-model]
#   remediation: >-
#     Confirm whether the agent (or a copilot built on it) is meant to call this model. If not, revoke the
#     permission (bedrock:InvokeModel*, sagemaker:InvokeEndpoint; aiplatform.endpoints.predict; the
#     Cognitive Services OpenAI data actions), rotate the agent's credentials and check model invocation
#     logs for the prompts sent. If it is, list the model ids in allowed_model_ids for this profile.
package scalewatch.maestro.l1.model_invocation

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.target

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["model.invoke"]
	not event.status == "in_progress"
	model := target.model(event)
	not _is_allowed(model)
	resource := concat("/", [events.location(event), model])
	detail := concat("", [_outcome(event), " model ", model, " in ", events.region(event)])
}

_is_allowed(model) if {
	some pattern in config.settings.allowed_model_ids
	glob.match(pattern, ["\n"], model)
}

# Bedrock model ARNs and Vertex AI resource names end in the model id an allow-list names.
_is_allowed(model) if {
	some pattern in config.settings.allowed_model_ids
	glob.match(pattern, ["\n"], target.leaf(model))
}

_outcome(event) := "tried to invoke (failed)" if events.is_failure(event)

else := "invoked"
