# METADATA
# title: Agent can switch off logging, alerting or budgets
# description: >-
#   An autoscaler or FinOps agent needs no write access to audit logs, detectors, alarms or budgets,
#   and none of the published autoscaler roles grant it. If the identity holds such permissions (the
#   logging.write class: trails, log groups, sinks, diagnostic settings, detectors, alarms, alert
#   policies, budgets and anomaly monitors), a hijacked agent can blind monitoring before it acts.
#   Reports the permissions the identity holds and the grants behind them.
# scope: package
# custom:
#   id: SW-L5-005
#   layer: L5
#   severity: MEDIUM
#   cvss_base: 6.5
#   kind: posture
#   clouds: [aws, gcp, azure]
#   attack: [T1562.008, T1562.001]
#   stratus: [aws.defense-evasion.cloudtrail-stop, gcp.defense-evasion.delete-logging-sink]
#   remediation: >-
#     Remove logging, monitoring and budget write permissions from the agent's role (often a broad
#     managed policy or a '*' grant), and deny cloudtrail:*, logs:Delete*, guardduty:*,
#     logging.sinks.*, Microsoft.Insights/diagnosticSettings/* and budget writes with an SCP,
#     organization policy or deny assignment.
package scalewatch.maestro.l5.observability_write_reach

import rego.v1

import data.scalewatch.lib.finding
import data.scalewatch.lib.posture

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, posture.sources(p, reach)) if {
	some p in input.posture
	reach := posture.reach(p, "logging.write")
	count(reach) > 0
	detail := concat("", ["may ", concat(", ", sort(reach))])
}
