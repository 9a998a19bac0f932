package scalewatch.maestro.l4.ssh_key_material_added_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.ssh_key_material_added as rule

_event(cloud, action, api, resources) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks-demo"},
	"api": object.union({"action": action}, api),
	"resources": resources,
	"status": "success",
	"metadata": {"uid": "e-1"},
}

_import_key_pair(name) := _event(
	"aws", "ec2:ImportKeyPair", {
		"operation": "ImportKeyPair",
		"request": {"keyName": name, "publicKeyMaterial": {"redacted": true, "length": 564, "sha256": "ab12"}},
		"response": {"keyName": name, "keyFingerprint": "1f:51:ae:28:bf:89:e9:d8:1f:25:5d:37:2d:7d:b8:ca"},
	},
	[],
)

_instance := "projects/demo/zones/us-central1-f/instances/gke-node-1"

test_findings_import_key_pair if {
	findings := rule.findings with input.events as [_import_key_pair("backdoor")]
	test.assert_rule(findings, "SW-L4-008")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "backdoor"
	f.detail == "ImportKeyPair backdoor"
}

test_findings_instance_connect_key if {
	request := {"instanceId": "i-0a1b2c3d4e5f60718", "instanceOSUser": "ec2-user", "sSHPublicKey": "<redacted>"}
	api := {"operation": "SendSSHPublicKey", "request": request}
	findings := rule.findings with input.events as [_event("aws", "ec2-instance-connect:SendSSHPublicKey", api, [])]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "i-0a1b2c3d4e5f60718"
}

test_findings_gce_ssh_keys_metadata if {
	api := {
		"request": {"@type": "type.googleapis.com/compute.instances.setMetadata"},
		"response": {"metadata": {"instanceMetadataDelta": {"addedMetadataKeys": ["ssh-keys"]}}},
	}
	event := _event("gcp", "compute.instances.setMetadata", api, [{"type": "instance", "uid": _instance}])
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _instance
}

test_findings_gce_project_ssh_keys if {
	api := {"response": {"metadata": {"projectMetadataDelta": {"modifiedMetadataKeys": ["ssh-keys"]}}}}
	event := _event("gcp", "compute.projects.setCommonInstanceMetadata", api, [{"uid": "projects/demo"}])
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_findings_azure_vm_access_extension if {
	api := {"request": {"requestbody": {"properties": {
		"publisher": "Microsoft.OSTCExtensions", "type": "VMAccessForLinux",
		"protectedSettings": {"redacted": true, "length": 600, "sha256": "cd34"},
	}}}}
	event := _event("azure", "microsoft.compute/virtualmachines/extensions/write", api, [])
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_findings_azure_vm_access_extension_start_entry if {
	properties := {"publisher": "Microsoft.OSTCExtensions", "type": "VMAccessForLinux"}
	api := {"request": {"requestbody": {"properties": properties}}}
	event := _event("azure", "microsoft.compute/virtualmachines/extensions/write", api, [])
	start := object.union(event, {"status": "in_progress"})
	test.assert_count(rule.findings, 1) with input.events as [start]
}

test_findings_azure_ssh_public_key if {
	key := "/subscriptions/1111/resourceGroups/mc_rg/providers/Microsoft.Compute/sshPublicKeys/backdoor"
	event := _event("azure", "microsoft.compute/sshpublickeys/write", {}, [{"type": "sshPublicKeys", "uid": key}])
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_no_findings_allowed_key_name if {
	findings := rule.findings with input.events as [_import_key_pair("cast-demo-cluster")]
		with input.config as {"ssh_key_material": {"allowed_key_names": ["cast-*"]}}
	test.assert_empty(findings)
}

test_no_findings_other_metadata_or_extension if {
	delta := {"modifiedMetadataKeys": ["startup-script"]}
	gce_api := {"response": {"metadata": {"instanceMetadataDelta": delta}}}
	gce := _event("gcp", "compute.instances.setMetadata", gce_api, [])
	body := {"requestbody": {"properties": {"type": "CustomScript"}}}
	azure := _event("azure", "microsoft.compute/virtualmachines/extensions/write", {"request": body}, [])
	test.assert_empty(rule.findings) with input.events as [gce, azure]
}

test_no_findings_failed_import if {
	event := object.union(_import_key_pair("backdoor"), {"status": "failure"})
	test.assert_empty(rule.findings) with input.events as [event]
}

test_findings_missing_key_name if {
	event := _event("aws", "ec2:CreateKeyPair", {}, [])
	findings := rule.findings with input.events as [event]
		with input.config as {"ssh_key_material": {"allowed_key_names": ["cast-*"]}}
	test.assert_count(findings, 1)
	some f in findings
	f.detail == "ec2:CreateKeyPair aws/123456789012/us-east-1"
}
