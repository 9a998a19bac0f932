# METADATA
# title: Agent changed or deleted a budget or cost anomaly monitor
# description: >-
#   Budgets and cost anomaly monitors are the alarm for runaway spend, which is what resource hijacking
#   and billing attacks through an autoscaler look like. A FinOps agent may read cost data; raising a
#   budget, deleting it, or muting an anomaly monitor or its subscription hides the attack while it
#   runs. Fires on every call the cloud judged (success or failed attempt) of the budget.modify class:
#   AWS budgets and Cost Explorer anomaly monitors and subscriptions, GCP billing budgets, Azure
#   consumption budgets and cost alerts.
# scope: package
# custom:
#   id: SW-L5-003
#   layer: L5
#   severity: MEDIUM
#   cvss_base: 5.9
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1562, T1496]
#   stratus: []
#   remediation: >-
#     Restore the budget or monitor (amount, thresholds, subscribers) and look at spend since the change.
#     Keep budgets:ModifyBudget, ce:*Anomaly*, billing.budgets.* and Microsoft.Consumption/budgets/* out
#     of the agent's role; FinOps agents need read access to cost data only.
package scalewatch.maestro.l5.budget_or_anomaly_monitor_changed

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.finding

_target_paths := [
	["request", "budgetName"],
	["request", "newBudget", "budgetName"],
	["request", "monitorArn"],
	["request", "subscriptionArn"],
	["request", "budget", "name"],
	["request", "name"],
]

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in input.events
	activity.is_class(event, "budget.modify")
	activity.is_outcome(event)
	resource := activity.target(event, _target_paths)
	detail := concat("", [activity.operation(event), " ", resource, activity.outcome(event)])
}
