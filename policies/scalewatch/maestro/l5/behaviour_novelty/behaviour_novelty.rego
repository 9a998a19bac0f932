# METADATA
# title: Identity did something it has never done before
# description: >-
#   An autoscaler identity is a creature of habit: the same regions and zones, instance families, node
#   images, launch templates, egress networks, SDK clients, API calls and hours, week after week. A
#   compromised agent or stolen credentials break those habits first: a GPU family never launched,
#   a call from a network never seen, an API never used. This rule remembers every value it sees per
#   dimension (seen_<dimension> stats, folded across runs into the identity's baseline; see
#   docs/baseline.md) and, once the baseline has learned for baseline.learning_days, reports each value
#   of a dimension the window shows for the first time. Which dimensions report, and at what severity,
#   is data (baseline.novelty, per profile); a first GPU family reports at baseline.gpu_family_severity.
#   Nothing is reported while the baseline is learning.
# scope: package
# custom:
#   id: SW-L5-007
#   layer: L5
#   severity: MEDIUM
#   cvss_base: 5.3
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1078.004, T1496, T1535]
#   stratus: []
#   remediation: >-
#     Ask the agent's owner whether the change was planned (new region, node family, image, network or
#     SDK version). If not, treat the agent's credentials as compromised: AWS: revoke the role's active
#     sessions and check the trust policy; GCP: disable the service account's keys and check
#     iam.serviceAccountUser bindings; Azure: reset the service principal's credentials. If it was
#     planned, nothing to do: the value is part of the baseline from now on. To teach the baseline
#     in advance, seed it (docs/baseline.md).
package scalewatch.maestro.l5.behaviour_novelty

import rego.v1

import data.scalewatch.lib.baseline
import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.instance
import data.scalewatch.lib.principal
import data.scalewatch.lib.stats

_settings := config.settings.baseline

# Values per dimension and event. Every event: region, action, hour, network, client; accepted launches:
# zone, instance family and size, image source, launch template.
_values(event) := {
	"region": _regions(event),
	"action": {a | a := event.api.action},
	"hour": {h | h := baseline.hour(event)},
	"network": {n | n := baseline.network(event.src_endpoint.ip)},
	"user_agent": _clients(event),
	"zone": _launch_values(event, "zone"),
	"instance_family": _launch_values(event, "instance_family"),
	"instance_size": _launch_values(event, "instance_size"),
	"image_source": _launch_values(event, "image_source"),
	"launch_template": _launch_values(event, "launch_template"),
}

# Every (dimension, value, event) once; then per dimension, so each value scans only its dimension's pairs.
_observed := [[dimension, value, event] |
	some event in input.events
	some dimension, values in _values(event)
	some value in values
]

_pairs[dimension] := [[triple[1], triple[2]] | some triple in _observed; triple[0] == dimension] if {
	some dimension in {triple[0] | some triple in _observed}
}

# METADATA
# title: Values of each dimension seen in the window (folded into the baseline after the run)
# description: >-
#   Summary values are the cloud locations (provider|account|region) the value was seen in, and for
#   instance families the instance types launched.
stats[name] := summaries if {
	some dimension, pairs in _pairs
	count(pairs) > 0
	name := concat("", ["seen_", dimension])
	summaries := {value: stats.summary(evs, _extras(dimension, evs)) |
		some value in {pair[0] | some pair in pairs}
		evs := [pair[1] | some pair in pairs; pair[0] == value]
	}
}

_extras("instance_family", evs) := _locations(evs) | {t | some e in evs; some t in instance.types(e)}

_extras(dimension, evs) := _locations(evs) if dimension != "instance_family"

_locations(evs) := {concat("|", [
	object.get(e, ["cloud", "provider"], ""), object.get(e, ["cloud", "account"], ""),
	object.get(e, ["cloud", "region"], ""),
]) |
	some e in evs
}

