package scalewatch.maestro.l4.node_identity_swap_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.node_identity_swap as rule

_node_profile := "arn:aws:iam::123456789012:instance-profile/KarpenterNodeInstanceProfile-demo"

_admin_profile := "arn:aws:iam::123456789012:instance-profile/ops-admin"

_event(cloud, action, api) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks-demo"},
	"api": object.union({"action": action}, api),
	"status": "success",
	"metadata": {"uid": "e-1"},
}

_run_instances(profile) := _event("aws", "ec2:RunInstances", {"request": {
	"instanceType": "m5.large",
	"instancesSet": {"items": [{"imageId": "ami-0abcdef1234567890", "minCount": 1, "maxCount": 1}]},
	"iamInstanceProfile": profile,
}})

_allowed := {"allowed_node_identities": ["KarpenterNodeInstanceProfile-*", "gke-nodes@demo.iam.gserviceaccount.com"]}

test_findings_associate_instance_profile if {
	request := {"instanceId": "i-0a1b2c3d4e5f60718", "iamInstanceProfile": {"arn": _admin_profile}}
	findings := rule.findings with input.events as [_event("aws", "ec2:AssociateIamInstanceProfile", {"request": request})]
	test.assert_rule(findings, "SW-L4-005")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "i-0a1b2c3d4e5f60718"
	f.detail == concat("", ["attached ", _admin_profile, " to i-0a1b2c3d4e5f60718"])
}

test_findings_replace_association_resource_from_response if {
	api := {
		"request": {"associationId": "iip-assoc-08049da59357d598c", "iamInstanceProfile": {"name": "ops-admin"}},
		"response": {"iamInstanceProfileAssociation": {"instanceId": "i-0a1b2c3d4e5f60718", "state": "associating"}},
	}
	findings := rule.findings with input.events as [_event("aws", "ec2:ReplaceIamInstanceProfileAssociation", api)]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "i-0a1b2c3d4e5f60718"
}

test_findings_gcp_set_service_account if {
	request := {
		"@type": "type.googleapis.com/compute.instances.setServiceAccount",
		"email": "project-owner@demo.iam.gserviceaccount.com",
		"scopes": ["https://www.googleapis.com/auth/cloud-platform"],
	}
	event := _event("gcp", "compute.instances.setServiceAccount", {"request": request})
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "project-owner@demo.iam.gserviceaccount.com")
}

test_findings_azure_identity_assign if {
	identity := concat("/", [
		"/subscriptions/1111/resourceGroups/ops/providers",
		"Microsoft.ManagedIdentity/userAssignedIdentities/ops-admin",
	])
	event := object.union(
		_event("azure", "microsoft.managedidentity/userassignedidentities/assign/action", {}),
		{"resources": [{"type": "userAssignedIdentities", "uid": identity}]},
	)
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == identity
}

test_findings_launch_with_foreign_profile if {
	findings := rule.findings with input.events as [_run_instances({"arn": _admin_profile})] with input.config as _allowed
	test.assert_count(findings, 1)
	some f in findings
	f.resource == concat("/", ["aws/123456789012/us-east-1", _admin_profile])
}

test_findings_gcp_launch_with_foreign_service_account if {
	request := {
		"machineType": "zones/us-central1-a/machineTypes/n2-standard-8",
		"serviceAccounts": [{"email": "project-owner@demo.iam.gserviceaccount.com", "scopes": ["cloud-platform"]}],
	}
	event := _event("gcp", "compute.instances.insert", {"request": request})
	test.assert_count(rule.findings, 1) with input.events as [event] with input.config as _allowed
}

test_findings_azure_launch_with_foreign_identity if {
	id := "/subscriptions/1111/resourceGroups/ops/providers/Microsoft.ManagedIdentity/userAssignedIdentities/Ops"
	request := {"requestbody": {
		"identity": {"type": "UserAssigned", "userAssignedIdentities": {id: {}}},
		"properties": {"hardwareProfile": {"vmSize": "Standard_D4s_v5"}},
	}}
	event := _event("azure", "microsoft.compute/virtualmachines/write", {"request": request})
	findings := rule.findings with input.events as [event] with input.config as _allowed
	test.assert_count(findings, 1)
	some f in findings
	endswith(f.resource, "userassignedidentities/ops")
}

# The Activity Log names the identity only in the write's Start entry (in_progress); Accept and Success
# entries carry no body.
test_findings_azure_start_entry_with_foreign_identity if {
	id := "/subscriptions/1111/resourceGroups/ops/providers/Microsoft.ManagedIdentity/userAssignedIdentities/Ops"
	request := {"requestbody": {"identity": {"type": "UserAssigned", "userAssignedIdentities": {id: {}}}}}
	event := _event("azure", "microsoft.compute/virtualmachines/write", {"request": request})
	started := json.remove(object.union(event, {"status": "in_progress"}), ["cloud/region"])
	test.assert_count(rule.findings, 1) with input.events as [started] with input.config as _allowed
}

test_no_findings_aws_launch_in_progress if {
	event := object.union(_run_instances(_admin_profile), {"status": "in_progress"})
	test.assert_empty(rule.findings) with input.events as [event] with input.config as _allowed
}

test_no_findings_launch_with_node_profile if {
	events := [_run_instances({"arn": _node_profile}), _run_instances({"name": "KarpenterNodeInstanceProfile-demo"})]
	test.assert_empty(rule.findings) with input.events as events with input.config as _allowed
}

test_no_findings_launch_without_allow_list if {
	test.assert_empty(rule.findings) with input.events as [_run_instances({"arn": _admin_profile})]
}

test_no_findings_failed_attach if {
	request := {"instanceId": "i-0a1b2c3d4e5f60718", "iamInstanceProfile": {"arn": _admin_profile}}
	event := object.union(_event("aws", "ec2:AssociateIamInstanceProfile", {"request": request}), {"status": "failure"})
	test.assert_empty(rule.findings) with input.events as [event]
}

test_findings_missing_profile_name if {
	findings := rule.findings with input.events as [_run_instances({})] with input.config as _allowed
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "an unnamed instance profile")
}

test_findings_missing_attach_request if {
	event := _event("aws", "ec2:AssociateIamInstanceProfile", {"operation": "AssociateIamInstanceProfile"})
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.detail == "AssociateIamInstanceProfile on aws/123456789012/us-east-1"
}
