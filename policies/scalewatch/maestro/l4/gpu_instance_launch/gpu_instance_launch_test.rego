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
