# METADATA
# title: Agent changed the boot script of existing instances
# description: >-
#   User data, GCE startup-script metadata and Azure script extensions run as root on the node the next
#   time it boots (or at once, for extensions). An autoscaler bakes them into the node templates it
#   launches from; rewriting them on instances that already run is how a hijacked agent plants code on
#   nodes that carry the cluster's credentials. Fires on ModifyInstanceAttribute carrying userData,
#   setMetadata / setCommonInstanceMetadata touching startup-script-like keys (settings
#   launch_config_tampered.metadata_keys), Azure extension writes of script extension types
#   (launch_config_tampered.script_extension_types) and Azure VM writes that set userData (the one boot
#   script Azure lets change after creation; customData is create-only, so it is part of a launch, and
#   the log does not tell a create from an update). When the event does not say what changed (no AWS
#   request, no GCP metadata keys, no Azure extension type) it reports too, because a boot-script change
#   cannot be ruled out. Launch templates with user data are normal node templates and are reported
#   only when launch_config_tampered.report_templates is true. Azure writes are judged on their Start
#   entry, the only one that carries the request body.
# scope: package
# custom:
#   id: SW-L4-003
#   layer: L4
#   severity: HIGH
#   cvss_base: 7.3
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1037, T1059.009]
#   stratus:
#     - aws.execution.ec2-user-data
#     - gcp.execution.modify-gce-startup-script
#     - azure.execution.vm-custom-script-extension
#   remediation: >-
#     Compare the new script with the node template; if it is not yours, restore the template's script,
#     replace the affected nodes, and rotate the agent's credentials. Remove ec2:ModifyInstanceAttribute
#     (AWS), compute.instances.setMetadata / compute.projects.setCommonInstanceMetadata (GCP) and
#     Microsoft.Compute/virtualMachines/extensions/write (Azure) from the agent's role where it does not
#     need them, or deny them (and Azure VM writes that set userData) for running instances by tag.
package scalewatch.maestro.l4.launch_config_tampered

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding

_settings := config.settings.launch_config_tampered

_script_keys contains lower(key) if some key in _settings.metadata_keys

_script_extensions contains lower(type) if some type in _settings.script_extension_types

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["userdata.modify"]
	events.is_accepted(event)
	some change in _changes(event)
	resource := activity.target(event, [["request", "instanceId"]])
	detail := concat("", [change, " on ", resource])
}

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	_settings.report_templates == true
	some event in events.of_class["template.modify"]
	events.is_accepted(event)
	fields := _template_scripts(event)
	count(fields) > 0
	resource := activity.target(event, [["request", "launchTemplateName"], ["request", "name"]])
	detail := concat("", ["wrote a node template carrying ", concat(", ", sort(fields)), ": ", resource])
}

# Azure VM writes carry userData in the Start entry's request body (properties.userData).
findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["instance.launch"]
	event.cloud.provider == "azure"
	events.is_accepted(event)
	_azure_sets_user_data(event)
	resource := activity.target(event, [])
	detail := concat("", ["set the user data of ", resource])
}

_azure_sets_user_data(event) if {
	some key, _ in object.get(event, ["api", "request", "requestbody", "properties"], {})
	lower(key) == "userdata"
}

_changes(event) := _aws_changes(event) if event.cloud.provider == "aws"

_changes(event) := _gcp_changes(event) if event.cloud.provider == "gcp"

_changes(event) := _azure_changes(event) if event.cloud.provider == "azure"

_aws_changes(event) := {"replaced the user data"} if {
	_aws_sets_user_data(event)
} else := {"changed an instance attribute without a recorded request"} if {
	count(object.get(event, ["api", "request"], {})) == 0
} else := set()

_gcp_changes(event) := {concat("", ["changed metadata ", concat(", ", sort(keys))])} if {
	keys := {key | some key in activity.gce_metadata_keys(event); lower(key) in _script_keys}
	count(keys) > 0
} else := {"changed metadata without recorded keys"} if {
	count(activity.gce_metadata_keys(event)) == 0
} else := set()

_azure_changes(event) := {concat("", ["installed the ", type, " extension"]) |
	some type in activity.azure_extension_types(event)
	lower(type) in _script_extensions
} if {
	count(activity.azure_extension_types(event)) > 0
} else := {"wrote a VM extension of unrecorded type"}

_aws_sets_user_data(event) if {
	some key, _ in object.get(event, ["api", "request"], {})
	lower(key) == "userdata"
}

_aws_sets_user_data(event) if lower(object.get(event, ["api", "request", "attribute"], "")) == "userdata"

_template_scripts(event) := {lower(key) |
	request := object.get(event, ["api", "request"], {})
	walk(request, [path, _])
	count(path) > 0
	key := path[count(path) - 1]
	is_string(key)
	lower(key) in {"userdata", "customdata"}
} | {key | some key in activity.gce_metadata_keys(event); lower(key) in _script_keys}
