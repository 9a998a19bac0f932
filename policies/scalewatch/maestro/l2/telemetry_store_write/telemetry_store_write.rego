# METADATA
# title: Agent wrote to a telemetry or billing data store
# description: >-
#   The optimiser trusts usage, cost and metrics data it reads from buckets (CUR and billing exports,
#   Prometheus/Thanos object stores) and from custom metrics. An agent that writes or deletes objects
#   there, or pushes its own metrics, can feed itself and its operators fabricated utilisation or prices:
#   scaling on poisoned input, starving workloads or inflating spend while the dashboards look normal.
#   Fires on object writes and deletions (attempts included) in buckets or containers whose name matches
#   settings telemetry_store_patterns (or whose name the log does not give), and on custom metric writes
#   unless allow_metric_writes is true. A pattern may name the bucket (demo-cur-*) or, as IAM policies
#   do, its resource name (arn:aws:s3:::demo-cur-*, projects/_/buckets/demo-cur-*).
# scope: package
# custom:
#   id: SW-L2-003
#   layer: L2
#   severity: HIGH
#   cvss_base: 7.1
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1565.001]
#   stratus: []
#   remediation: >-
#     Check the written or deleted objects and metric series against their source and restore them from
#     versioning or the provider. Make the agent read-only on billing and metrics stores (no s3:PutObject or
#     DeleteObject on the CUR bucket, no storage.objects.create/delete, no blob write on the export
#     container, no cloudwatch:PutMetricData or monitoring.timeSeries.create); turn on object versioning
#     and lock on those buckets.
package scalewatch.maestro.l2.telemetry_store_write

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.target

_metric_keys := ["namespace", ["timeSeries", 0, "metric", "type"], "name"]

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["storage.write"]
	not event.status == "in_progress"
	store := target.store(event)
	_is_telemetry_store(event.cloud.provider, store)
	name := _store_name(store)
	resource := concat("/", [events.location(event), name])
	detail := concat("", [_outcome(event), " ", event.api.action, " on telemetry store ", name])
}

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	not config.settings.allow_metric_writes
	some event in events.of_class["metrics.write"]
	not event.status == "in_progress"
	name := target.name(event, _metric_keys)
	resource := concat("/", [events.location(event), "metrics", name])
	detail := concat("", [_outcome(event), " ", event.api.action, " of custom metrics ", name])
}

_is_telemetry_store(_, "")

_is_telemetry_store(cloud, store) if {
	some pattern in config.settings.telemetry_store_patterns
	some name in _names(cloud, store)
	glob.match(lower(pattern), ["\n"], lower(name))
}

# The bucket as its name and as the resource name policies use for it.
_names("aws", store) := [store, concat("", ["arn:aws:s3:::", store])]

_names("gcp", store) := [store, concat("", ["projects/_/buckets/", store])]

_names(cloud, store) := [store] if not cloud in {"aws", "gcp"}

_store_name("") := "unknown-store"

_store_name(store) := store if store != ""

_outcome(event) := "tried (failed)" if events.is_failure(event)

else := "called"
