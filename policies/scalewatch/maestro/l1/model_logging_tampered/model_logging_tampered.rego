# METADATA
# title: Agent changed or removed model invocation logging
# description: >-
#   Model invocation logs are the only record of the prompts and responses a model served; whoever
#   abuses a model through the agent's credentials wants them gone first. The agent has no reason to
#   touch them. Fires on Bedrock Put/DeleteModelInvocationLoggingConfiguration, on a Vertex AI endpoint
#   update that changes its request-response logging, and on diagnostic-settings changes of an Azure
#   Cognitive Services or Machine Learning resource (settings model_logging.azure_model_resource_patterns);
#   attempts count. Endpoint updates that do not show their request are left to SW-L1-003, and
#   diagnostic settings of other resources to the L5 logging rules.
# scope: package
# custom:
#   id: SW-L1-002
#   layer: L1
#   severity: HIGH
#   cvss_base: 7.2
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1562.008]
#   stratus: [aws.defense-evasion.bedrock-model-invocation-logging-delete]
#   remediation: >-
#     Restore the logging configuration (Bedrock PutModelInvocationLoggingConfiguration in the region,
#     the Vertex AI endpoint's predictRequestResponseLoggingConfig, the Azure resource's diagnostic
#     setting), review the model calls made while it was off, and deny the agent
#     bedrock:*ModelInvocationLoggingConfiguration, aiplatform.endpoints.update and
#     Microsoft.Insights/diagnosticSettings/* with an SCP, custom role or Azure Policy.
package scalewatch.maestro.l1.model_logging_tampered

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.target

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in _tampering
	not event.status == "in_progress"
	name := target.name(event, [])
	resource := concat("/", [events.location(event), name])
	detail := concat("", [_outcome(event), " model invocation logging (", event.api.action, ") on ", name])
}

_tampering contains event if some event in events.of_class["model.logging_modify"]

_tampering contains event if {
	some event in events.of_class["model.modify"]
	_changes_logging_config(event.api.request)
}

_tampering contains event if {
	some event in events.of_class["logging.disable"]
	some resource in object.get(event, "resources", [])
	some pattern in config.settings.model_logging.azure_model_resource_patterns
	glob.match(pattern, ["\n"], lower(resource.uid))
}

# Vertex AI keeps request-response logging in predictRequestResponseLoggingConfig; the update mask
# names it as predict_request_response_logging_config.
_changes_logging_config(request) if {
	walk(request, [path, value])
	_names_logging_config(path, value)
}

_names_logging_config(path, _) if {
	key := path[count(path) - 1]
	is_string(key)
	_is_logging_config_word(key)
}

_names_logging_config(_, value) if {
	is_string(value)
	_is_logging_config_word(value)
}

_is_logging_config_word(text) if contains(replace(lower(text), "_", ""), "requestresponselogging")

_outcome(event) := "tried to change (failed)" if events.is_failure(event)

else := "changed"
