# METADATA
# title: Agent stopped, deleted or weakened audit logging
# description: >-
#   Turning off the record of what it does is the first thing a hijacked agent would do, and nothing an
#   autoscaler needs: none of the published autoscaler roles may touch trails, sinks or diagnostic
#   settings. Fires on every call the cloud judged (success, or a failed attempt, which is as telling)
#   that stops, deletes or rewrites audit logging: CloudTrail StopLogging / DeleteTrail / UpdateTrail /
#   PutEventSelectors and event data stores, CloudWatch Logs group deletion and retention, VPC flow
#   logs and Route 53 resolver query logs, GCP sink, bucket and exclusion changes and SetIamPolicy calls
#   removing audit log configs, Azure diagnostic settings (also on nested resources), log profiles and
#   Log Analytics workspaces. Kubernetes control-plane logging is judged by SW-L5-006.
# scope: package
# custom:
#   id: SW-L5-001
#   layer: L5
#   severity: HIGH
#   cvss_base: 7.5
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1562.008]
#   stratus:
#     - aws.defense-evasion.cloudtrail-stop
#     - aws.defense-evasion.cloudtrail-delete
#     - aws.defense-evasion.cloudtrail-event-selectors
#     - aws.defense-evasion.vpc-remove-flow-logs
#     - aws.defense-evasion.dns-delete-logs
#     - gcp.defense-evasion.delete-logging-sink
#     - gcp.defense-evasion.disable-logging-sink
#     - gcp.defense-evasion.disable-audit-logs
#     - gcp.defense-evasion.remove-vpc-flow-logs
#   remediation: >-
#     Restore the logging at once (StartLogging / recreate the trail, sink or diagnostic setting), then
#     review what the agent did while it was off from other sources (organization trail, VPC flow logs,
#     Kubernetes audit). Deny cloudtrail:*, logs:Delete*, logging.sinks.* and
#     Microsoft.Insights/diagnosticSettings/* to the agent with an SCP, organization policy or deny
#     assignment, and rotate its credentials.
package scalewatch.maestro.l5.audit_logging_disabled

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.events
import data.scalewatch.lib.finding

_target_paths := [
	["response", "trailARN"],
	["request", "name"],
	["request", "trailName"],
	["request", "logGroupName"],
	["request", "sinkName"],
	["request", "logName"],
	["request", "parent"],
	["request", "eventDataStore"],
	["request", "resolverQueryLogConfigId"],
]

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in input.events
	activity.is_class(event, "logging.disable")
	not activity.is_class(event, "cluster.modify")
	activity.is_outcome(event)
	resource := activity.target(event, _target_paths)
	detail := concat("", [activity.operation(event), " ", resource, activity.outcome(event)])
}

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["iam.modify"]
	event.cloud.provider == "gcp"
	activity.is_outcome(event)
	removed := _audit_config_removals(event.api)
	count(removed) > 0
	resource := activity.target(event, [["request", "resource"]])
	detail := concat("", [
		"removed audit logs ", concat(", ", sort(removed)), " on ", resource,
		activity.outcome(event),
	])
}

# SetIamPolicy audit data lists auditConfigDeltas; REMOVE turns a log type off for a service.
# A subnet's VPC flow logs switched off (Stratus gcp.defense-evasion.remove-vpc-flow-logs); the AWS
# DeleteFlowLogs counterpart is a catalog action above.
findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in input.events
	event.cloud.provider == "gcp"
	event.api.action == "compute.subnetworks.patch"
	activity.is_outcome(event)
	_flow_logs_off(event.api.request)
	resource := activity.target(event, [])
	detail := concat("", ["turned off VPC flow logs of ", resource, activity.outcome(event)])
}

_flow_logs_off(request) if request.enableFlowLogs == false

_flow_logs_off(request) if request.logConfig.enable == false

_audit_config_removals(api) := {concat(":", [object.get(delta, "service", "?"), object.get(delta, "logType", "?")]) |
	walk(api, [path, deltas])
	count(path) > 0
	path[count(path) - 1] == "auditConfigDeltas"
	some delta in deltas
	delta.action == "REMOVE"
}
