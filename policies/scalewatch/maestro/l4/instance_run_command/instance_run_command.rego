# METADATA
# title: Agent ran commands on instances or clusters
# description: >-
#   An autoscaler creates and removes machines; it has no reason to execute commands inside them. SSM
#   SendCommand / StartSession, Azure Run Command on VMs, scale-set VMs and AKS clusters, GCE serial
#   console sessions and OS Config patch jobs give whoever holds the agent's credentials a root shell
#   on nodes that carry the cluster's credentials (lateral movement from the agent into workloads).
#   Fires on every successful call; one finding per target instance or cluster.
# scope: package
# custom:
#   id: SW-L4-004
#   layer: L4
#   severity: HIGH
#   cvss_base: 7.2
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1651, T1021]
#   stratus:
#     - aws.execution.ssm-send-command
#     - aws.execution.ssm-start-session
#     - gcp.execution.os-config-run-command
#     - azure.execution.vm-run-command
#   remediation: >-
#     Find out what ran (SSM command history, Azure run command output, serial console logs) and treat
#     the targets as compromised. Remove ssm:SendCommand / ssm:StartSession (AWS),
#     Microsoft.Compute/virtualMachines/runCommand/action and managedClusters/runCommand/action (Azure),
#     serial port and OS Config permissions (GCP) from the agent's role; an explicit Deny in an SCP or
#     permissions boundary keeps them out.
package scalewatch.maestro.l4.instance_run_command

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.events
import data.scalewatch.lib.finding

findings contains finding.for_event(rego.metadata.chain(), event, target, detail) if {
	some event in events.of_class["vm.run_command"]
	events.is_success(event)
	some target in _targets(event)
	detail := concat(" ", array.concat(_what(event), ["on", target]))
}

# SSM names its targets in the request (instance ids, a session target or tag selectors); Azure and
# GCP act on the resource the event names.
_targets(event) := ids if {
	ids := _instance_ids(event) | _tag_selectors(event)
	count(ids) > 0
} else := {activity.target(event, [["request", "target"]])}

_instance_ids(event) := {id |
	some id in object.get(event, ["api", "request", "instanceIds"], [])
	is_string(id)
}

_tag_selectors(event) := {concat("", [selector.key, "=", concat(",", selector.values)]) |
	some selector in object.get(event, ["api", "request", "targets"], [])
	is_string(selector.key)
	is_array(selector.values)
}

_what(event) := [activity.operation(event), document] if {
	documents := [name |
		some path in [["documentName"], ["commandId"], ["requestbody", "commandId"]]
		name := object.get(event, array.concat(["api", "request"], path), "")
		is_string(name)
		name != ""
	]
	count(documents) > 0
	document := documents[0]
} else := [activity.operation(event)]
