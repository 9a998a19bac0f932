# METADATA
# title: Agent launched GPU or accelerator instances
# description: >-
#   A hijacked autoscaler is a cheap way to mine or train on someone else's bill: it already may launch
#   instances, so an attacker only has to ask for GPU shapes. Fires on every successful launch of a GPU
#   or accelerator shape (or a GCP instance, bulk insert or GKE node pool with accelerators attached),
#   resize of an instance to one (ModifyInstanceAttribute instanceType, setMachineType) and node group /
#   pool / scale set written with one (EKS instanceTypes, ASG overrides, GKE node pools, AKS agent pools,
#   VMSS sku), whose family is not on the deployment's allowed_gpu_families list; with no allow-list set
#   every GPU shape is reported. Azure writes name the size only in their Start entry, so that accepted
#   request is judged.
# scope: package
# custom:
#   id: SW-L4-001
#   layer: L4
#   severity: HIGH
#   cvss_base: 7.1
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1496, T1578.002]
#   stratus: [gcp.impact.create-gpu-vm]
#   remediation: >-
#     Confirm the workload asked for GPUs. If not, terminate the instances, rotate the agent's
#     credentials and restrict launches with an ec2:InstanceType condition / SCP (AWS), a custom role
#     and org policy on machine types (GCP), or an Azure Policy on allowed VM sizes; list the families
#     you do use in allowed_gpu_families.
package scalewatch.maestro.l4.gpu_instance_launch

import rego.v1

import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.instance

_judged_classes := ["instance.launch", "instance.modify", "nodegroup.scale"]

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some class in _judged_classes
	some event in events.of_class[class]
	events.is_accepted(event)
	some type in instance.types(event)
	_is_gpu(event, type)
	not instance.is_allowed_gpu(event.cloud.provider, type)
	resource := concat("/", [events.location(event), type])
	detail := concat("", [_verb[class], type, _with(event), _where(event), _accepted(event)])
}

_verb := {
	"instance.launch": "launched ",
	"instance.modify": "resized an instance to ",
	"nodegroup.scale": "wrote a node group of ",
}

_with(event) := concat("", [" with ", concat(", ", sort(accelerators))]) if {
	accelerators := instance.accelerator_types(event)
	count(accelerators) > 0
} else := ""

_where(event) := concat("", [" in ", event.cloud.region]) if event.cloud.region != ""

else := ""

_accepted(event) := " (request accepted)" if event.status == "in_progress"

else := ""

_is_gpu(event, type) if instance.is_accelerated(event.cloud.provider, type)

_is_gpu(event, _) if instance.has_accelerators(event)