findings contains object.union(f, {"severity": _severity(dimension, summary, severity)}) if {
	baseline.mature
	some dimension, severity in _settings.novelty
	severity != "OFF"
	some value in _novel[dimension]
	summary := input.stats[concat("", ["seen_", dimension])][value]
	detail := concat("", [
		_what(dimension, value, summary), " (", format_int(summary.count, 10), " events; ",
		baseline.learned_period, ")",
	])
	counts := {"events": summary.count, "baseline_runs": input.baseline.runs}
	f := finding.for_window(
		rego.metadata.chain(), _cloud(dimension, value, summary, _fallback), concat(":", [dimension, value]), detail,
		object.union({"event_ids": []}, summary), counts,
	)
}

# The new values of a dimension, first max_findings_per_dimension in name order (a new cluster brings many).
_novel[dimension] := array.slice(sort(values), 0, _settings.max_findings_per_dimension) if {
	some dimension, _ in _settings.novelty
	values := [value |
		some value, _ in object.get(input, ["stats", concat("", ["seen_", dimension])], {})
		not baseline.known(dimension, value)
	]
}

_severity(dimension, summary, severity) := _settings.gpu_family_severity if {
	dimension == "instance_family"
	_gpu(summary)
} else := severity

_gpu(summary) if {
	some value in object.get(summary, "values", [])
	not contains(value, "|")
	some provider in ["aws", "gcp", "azure"]
	instance.is_accelerated(provider, value)
}

# Location of the finding: where the value was first listed (for a region, that region).
_cloud("region", value, summary, fallback) := object.union(_location(summary, fallback), {"region": value})

_cloud(dimension, _, summary, fallback) := _location(summary, fallback) if dimension != "region"

_location(summary, fallback) := {"provider": parts[0], "account": parts[1], "region": parts[2]} if {
	locations := sort([v | some v in object.get(summary, "values", []); contains(v, "|")])
	parts := split(locations[0], "|")
	parts[0] in {"aws", "gcp", "azure"}
} else := fallback

# A summary without locations (seeded by hand, or another rule's dimension) still reports: under the cloud
# of the watched identity as far as its matcher tells.
_fallback := {"provider": _identity_provider, "account": "", "region": ""}

default _identity_provider := "aws"

_identity_provider := "gcp" if contains(_matcher, ".gserviceaccount.com")

# Azure object ids are GUIDs: dashes, no colons, no email.
_identity_provider := "azure" if {
	not contains(_matcher, ".gserviceaccount.com")
	contains(_matcher, "-")
	not contains(_matcher, ":")
}

_matcher := object.get(input, ["identity", "matcher"], "")

_what("instance_family", value, summary) := concat("", [
	"first GPU instance family ever launched by this identity: ", value, " (",
	concat(", ", [t | some t in object.get(summary, "values", []); not contains(t, "|")]), ")",
]) if {
	_gpu(summary)
}

else := concat("", ["first instance family ever launched by this identity: ", value])

_what("region", value, _) := concat("", ["first call in region ", value, " by this identity"])

_what("zone", value, _) := concat("", ["first launch in zone ", value, " by this identity"])

_what("instance_size", value, _) := concat("", ["first instance size ever launched by this identity: ", value])

_what("image_source", value, _) := concat("", ["first launch from image source ", value, " by this identity"])

_what("launch_template", value, _) := concat("", ["first launch from launch template ", value, " by this identity"])

_what("network", value, _) := concat("", ["first call from network ", value, " by this identity"])

_what("user_agent", value, _) := concat("", ["first call with client ", value, " by this identity"])

_what("action", value, _) := concat("", ["first call of ", value, " by this identity"])

_what("hour", value, _) := concat("", ["first activity in hour ", value, ":00-", value, ":59 UTC by this identity"])

_what(dimension, value, _) := concat("", ["first ", dimension, " ", value, " seen for this identity"]) if {
	not dimension in {
		"instance_family", "region", "zone", "instance_size", "image_source", "launch_template", "network",
		"user_agent", "action", "hour",
	}
}

# --- value extractors -------------------------------------------------------------------------------

_regions(event) := {r |
	r := events.region(event)
	r != ""
	not r in object.get(config.settings.global_regions, object.get(event, ["cloud", "provider"], ""), [])
}

_clients(event) := {p |
	not principal.is_service_call(event)
	p := baseline.user_agent_product(event.src_endpoint.user_agent)
}

