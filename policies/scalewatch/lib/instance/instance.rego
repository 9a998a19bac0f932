# METADATA
# title: Instance shapes
# description: >-
#   Instance types named by a launch request, whatever the cloud's request shape (CloudTrail
#   instanceType / InstanceType overrides of CreateFleet, GCP machineType, Azure vmSize), and whether
#   they are GPU or accelerator shapes per the families in settings.
# scope: package
# custom:
#   library: true
package scalewatch.lib.instance

import rego.v1

import data.scalewatch.lib.config

_type_keys := {"instanceType", "InstanceType", "machineType", "vmSize"}

# METADATA
# title: Instance types a request names
types(event) := {_short(value) |
	walk(event.api.request, [path, value])
	is_string(value)
	path[count(path) - 1] in _type_keys
}

# METADATA
# title: Family of an instance type
# scope: document
# description: p4d.24xlarge -> p4d; a2-highgpu-1g -> a2; Standard_NC24ads_A100_v4 -> standard_nc24ads_a100_v4.
family("aws", type) := split(lower(type), ".")[0]

family("gcp", type) := split(lower(type), "-")[0]

family("azure", type) := lower(type)

# METADATA
# title: Instance type is a GPU or accelerator shape
is_accelerated(cloud, type) if {
	fam := family(cloud, type)
	some known in object.get(config.settings.gpu_instance_families, cloud, [])
	_family_match(cloud, fam, known)
}

# METADATA
# title: GCP request attaches accelerators to any machine type
has_accelerators(event) if count(object.get(event, ["api", "request", "guestAccelerators"], [])) > 0

# METADATA
# title: Instance type is on the deployment's GPU allow-list
is_allowed_gpu(cloud, type) if {
	fam := family(cloud, type)
	some allowed in config.settings.allowed_gpu_families
	_family_match(cloud, fam, lower(allowed))
}

# Azure sizes are matched by prefix (standard_nc matches every NC size); other clouds by family.
_family_match("azure", fam, known) if startswith(fam, known)

_family_match(cloud, fam, known) if {
	cloud != "azure"
	fam == known
}

# GCP machine types arrive as URLs: zones/us-central1-a/machineTypes/a2-highgpu-1g.
_short(value) := parts[count(parts) - 1] if parts := split(value, "/")
