# METADATA
# title: Agent changed or deleted a cost and usage export
# description: >-
#   The optimiser and the FinOps dashboards decide from the Cost and Usage Report, the Data Exports, the
#   BigQuery billing export and Cost Management exports. Whoever redefines or deletes them feeds the
#   optimiser a poisoned picture (cheap-looking shapes, missing spend) and hides a billing attack from
#   the people who would notice it. A FinOps agent reads these exports; it never defines them. Fires on
#   every change or deletion of an export definition or billing dataset by the agent, attempts included.
# scope: package
# custom:
#   id: SW-L2-002
#   layer: L2
#   severity: HIGH
#   cvss_base: 7.1
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1565.001, T1562.008]
#   stratus: []
#   remediation: >-
#     Restore the export definition (CUR report / Data Export, BigQuery billing export dataset and table,
#     Cost Management export) and compare recent data with the provider's console figures. Deny the agent
#     cur:*, bcm-data-exports:* write actions, bigquery.datasets/tables update and delete on the billing
#     dataset, and Microsoft.CostManagement/exports/write and delete.
package scalewatch.maestro.l2.billing_data_tampered

import rego.v1

import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.target

# CUR names the report at the top or inside reportDefinition; Data Exports use exportArn or export.name;
# BigQuery datasets/tables and Cost Management exports come through the resource name.
_export_keys := ["reportName", ["reportDefinition", "reportName"], "exportArn", ["export", "name"]]

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["billing_data.modify"]
	not event.status == "in_progress"
	name := target.name(event, _export_keys)
	resource := concat("/", [events.location(event), name])
	detail := concat("", [_outcome(event), " ", event.api.action, " on billing export ", name])
}

_outcome(event) := "tried (failed)" if events.is_failure(event)

else := "called"
