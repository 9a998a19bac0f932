# METADATA
# title: Agent added SSH key material
# description: >-
#   Nodes launched by an autoscaler are reached through the cluster, not over SSH. A key pair the agent
#   creates or imports, a key it pushes through EC2 Instance Connect or the serial console, ssh-keys it
#   writes into GCE instance or project metadata, an OS Login key, an Azure SSH public key resource or a
#   VMAccess extension (which resets SSH keys) gives an attacker holding the agent's credentials a
#   persistent way onto the nodes. Fires on each success; EC2 key pairs whose name matches
#   ssh_key_material.allowed_key_names (e.g. the agent's own onboarding key) are not reported. Azure writes
#   are judged on their Start entry, the only one that carries the request body.
# scope: package
# custom:
#   id: SW-L4-008
#   layer: L4
#   severity: MEDIUM
#   cvss_base: 6.8
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1098.004, T1021.004]
#   stratus:
#     - aws.lateral-movement.ec2-instance-connect
#     - aws.lateral-movement.ec2-serial-console-send-ssh-public-key
#     - gcp.lateral-movement.add-sshkey-instance-metadata
#   remediation: >-
#     Delete the key (EC2 key pair, ssh-keys metadata entry, OS Login key, Azure SSH key) and check the
#     nodes' authorized_keys and login history. Remove ec2:ImportKeyPair / ec2:CreateKeyPair and
#     ec2-instance-connect:* (AWS), compute.instances.setMetadata / setCommonInstanceMetadata and OS Login
#     admin roles (GCP), Microsoft.Compute/sshPublicKeys/write and extension writes (Azure) from the
#     agent's role; enforce OS Login / block-project-ssh-keys on node pools.
package scalewatch.maestro.l4.ssh_key_material_added

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding

_settings := config.settings.ssh_key_material

_ssh_metadata_keys contains lower(key) if some key in _settings.metadata_keys

_access_extensions contains lower(type) if some type in _settings.extension_types

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["keypair.create"]
	events.is_accepted(event)
	not activity.matches_any(_settings.allowed_key_names, object.get(event, ["api", "request", "keyName"], ""))
	resource := activity.target(event, [["request", "keyName"], ["request", "instanceId"], ["request", "parent"]])
	detail := concat("", [activity.operation(event), " ", resource])
}

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["userdata.modify"]
	event.cloud.provider == "gcp"
	events.is_accepted(event)
	keys := {key | some key in activity.gce_metadata_keys(event); lower(key) in _ssh_metadata_keys}
	count(keys) > 0
	resource := activity.target(event, [])
	detail := concat("", ["changed ", concat(", ", sort(keys)), " metadata on ", resource])
}

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["userdata.modify"]
	event.cloud.provider == "azure"
	events.is_accepted(event)
	some type in activity.azure_extension_types(event)
	lower(type) in _access_extensions
	resource := activity.target(event, [])
	detail := concat("", ["installed the ", type, " extension, which resets SSH keys, on ", resource])
}