_launch_values(event, dimension) := _launch_value(dimension, event) if {
	events.is_class(event, "instance.launch")
	events.is_accepted(event)
} else := set()

_launch_value("zone", event) := _zones(event)

_launch_value("instance_family", event) := _families(event)

_launch_value("instance_size", event) := _sizes(event)

_launch_value("image_source", event) := _images(event)

_launch_value("launch_template", event) := _templates(event)

_request(event) := object.get(event, ["api", "request"], {})

_families(event) := {_family(event.cloud.provider, t) | some t in instance.types(event)}

_sizes(event) := {lower(t) | some t in instance.types(event)}

# Azure sizes name a series and a size: Standard_D4s_v5 -> standard_d, Standard_NC24ads_A100_v4 -> standard_nc.
_family("azure", type) := concat("", ["standard_", _letters(trim_prefix(lower(type), "standard_"))])

_family(provider, type) := instance.family(provider, type) if provider != "azure"

_letters(s) := substring(s, 0, min(digits)) if {
	digits := {i | some i in numbers.range(0, count(s) - 1); contains("0123456789_", substring(s, i, 1))}
	count(digits) > 0
} else := s

_zones(event) := (_aws_zones(event) | _path_zones(event)) | _azure_zones(event)

_aws_zones(event) := {z |
	[path, z] := walk(_request(event))
	count(path) > 0
	path[count(path) - 1] in {"availabilityZone", "AvailabilityZone"}
	is_string(z)
}

# GCP names zones in resource paths: projects/p/zones/us-central1-a/instances/x.
_path_zones(event) := {parts[i + 1] |
	some name in array.concat([r.uid | some r in object.get(event, "resources", [])], _machine_types(event))
	is_string(name)
	parts := split(name, "/")
	some i, part in parts
	part == "zones"
	i + 1 < count(parts)
}

_machine_types(event) := [t | t := _request(event).machineType; is_string(t)]

# Azure zones are numbers within a region: westeurope-1 (zone-1 when the record names no region).
_azure_zones(event) := {concat("-", [_or_zone(events.region(event)), z]) |
	event.cloud.provider == "azure"
	some z in object.get(_request(event), ["requestbody", "zones"], [])
	is_string(z)
}

_or_zone("") := "zone"

_or_zone(region) := region if region != ""

_images(event) := ({concat("", ["ami:", id]) |
	[path, id] := walk(_request(event))
	count(path) > 0
	path[count(path) - 1] in {"imageId", "ImageId"}
	is_string(id)
	startswith(id, "ami-")
} | {concat("", ["project:", parts[1]]) |
	[path, image] := walk(_request(event))
	count(path) > 0
	path[count(path) - 1] == "sourceImage"
	is_string(image)
	parts := split(image, "/")
	count(parts) > 1
	parts[0] == "projects"
}) | {source |
	[path, ref] := walk(_request(event))
	count(path) > 0
	path[count(path) - 1] == "imageReference"
	is_object(ref)
	some source in _azure_image(ref)
}

_azure_image(ref) := {concat("", ["publisher:", lower(ref.publisher), "/", lower(object.get(ref, "offer", ""))])} if {
	is_string(ref.publisher)
}

else := {concat("", ["gallery:", lower(parts[i + 1])]) |
	some key in ["id", "sharedGalleryImageId", "communityGalleryImageId"]
	is_string(ref[key])
	parts := split(ref[key], "/")
	some i, part in parts
	lower(part) in {"galleries", "sharedgalleries", "communitygalleries"}
	i + 1 < count(parts)
}

_templates(event) := {concat("", ["aws:", t]) |
	[path, t] := walk(_request(event))
	count(path) > 0
	path[count(path) - 1] in {"launchTemplateId", "LaunchTemplateId", "launchTemplateName", "LaunchTemplateName"}
	is_string(t)
} | {concat("", ["gcp:", parts[count(parts) - 1]]) |
	[path, t] := walk(_request(event))
	count(path) > 0
	path[count(path) - 1] in {"sourceInstanceTemplate", "instanceTemplate"}
	is_string(t)
	parts := split(t, "/")
}
