# METADATA
# title: Agent wrote outside the approved regions
# description: >-
#   Data residency and compliance scopes name the regions a workload may run in; an autoscaler only
#   works where its clusters are. A write elsewhere is either a compromised agent hiding resources (mining
#   rigs where nobody looks) or a compliance breach. Fires on every successful non-read call in a region
#   not on the cloud's allowed_regions list; a cloud with an empty list is not judged. Global services
#   (global_services, e.g. IAM, which CloudTrail logs in us-east-1) and global locations (global_regions)
#   are exempt. A call without metadata.read_only is judged as a write; a call without a region cannot be
#   placed and is left to the other rules. GCP zones and AWS local zones count as their region
#   (us-central1-a is in us-central1).
# scope: package
# custom:
#   id: SW-L6-005
#   layer: L6
#   severity: HIGH
#   cvss_base: 6.5
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1535, T1496]
#   stratus: []
#   remediation: >-
#     Find and remove what was created in the region, then deny it outright: an SCP with
#     aws:RequestedRegion (AWS), the gcp.resourceLocations org policy (GCP), an Azure Policy "Allowed
#     locations" assignment (Azure). Keep allowed_regions in scalewatch's settings in step with them.
package scalewatch.maestro.l6.unapproved_region

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding

findings contains finding.for_event(rego.metadata.chain(), event, events.location(event), detail) if {
	some event in input.events
	not event.metadata.read_only
	events.is_success(event)
	allowed := object.get(config.settings.allowed_regions, event.cloud.provider, [])
	count(allowed) > 0
	region := _normal(event.cloud.region)
	not _is_global(event, region)
	not _is_allowed(region, allowed)
	detail := concat("", [
		object.get(event, ["api", "action"], "a write"), " in ", event.cloud.region,
		"; allowed: ", concat(", ", allowed),
	])
}

_normal(region) := replace(lower(region), " ", "")

_is_allowed(region, allowed) if {
	some candidate in allowed
	_within(region, _normal(candidate))
}

_within(region, candidate) if region == candidate

_within(region, candidate) if startswith(region, concat("", [candidate, "-"]))

_is_global(event, region) if {
	some candidate in object.get(config.settings.global_regions, event.cloud.provider, [])
	region == _normal(candidate)
}

_is_global(event, _) if {
	some candidate in object.get(config.settings.global_services, event.cloud.provider, [])
	_is_service(event, lower(candidate))
}

# The service as logged (ec2, iam.amazonaws.com, iam.googleapis.com, Microsoft.Authorization) or as the
# action names it (iam:CreateRole, microsoft.authorization/roleassignments/write).
_is_service(event, name) if lower(trim_suffix(event.api.service, ".amazonaws.com")) == name

_is_service(event, name) if lower(split(event.api.action, ":")[0]) == name

_is_service(event, name) if lower(split(event.api.action, "/")[0]) == name
