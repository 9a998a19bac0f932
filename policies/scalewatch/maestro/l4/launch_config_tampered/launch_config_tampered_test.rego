package scalewatch.maestro.l4.launch_config_tampered_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.launch_config_tampered as rule

_redacted := {
	"redacted": true, "length": 812,
	"sha256": "9f2c41d0b6f0a3c1e2d4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6",
}

_event(cloud, action, api) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks-demo"},
	"api": object.union({"action": action}, api),
	"resources": [{"type": "instance", "uid": "projects/demo/zones/us-central1-a/instances/gke-node-1"}],
	"status": "success",
	"metadata": {"uid": "e-1"},
}

_aws(request) := object.remove(_event("aws", "ec2:ModifyInstanceAttribute", {"request": request}), ["resources"])

_gce_set_metadata(delta) := _event("gcp", "compute.instances.setMetadata", {
	"request": {"@type": "type.googleapis.com/compute.instances.setMetadata"},
	"response": {
		"@type": "type.googleapis.com/operation",
		"operationType": "setMetadata",
		"metadata": {
			"@type": "type.googleapis.com/google.cloud.audit.GceInstanceAuditMetadata",
			"instanceMetadataDelta": delta,
		},
	},
})

_azure_extension(api) := _event("azure", "microsoft.compute/virtualmachines/extensions/write", api)

test_findings_aws_user_data_replaced if {
	findings := rule.findings with input.events as [_aws({"instanceId": "i-0a1b2c3d4e5f60718", "userData": _redacted})]
	test.assert_rule(findings, "SW-L4-003")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "i-0a1b2c3d4e5f60718"
}

test_findings_aws_attribute_form if {
	event := _aws({"instanceId": "i-0a1b2c3d4e5f60718", "attribute": "userData", "value": "<sensitiveDataRemoved>"})
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_findings_gcp_startup_script_modified if {
	event := _gce_set_metadata({"modifiedMetadataKeys": ["startup-script"]})
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "projects/demo/zones/us-central1-a/instances/gke-node-1"
	contains(f.detail, "startup-script")
}

test_findings_gcp_project_metadata_items if {
	request := {
		"@type": "type.googleapis.com/compute.projects.setCommonInstanceMetadata",
		"items": [{"key": "startup-script-url", "value": "gs://x/boot.sh"}],
	}
	event := _event("gcp", "compute.projects.setCommonInstanceMetadata", {"request": request})
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_findings_azure_custom_script_extension if {
	request := {"requestbody": {"properties": {
		"publisher": "Microsoft.Azure.Extensions", "type": "CustomScript", "typeHandlerVersion": "2.1",
		"protectedSettings": _redacted,
	}}}
	findings := rule.findings with input.events as [_azure_extension({"request": request})]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "CustomScript")
}

test_findings_azure_extension_start_entry if {
	request := {"requestbody": {"properties": {"publisher": "Microsoft.Azure.Extensions", "type": "CustomScript"}}}
	start := object.union(_azure_extension({"request": request}), {"status": "in_progress"})
	test.assert_count(rule.findings, 1) with input.events as [start]
}

test_findings_azure_type_from_response if {
	api := {"request": {"statusCode": "OK"}, "response": {"properties": {"type": "RunCommandLinux"}}}
	test.assert_count(rule.findings, 1) with input.events as [_azure_extension(api)]
}

test_findings_templates_when_enabled if {
	request := {"CreateLaunchTemplateVersionRequest": {
		"LaunchTemplateName": "castai-node-template",
		"LaunchTemplateData": {"InstanceType": "m5.large", "UserData": "<sensitiveDataRemoved>"},
	}}
	event := _event("aws", "ec2:CreateLaunchTemplateVersion", {"request": request})
	findings := rule.findings with input.events as [event]
		with input.config as {"launch_config_tampered": {"report_templates": true}}
	test.assert_count(findings, 1)
}

test_no_findings_template_with_user_data_by_default if {
	request := {"CreateLaunchTemplateVersionRequest": {"LaunchTemplateData": {"UserData": "<sensitiveDataRemoved>"}}}
	event := _event("aws", "ec2:CreateLaunchTemplateVersion", {"request": request})
	test.assert_empty(rule.findings) with input.events as [event]
}

test_no_findings_other_attribute if {
	event := _aws({"instanceId": "i-0a1b2c3d4e5f60718", "sourceDestCheck": {"value": false}})
	test.assert_empty(rule.findings) with input.events as [event]
}

test_no_findings_gcp_other_keys if {
	event := _gce_set_metadata({"addedMetadataKeys": ["cast-node-template"], "modifiedMetadataKeys": ["kube-labels"]})
	test.assert_empty(rule.findings) with input.events as [event]
}

test_no_findings_azure_monitoring_extension if {
	request := {"requestbody": {"properties": {"publisher": "Microsoft.Azure.Monitor", "type": "AzureMonitorLinuxAgent"}}}
	test.assert_empty(rule.findings) with input.events as [_azure_extension({"request": request})]
}

test_no_findings_failed_call if {
	event := object.union(_aws({"instanceId": "i-0a1b2c3d4e5f60718", "userData": _redacted}), {"status": "failure"})
	test.assert_empty(rule.findings) with input.events as [event]
}

test_findings_missing_aws_request if {
	findings := rule.findings with input.events as [object.remove(_aws({}), [["api", "request"]])]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "without a recorded request")
}

test_findings_missing_gcp_keys if {
	request := {"@type": "type.googleapis.com/compute.instances.setMetadata"}
	event := _event("gcp", "compute.instances.setMetadata", {"request": request})
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_findings_missing_azure_body if {
	test.assert_count(rule.findings, 1) with input.events as [_azure_extension({})]
}

_azure_vm := "/subscriptions/7f3e2d1c/resourceGroups/mc_prod/providers/Microsoft.Compute/virtualMachines/aks-e8-77d02"

_azure_vm_write(request, status) := object.union(
	_event("azure", "microsoft.compute/virtualmachines/write", {"request": request}),
	{"resources": [{"type": "Microsoft.Compute/virtualMachines", "uid": _azure_vm}], "status": status},
)

# A PATCH of userData, as the Start entry's requestbody shows it (the normalizer redacts the value).
test_findings_azure_vm_user_data_set if {
	request := {"eventCategory": "Administrative", "requestbody": {"properties": {"userData": _redacted}}}
	findings := rule.findings with input.events as [_azure_vm_write(request, "in_progress")]
	test.assert_rule(findings, "SW-L4-003")
	test.assert_count(findings, 1)
	some f in findings
	f.detail == concat("", ["set the user data of ", _azure_vm])
}

# customData can only be given when the VM is created: it is the launch's bootstrap, not a change.
test_no_findings_azure_vm_created_with_custom_data if {
	request := {"requestbody": {"properties": {
		"hardwareProfile": {"vmSize": "Standard_D8s_v5"},
		"osProfile": {"computerName": "aks-d8", "customData": _redacted},
	}}}
	test.assert_empty(rule.findings) with input.events as [_azure_vm_write(request, "in_progress")]
}

test_no_findings_azure_vm_write_without_body_or_failed if {
	test.assert_empty(rule.findings) with input.events as [
		_azure_vm_write({"statusCode": "OK"}, "success"),
		_azure_vm_write({"requestbody": {"properties": {"userData": _redacted}}}, "failure"),
	]
}
