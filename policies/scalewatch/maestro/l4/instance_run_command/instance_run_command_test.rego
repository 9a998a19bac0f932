package scalewatch.maestro.l4.instance_run_command_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.instance_run_command as rule

_event(cloud, action, api, resources) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-west-2"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks-demo"},
	"api": object.union({"action": action}, api),
	"resources": resources,
	"status": "success",
	"metadata": {"uid": "e-1"},
}

_send_command(request) := _event("aws", "ssm:SendCommand", {"operation": "SendCommand", "request": request}, [])

test_findings_ssm_send_command_per_instance if {
	request := {
		"documentName": "AWS-RunShellScript",
		"instanceIds": ["i-006e4c07b5fba8ad2", "i-01bf673280e708b0d"],
		"interactive": false,
		"parameters": "HIDDEN_DUE_TO_SECURITY_REASONS",
	}
	findings := rule.findings with input.events as [_send_command(request)]
	test.assert_rule(findings, "SW-L4-004")
	test.assert_count(findings, 2)
	{f.resource | some f in findings} == {"i-006e4c07b5fba8ad2", "i-01bf673280e708b0d"}
	some f in findings
	f.detail == "SendCommand AWS-RunShellScript on i-006e4c07b5fba8ad2"
}

test_findings_ssm_tag_targets if {
	request := {"documentName": "AWS-RunShellScript", "targets": [{"key": "tag:eks:nodegroup-name", "values": ["ng-1"]}]}
	findings := rule.findings with input.events as [_send_command(request)]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "tag:eks:nodegroup-name=ng-1"
}

test_findings_ssm_start_session if {
	api := {"operation": "StartSession", "request": {"target": "i-0a1b2c3d4e5f60718"}}
	findings := rule.findings with input.events as [_event("aws", "ssm:StartSession", api, [])]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "i-0a1b2c3d4e5f60718"
}

test_findings_azure_vm_run_command if {
	vm := "/subscriptions/1111/resourceGroups/mc_rg/providers/Microsoft.Compute/virtualMachines/aks-node-1"
	api := {"request": {"requestbody": {"commandId": "RunShellScript", "script": ["<redacted>"]}}}
	event := _event("azure", "microsoft.compute/virtualmachines/runcommand/action", api, [{"type": "vm", "uid": vm}])
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == vm
	contains(f.detail, "RunShellScript")
}

test_findings_aks_run_command if {
	cluster := "/subscriptions/1111/resourceGroups/aks-rg/providers/Microsoft.ContainerService/managedClusters/prod"
	action := "microsoft.containerservice/managedclusters/runcommand/action"
	event := _event("azure", action, {}, [{"type": "managedClusters", "uid": cluster}])
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_findings_gcp_serial_console if {
	request := {"@type": "type.googleapis.com/google.compute.SerialConsoleSessionBegin", "username": "castai"}
	port := "projects/demo/zones/us-central1-f/instances/gke-node-1/SerialPort/1"
	event := _event("gcp", "google.ssh-serialport.v1.connect", {"request": request}, [{"type": "instance", "uid": port}])
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_no_findings_read_calls if {
	event := _event("aws", "ssm:DescribeInstanceInformation", {}, [])
	test.assert_empty(rule.findings) with input.events as [event]
}

test_no_findings_failed_call if {
	event := object.union(_send_command({"instanceIds": ["i-006e4c07b5fba8ad2"]}), {"status": "failure"})
	test.assert_empty(rule.findings) with input.events as [event]
}

test_findings_missing_request if {
	findings := rule.findings with input.events as [object.remove(_send_command({}), [["api", "request"]])]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/123456789012/us-west-2"
}

# GCP has no RunCommand API; an OS Config patch job runs its pre/post-step scripts on every matched VM.
test_findings_gcp_patch_job if {
	request := {
		"parent": "projects/prod-gke-7731",
		"instanceFilter": {"groupLabels": [{"labels": {"goog-k8s-cluster-name": "prod-gke"}}]},
		"patchConfig": {"preStep": {"linuxExecStepConfig": {"gcsObject": {"bucket": "ops", "object": "pre.sh"}}}},
	}
	resource := [{"type": "audited_resource", "uid": "projects/prod-gke-7731/patchJobs/4a1f0c3d"}]
	api := {"operation": "google.cloud.osconfig.v1.OsConfigService.ExecutePatchJob", "request": request}
	event := _event("gcp", "google.cloud.osconfig.v1.OsConfigService.ExecutePatchJob", api, resource)
	findings := rule.findings with input.events as [event]
	test.assert_rule(findings, "SW-L4-004")
	some f in findings
	f.resource == "projects/prod-gke-7731/patchJobs/4a1f0c3d"
}

test_findings_azure_serial_console_connect if {
	vm := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1"
	port := concat("", [vm, "/providers/Microsoft.SerialConsole/serialPorts/0"])
	resource := {"type": "Microsoft.SerialConsole/serialPorts", "uid": port}
	api := {"operation": "Microsoft.SerialConsole/serialPorts/connect/action"}
	event := _event("azure", "microsoft.serialconsole/serialports/connect/action", api, [resource])
	findings := rule.findings with input.events as [event]
	test.assert_rule(findings, "SW-L4-004")
	test.assert_count(findings, 1)
}
