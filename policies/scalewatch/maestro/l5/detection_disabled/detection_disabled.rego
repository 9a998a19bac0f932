# METADATA
# title: Agent disabled or deleted detectors, recorders or alerts
# description: >-
#   GuardDuty, Config, Security Hub, Inspector, Macie, CloudWatch alarms, EventBridge rules, Security
#   Command Center, Cloud Monitoring alert policies, Defender plans and Azure Monitor alerts are what
#   would notice a hijacked agent; an autoscaler has no business changing any of them. Fires on every
#   call the cloud judged (success or failed attempt) of the detection.disable class, one finding per
#   detector, recorder, alarm or alert rule.
# scope: package
# custom:
#   id: SW-L5-002
#   layer: L5
#   severity: HIGH
#   cvss_base: 7.1
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1562.001]
#   stratus: []
#   remediation: >-
#     Re-enable or recreate the detector, recorder or alert and review the findings it would have raised
#     meanwhile. Deny guardduty:*, config:Stop*/Delete*, cloudwatch:DeleteAlarms / DisableAlarmActions,
#     monitoring.alertPolicies.* and Microsoft.Insights/*Alerts/* to the agent (SCP, organization
#     policy, deny assignment) and rotate its credentials.
package scalewatch.maestro.l5.detection_disabled

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.finding

_target_paths := [
	["request", "detectorId"],
	["request", "configurationRecorderName"],
	["request", "deliveryChannelName"],
	["request", "analyzerName"],
	["request", "name"],
	["request", "alertPolicy", "name"],
]

findings contains finding.for_event(rego.metadata.chain(), event, target, detail) if {
	some event in input.events
	activity.is_class(event, "detection.disable")
	activity.is_outcome(event)
	some target in _targets(event)
	detail := concat("", [activity.operation(event), " ", target, activity.outcome(event)])
}

# DeleteAlarms and DisableAlarmActions name several alarms; each is its own thing to restore.
_targets(event) := alarms if {
	alarms := {name | some name in object.get(event, ["api", "request", "alarmNames"], []); is_string(name)}
	count(alarms) > 0
} else := {activity.target(event, _target_paths)}
