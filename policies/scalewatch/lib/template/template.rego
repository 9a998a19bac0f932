# METADATA
# title: Node templates and the launches that use them
# description: >-
#   What a node-template change wrote and which template a launch used, whatever the cloud: AWS launch
#   templates (CreateLaunchTemplate / CreateLaunchTemplateVersion / ModifyLaunchTemplate, used by
#   RunInstances, CreateFleet, RequestSpotFleet and Auto Scaling group writes), GCP instance templates
#   (instanceTemplates.insert / regionInstanceTemplates.insert, used by managed instance group writes and
#   instances.insert / bulkInsert with sourceInstanceTemplate) and Azure scale-set models
#   (virtualMachineScaleSets/write carrying a model, used by scale-set writes that set a capacity and by
#   VM writes placing the VM in the scale set). A template is named by a reference that the change and
#   the launch both give: the launch template id or name (AWS), <global|regions/r>/instanceTemplates/<name>
#   (GCP), the lower-cased scale-set resource id (Azure).
# scope: package
# custom:
#   library: true
package scalewatch.lib.template

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.events

# METADATA
# title: Templates a change event wrote
# description: >-
#   One entry per reference (AWS gives both the id and the name): region (the template's, "" on Azure),
#   ref, version ("" when the log names none), what (the changed field categories of the settings'
#   fields, "unrecorded" when an AWS change logged no request), images and identities it names.
changes(event, fields, script_keys) := {object.union(written, {"region": region, "ref": ref, "version": version}) |
	written := _written(event, fields, script_keys)
	count(written.what) > 0
	some ref in _refs(event)
	region := _region(event, ref)
	version := _change_version(event)
}

# METADATA
# title: Templates a launch or group write used (region, ref, version; version "" for latest or default)
uses(event) := {{"region": _region(event, ref), "ref": ref, "version": version} |
	some spec in _use_specs(event)
	ref := spec.ref
	version := spec.version
}

# METADATA
# title: Template reference of a GCP instance template name, URL or relative path
# scope: document
# description: >-
#   https://.../projects/p/global/instanceTemplates/t, projects/p/regions/r/instanceTemplates/t and
#   global/instanceTemplates/t all become global/instanceTemplates/t (regions/r/instanceTemplates/t).
gcp_ref(value) := concat("", [_gcp_scope(before), "/instanceTemplates/", name]) if {
	parts := split(value, "instanceTemplates/")
	count(parts) == 2
	before := parts[0]
	name := split(parts[1], "/")[0]
	name != ""
}

_gcp_scope(before) := concat("/", ["regions", region]) if {
	after := split(before, "regions/")
	count(after) == 2
	region := split(after[1], "/")[0]
} else := "global"

# METADATA
# title: Template reference of an Azure resource id inside a scale set (the scale set's id, lower-cased)
azure_ref(value) := concat("", [parts[0], _vmss_marker, split(parts[1], "/")[0]]) if {
	parts := split(lower(value), _vmss_marker)
	count(parts) == 2
}

_vmss_marker := "/providers/microsoft.compute/virtualmachinescalesets/"

_region(event, _) := events.region(event) if event.cloud.provider == "aws"

_region(event, ref) := _gcp_region(ref) if event.cloud.provider == "gcp"

_region(event, _) := "" if event.cloud.provider == "azure"

_gcp_region(ref) := split(ref, "/")[1] if startswith(ref, "regions/")

_gcp_region(ref) := "global" if startswith(ref, "global/")

# What a change wrote: field categories, image sources, identities.
_written(event, fields, script_keys) := {
	"what": _what(event, fields, script_keys),
	"images": _images(event, {lower(n) | some n in object.get(fields, "image", [])}),
	"identities": _identities(event),
}

_body(event) := object.get(event, ["api", "request", "requestbody"], {}) if {
	event.cloud.provider == "azure"
} else := object.get(event, ["api", "request"], {})

# CloudTrail writes one record per call, so an empty request is a change that was not logged. GCP writes
# the request only in an operation's first entry and Azure only in the Start entry: their bodiless
# entries complete a change already judged.
_what(event, fields, script_keys) := {"unrecorded"} if {
	event.cloud.provider == "aws"
	count(_body(event)) == 0
} else := {category |
	some category, names in fields
	_has_field(_body(event), {lower(n) | some n in names})
} | _scripts(event, script_keys)

_has_field(body, names) if {
	walk(body, [path, _])
	count(path) > 0
	_lower_key(path[count(path) - 1]) in names
}

_scripts(event, script_keys) := {"boot_script"} if {
	some key in activity.gce_metadata_keys(event)
	lower(key) in script_keys
} else := set()

_lower_key(key) := lower(key) if is_string(key)

# Images: AWS ImageId, GCP sourceImage (as projects/<p>/global/images/...), Azure imageReference.
_images(event, names) := {_image(event, node) |
	body := _body(event)
	walk(body, [path, node])
	count(path) > 0
	_lower_key(path[count(path) - 1]) in names
}

