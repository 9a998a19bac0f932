# METADATA
# title: Instance shapes
# description: >-
#   Instance types named by a launch, resize or node-pool request, whatever the cloud's request shape
#   (CloudTrail instanceType / InstanceType overrides of CreateFleet / instanceTypes of node groups /
#   {"value": ...} of ModifyInstanceAttribute, GCP machineType, Azure vmSize and scale-set sku.name),
#   and whether they are GPU or accelerator shapes per the families in settings.
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
	_is_type_path(path)
}

_is_type_path(path) if path[count(path) - 1] in _type_keys

# ModifyInstanceAttribute writes {"instanceType": {"value": "p3.2xlarge"}}.
_is_type_path(path) if {
	count(path) > 1
	path[count(path) - 1] == "value"
	path[count(path) - 2] in _type_keys
}

# EKS node groups and ASG mixed-instance policies list instanceTypes.
_is_type_path(path) if {
	count(path) > 1
	path[count(path) - 2] in {"instanceTypes", "InstanceTypes"}
	is_number(path[count(path) - 1])
}

# Azure scale sets name their size as sku.name at the top of the request body.
_is_type_path(path) if {
	count(path) in {2, 3}
	path[count(path) - 2] == "sku"
	path[count(path) - 1] == "name"
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
# description: >-
#   An N1 (or any) machine type with GPUs attached: instances.insert carries guestAccelerators at the top
#   of the request, bulkInsert and instance templates under instanceProperties / properties, GKE node
#   pools as nodePool.config.accelerators. A non-empty list anywhere in the request counts.
has_accelerators(event) if count(accelerator_types(event)) > 0

# METADATA
# title: Accelerator types a GCP request attaches (short names, "accelerator" when the log names none)
accelerator_types(event) := {_accelerator_name(item) |
	request := object.get(event, ["api", "request"], {})
	walk(request, [path, node])
	count(path) > 0
	path[count(path) - 1] in _accelerator_keys
	is_array(node)
	some item in node
}

_accelerator_keys := {"guestAccelerators", "guest_accelerators", "accelerators"}

_accelerator_name(item) := _short(item.acceleratorType) if is_string(item.acceleratorType)

else := _short(item.accelerator_type) if is_string(item.accelerator_type)

else := "accelerator"

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
