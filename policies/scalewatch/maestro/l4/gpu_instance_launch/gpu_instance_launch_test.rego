package scalewatch.maestro.l4.gpu_instance_launch_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.gpu_instance_launch as rule

_event(cloud, action, request) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks"},
	"api": {"action": action, "request": request},
	"status": "success",
	"metadata": {"uid": "e-1"},
}

test_findings_aws_gpu_launch if {
	event := _event("aws", "ec2:RunInstances", {"instanceType": "p4d.24xlarge"})
	findings := rule.findings with input.events as [event]
	test.assert_rule(findings, "SW-L4-001")
	test.assert_count(findings, 1)
}

test_findings_gcp_accelerators if {
	request := {
		"machineType": "zones/us-central1-a/machineTypes/n1-standard-8",
		"guestAccelerators": [{"acceleratorCount": 1}],
	}
	event := _event("gcp", "compute.instances.insert", request)
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_findings_azure_nc_size if {
	request := {"properties": {"hardwareProfile": {"vmSize": "Standard_NC24ads_A100_v4"}}}
	event := _event("azure", "microsoft.compute/virtualmachines/write", request)
	test.assert_count(rule.findings, 1) with input.events as [event]
}

# The demo's 15:37 launch as the Log Analytics AzureActivity Start row normalizes: no region, status
# in_progress, the size only in requestbody.
test_findings_azure_start_entry_without_region if {
	body := {
		"location": "westeurope",
		"properties": {"hardwareProfile": {"vmSize": "Standard_ND96asr_v4"}, "priority": "Regular"},
	}
	event := {
		"time_ms": 1795535838135,
		"cloud": {"provider": "azure", "account": "3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e"},
		"actor": {"principal": "0b5c2f6e-1111-4111-8111-111111111111", "type": "ServicePrincipal"},
		"api": {
			"action": "microsoft.compute/virtualmachines/write",
			"request": {"eventCategory": "Administrative", "requestbody": body},
		},
		"status": "in_progress",
		"metadata": {"uid": "a-1", "log_source": "azure_activity"},
	}
	accept := json.remove(object.union(event, {"metadata": {"uid": "a-2"}}), ["api/request/requestbody"])
	done := object.union(accept, {"status": "success", "metadata": {"uid": "a-3"}})
	findings := rule.findings with input.events as [event, accept, done]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "azure/3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e//Standard_ND96asr_v4"
	f.detail == "launched Standard_ND96asr_v4 (request accepted)"
}

test_no_findings_aws_in_progress if {
	event := object.union(_event("aws", "ec2:RunInstances", {"instanceType": "p4d.24xlarge"}), {"status": "in_progress"})
	test.assert_empty(rule.findings) with input.events as [event]
}

test_findings_resize_to_gpu if {
	request := {"instanceId": "i-0a1b2c3d4e5f60718", "instanceType": {"value": "p3.2xlarge"}}
	findings := rule.findings with input.events as [_event("aws", "ec2:ModifyInstanceAttribute", request)]
	test.assert_count(findings, 1)
	some f in findings
	f.detail == "resized an instance to p3.2xlarge in us-east-1"
}

test_findings_gcp_set_machine_type if {
	request := {"machineType": "zones/us-central1-a/machineTypes/a2-highgpu-8g"}
	test.assert_count(rule.findings, 1) with input.events as [_event("gcp", "compute.instances.setMachineType", request)]
}

test_findings_eks_nodegroup_instance_types if {
	request := {"clusterName": "demo", "nodegroupName": "ml", "instanceTypes": ["m5.large", "p4d.24xlarge"]}
	findings := rule.findings with input.events as [_event("aws", "eks:CreateNodegroup", request)]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/123456789012/us-east-1/p4d.24xlarge"
	f.detail == "wrote a node group of p4d.24xlarge in us-east-1"
}

test_findings_azure_scale_set_sku if {
	request := {"requestbody": {"sku": {"name": "Standard_ND96asr_v4", "tier": "Standard", "capacity": 4}}}
	event := _event("azure", "microsoft.compute/virtualmachinescalesets/write", request)
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_no_findings_cpu_node_groups if {
	vmss := {"requestbody": {"sku": {"name": "Standard_D4s_v5"}}}
	events := [
		_event("aws", "eks:UpdateNodegroupConfig", {"scalingConfig": {"desiredSize": 5}}),
		_event("azure", "microsoft.compute/virtualmachinescalesets/write", vmss),
		_event("aws", "ec2:ModifyInstanceAttribute", {"instanceId": "i-1", "instanceType": {"value": "m6i.xlarge"}}),
	]
	test.assert_empty(rule.findings) with input.events as events
}

test_no_findings_cpu_launch if {
	test.assert_empty(rule.findings) with input.events as [_event("aws", "ec2:RunInstances", {"instanceType": "m5.large"})]
}

test_no_findings_allowed_family if {
	event := _event("aws", "ec2:RunInstances", {"instanceType": "g5.xlarge"})
	test.assert_empty(rule.findings) with input.events as [event]
		with input.config as {"allowed_gpu_families": ["g5"]}
}

test_no_findings_failed_launch if {
	failed := object.union(_event("aws", "ec2:RunInstances", {"instanceType": "p5.48xlarge"}), {"status": "failure"})
	test.assert_empty(rule.findings) with input.events as [failed]
}

test_no_findings_missing_request if {
	event := object.remove(_event("aws", "ec2:RunInstances", {}), ["api"])
	test.assert_empty(rule.findings) with input.events as [object.union(event, {"api": {"action": "ec2:RunInstances"}})]
}

# bulkInsert puts the shape and its GPUs under instanceProperties, with a bare machine type name.
test_findings_gcp_bulk_insert_accelerators if {
	request := {
		"@type": "type.googleapis.com/compute.instances.bulkInsert",
		"count": "4",
		"instanceProperties": {
			"machineType": "n1-standard-16",
			"guestAccelerators": [{"acceleratorType": "nvidia-tesla-v100", "acceleratorCount": 2}],
		},
	}
	findings := rule.findings with input.events as [_event("gcp", "compute.instances.bulkInsert", request)]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "gcp/123456789012/us-east-1/n1-standard-16"
	contains(f.detail, "with nvidia-tesla-v100")
}

# GKE node pools (cluster autoscaler, node auto-provisioning) attach GPUs as nodePool.config.accelerators.
test_findings_gke_node_pool_accelerators if {
	request := {"nodePool": {"name": "nap-gpu", "config": {
		"machineType": "n1-standard-8",
		"accelerators": [{"acceleratorCount": "1", "acceleratorType": "nvidia-tesla-t4"}],
	}}}
	event := _event("gcp", "google.container.v1.ClusterManager.CreateNodePool", request)
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.detail == "wrote a node group of n1-standard-8 with nvidia-tesla-t4 in us-east-1"
}

test_findings_gcp_accelerator_without_type_named if {
	request := {"machineType": "n1-standard-4", "guestAccelerators": [{"acceleratorCount": 1}]}
	findings := rule.findings with input.events as [_event("gcp", "compute.instances.insert", request)]
	some f in findings
	contains(f.detail, "with accelerator")
}

test_no_findings_gcp_empty_accelerator_lists if {
	request := {"instanceProperties": {"machineType": "e2-standard-8", "guestAccelerators": []}}
	test.assert_empty(rule.findings) with input.events as [_event("gcp", "compute.instances.bulkInsert", request)]
}

# gcloud beta uses the v1beta1 API; UpdateNodePool can switch a pool's machine type in place.
test_findings_gke_beta_create_and_update_node_pool if {
	beta := _event("gcp", "google.container.v1beta1.ClusterManager.CreateNodePool", {"nodePool": {"config": {
		"machineType": "n1-standard-4",
		"accelerators": [{"acceleratorCount": "1", "acceleratorType": "nvidia-l4"}],
	}}})
	update := object.union(
		_event("gcp", "google.container.v1.ClusterManager.UpdateNodePool", {"machineType": "g2-standard-8"}),
		{"metadata": {"uid": "e-2"}},
	)
	findings := rule.findings with input.events as [beta, update]
	test.assert_count(findings, 2)
	{f.resource | some f in findings} == {
		"gcp/123456789012/us-east-1/n1-standard-4",
		"gcp/123456789012/us-east-1/g2-standard-8",
	}
}