_image(event, node) := _gcp_image(event.cloud.account, node) if {
	event.cloud.provider == "gcp"
	is_string(node)
} else := _azure_image(node) if {
	is_object(node)
} else := node if {
	is_string(node)
} else := "an unreadable image reference"

# A relative path (global/images/x) names an image of the caller's own project.
_gcp_image(project, value) := concat("", ["projects/", split(value, "/projects/")[1]]) if {
	contains(value, "/projects/")
} else := value if {
	startswith(value, "projects/")
} else := concat("", ["projects/", project, "/", value])

_azure_image(ref) := lower(ref.id) if {
	is_string(ref.id)
} else := lower(ref.sharedGalleryImageId) if {
	is_string(ref.sharedGalleryImageId)
} else := lower(ref.communityGalleryImageId) if {
	is_string(ref.communityGalleryImageId)
} else := lower(concat(":", [object.get(ref, k, "") | some k in ["publisher", "offer", "sku", "version"]]))

# Identities: AWS IamInstanceProfile Arn/Name, GCP serviceAccounts[].email, Azure identity.
_identities(event) := (_profiles(body) | _accounts(body)) | _azure_identities(body) if body := _body(event)

_profiles(body) := {name |
	walk(body, [path, node])
	count(path) > 0
	_lower_key(path[count(path) - 1]) == "iaminstanceprofile"
	some key in ["Arn", "arn", "Name", "name"]
	name := node[key]
	is_string(name)
}

_accounts(body) := {account.email |
	walk(body, [path, node])
	count(path) > 0
	path[count(path) - 1] == "serviceAccounts"
	some account in node
	is_string(account.email)
}

_azure_identities(body) := {lower(id) | some id, _ in object.get(body, ["identity", "userAssignedIdentities"], {})} | {
type |
	type := object.get(body, ["identity", "type"], "")
	contains(lower(type), "systemassigned")
}

# References: AWS launch template ids and names of request and response; GCP and Azure the resource.
_refs(event) := activity.strings_at(event.api, {"launchtemplateid", "launchtemplatename"}) if {
	event.cloud.provider == "aws"
}

_refs(event) := {ref | some uid in _uids(event); ref := gcp_ref(uid)} if event.cloud.provider == "gcp"

_refs(event) := {ref | some uid in _uids(event); ref := azure_ref(uid)} if event.cloud.provider == "azure"

_uids(event) := {resource.uid | some resource in object.get(event, "resources", []); is_string(resource.uid)}

# AWS: the default version a ModifyLaunchTemplate set, else the version a create wrote.
_change_version(event) := found[0] if {
	event.cloud.provider == "aws"
	found := [version |
		some key in ["setdefaultversion", "versionnumber", "latestversionnumber"]
		some value in _values_at(event.api, key)
		version := _version(value)
		version != ""
	]
	count(found) > 0
} else := ""

_values_at(value, key) := [node |
	walk(value, [path, node])
	count(path) > 0
	_lower_key(path[count(path) - 1]) == key
]

_version(value) := format_int(value, 10) if is_number(value)

_version(value) := "" if {
	is_string(value)
	startswith(value, "$")
}

_version(value) := value if {
	is_string(value)
	not startswith(value, "$")
}

# AWS: every object of the request naming a launch template (RunInstances launchTemplate, CreateFleet
# LaunchTemplateSpecification, Auto Scaling launchTemplate / launchTemplateSpecification).
_use_specs(event) := ({{"ref": ref, "version": _spec_version(spec)} |
	event.cloud.provider == "aws"
	request := object.get(event, ["api", "request"], {})
	walk(request, [_, spec])
	is_object(spec)
	some key, ref in spec
	_lower_key(key) in {"launchtemplateid", "launchtemplatename"}
	is_string(ref)
} | {{"ref": ref, "version": ""} |
	event.cloud.provider == "gcp"
	request := object.get(event, ["api", "request"], {})
	some value in activity.strings_at(request, {"instancetemplate", "sourceinstancetemplate"})
	ref := gcp_ref(value)
}) | {{"ref": ref, "version": ""} |
	event.cloud.provider == "azure"
	some ref in _azure_uses(event)
}

_spec_version(spec) := found[0] if {
	found := [version | some key, value in spec; _lower_key(key) == "version"; version := _version(value)]
	count(found) > 0
} else := ""

# A scale-set write that sets a capacity launches from the model; a VM write may place the VM in a scale set.
_azure_uses(event) := {ref | some ref in _refs(event); _sets_capacity(_body(event))} | {ref |
	id := object.get(_body(event), ["properties", "virtualMachineScaleSet", "id"], "")
	ref := azure_ref(id)
}

_sets_capacity(body) if {
	capacity := object.get(body, ["sku", "capacity"], 0)
	is_number(capacity)
	capacity > 0
}
