package scalewatch.maestro.l2.snapshot_or_image_shared_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l2.snapshot_or_image_shared as rule

_aws := {"provider": "aws", "account": "111122223333", "region": "us-west-2"}

_gcp := {"provider": "gcp", "account": "demo-project", "region": "global"}

_azure := {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "eastus"}

_event(cloud, action, request, resources) := {
	"time_ms": 1732540000000,
	"cloud": cloud,
	"actor": {"principal": "castai-agent"},
	"api": {"action": action, "operation": action, "request": request},
	"resources": resources,
	"status": "success",
	"metadata": {"uid": concat("-", ["e", action])},
}

_share_snapshot(user) := _event(
	_aws, "ec2:ModifySnapshotAttribute", {
		"snapshotId": "snap-0a1b2c3d4e5f67890",
		"attributeType": "CREATE_VOLUME_PERMISSION",
		"createVolumePermission": {"add": {"items": [{"userId": user}]}},
	},
	[],
)

_public_ami := _event(
	_aws, "ec2:ModifyImageAttribute", {
		"imageId": "ami-0f1e2d3c4b5a69788",
		"attributeType": "launchPermission",
		"launchPermission": {"add": {"items": [{"group": "all"}]}},
	},
	[],
)

_image := "projects/demo-project/global/images/castai-node-image-1"

_gcp_image_policy(bindings) := _event(
	_gcp, "compute.images.setIamPolicy",
	{"@type": "type.googleapis.com/compute.images.setIamPolicy", "policy": {"bindings": bindings}},
	[{"type": "gce_image", "uid": _image}],
)

_disk := "/subscriptions/0b1f6471/resourceGroups/mc_rg/providers/Microsoft.Compute/disks/aks-nodepool1-osdisk"

_begin_get_access := _event(
	_azure, "microsoft.compute/disks/begingetaccess/action",
	{"requestbody": {"access": "Read", "durationInSeconds": 86400}},
	[{"type": "Microsoft.Compute/disks", "uid": _disk}],
)

test_findings_aws_snapshot_shared_with_other_account if {
	findings := rule.findings with input.events as [_share_snapshot("999988887777")]
	test.assert_rule(findings, "SW-L2-004")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/us-west-2/snap-0a1b2c3d4e5f67890"
	f.detail == "shared snap-0a1b2c3d4e5f67890 with 999988887777"
}

test_findings_aws_ami_made_public if {
	findings := rule.findings with input.events as [_public_ami]
	some f in findings
	f.detail == "shared ami-0f1e2d3c4b5a69788 with everyone (public)"
}

test_findings_aws_rds_snapshot_public if {
	event := _event(
		_aws, "rds:ModifyDBSnapshotAttribute", {
			"dBSnapshotIdentifier": "billing-db-final",
			"attributeName": "restore", "valuesToAdd": ["all"],
		},
		[],
	)
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == "aws/111122223333/us-west-2/billing-db-final"
}

test_findings_gcp_image_to_all_users if {
	event := _gcp_image_policy([{"role": "roles/compute.imageUser", "members": ["allUsers"]}])
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == concat("/", ["gcp/demo-project/global", _image])
	contains(f.detail, "allUsers")
}

test_findings_gcp_policy_delta_adds_external_member if {
	deltas := [
		{"action": "ADD", "role": "roles/compute.imageUser", "member": "user:attacker@evil.example"},
		{"action": "REMOVE", "role": "roles/compute.imageUser", "member": "user:ops@acme.example"},
	]
	response := {"serviceData": {"policyDelta": {"bindingDeltas": deltas}}}
	event := object.union(_gcp_image_policy([]), {"api": {"response": response}})
	findings := rule.findings with input.events as [event]
	some f in findings
	f.detail == concat("", ["shared ", _image, " with user:attacker@evil.example"])
}

test_findings_azure_disk_sas_export if {
	findings := rule.findings with input.events as [_begin_get_access]
	some f in findings
	f.resource == concat("/", ["azure/0b1f6471-1bf0-4dda-aec3-cb9272f09590/eastus", _disk])
}

test_no_findings_permission_removed_or_other_attribute if {
	removed := _event(
		_aws, "ec2:ModifySnapshotAttribute", {
			"snapshotId": "snap-0a1b2c3d4e5f67890",
			"createVolumePermission": {"remove": {"items": [{"userId": "999988887777"}]}},
		},
		[],
	)
	description := _event(
		_aws, "ec2:ModifyImageAttribute", {
			"imageId": "ami-0f1e2d3c4b5a69788", "attributeType": "description",
			"description": {"value": "castai node image"},
		},
		[],
	)
	test.assert_empty(rule.findings) with input.events as [removed, description, _share_snapshot("111122223333")]
}

test_no_findings_gcp_own_service_account_or_trusted if {
	own := _gcp_image_policy([{
		"role": "roles/compute.imageUser",
		"members": ["serviceAccount:castai-gke-tf-1a2b@demo-project.iam.gserviceaccount.com"],
	}])
	partner := _gcp_image_policy([{"role": "roles/compute.imageUser", "members": ["group:images@acme.example"]}])
	test.assert_empty(rule.findings) with input.events as [own, partner]
		with input.config as {"image_share": {"trusted_members": ["group:*@acme.example"]}}
}

test_no_findings_gcp_delta_removes_only if {
	deltas := [{"action": "REMOVE", "role": "roles/compute.imageUser", "member": "allUsers"}]
	response := {"serviceData": {"policyDelta": {"bindingDeltas": deltas}}}
	policy := _gcp_image_policy([{"role": "roles/owner", "members": ["user:ops@acme.example"]}])
	event := object.union(policy, {"api": {"response": response}})
	test.assert_empty(rule.findings) with input.events as [event]
}

test_no_findings_in_progress if {
	test.assert_empty(rule.findings) with input.events as [object.union(_begin_get_access, {"status": "in_progress"})]
}

test_findings_missing_request_reported if {
	bare := json.remove(_share_snapshot("999988887777"), ["api/request", "status"])
	findings := rule.findings with input.events as [bare]
	some f in findings
	f.resource == "aws/111122223333/us-west-2/ec2:ModifySnapshotAttribute"
	contains(f.detail, "unknown recipients")
}

test_findings_denied_share_is_reported if {
	findings := rule.findings with input.events as [object.union(_public_ami, {"status": "failure"})]
	some f in findings
	startswith(f.detail, "tried to share (failed)")
}

test_findings_azure_snapshot_sas_and_gallery_share if {
	snapshot := "/subscriptions/0b1f6471/resourceGroups/backup/providers/Microsoft.Compute/snapshots/pgdata-2611"
	gallery := "/subscriptions/0b1f6471/resourceGroups/images/providers/Microsoft.Compute/galleries/prodNodeImages"
	events := [
		_event(
			_azure, "microsoft.compute/snapshots/begingetaccess/action",
			{"requestbody": {"access": "Read", "durationInSeconds": 3600}},
			[{"type": "Microsoft.Compute/snapshots", "uid": snapshot}],
		),
		_event(
			_azure, "microsoft.compute/galleries/share/action",
			{"requestbody": {"operationType": "Add", "groups": [{"type": "Subscriptions", "ids": ["44444444"]}]}},
			[{"type": "Microsoft.Compute/galleries", "uid": gallery}],
		),
	]
	findings := rule.findings with input.events as events
	test.assert_rule(findings, "SW-L2-004")
	test.assert_count(findings, 2)
}

# A disk granted to a service account of another project is outside the project.
test_findings_gcp_disk_to_other_project_service_account if {
	member := "serviceAccount:collector@attacker-proj-4471.iam.gserviceaccount.com"
	event := _event(
		_gcp, "compute.disks.setIamPolicy",
		{"policy": {"bindings": [{"role": "roles/compute.storageAdmin", "members": [member]}]}},
		[{"type": "gce_disk", "uid": "projects/demo-project/zones/us-central1-a/disks/pgdata-0"}],
	)
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, member)
}
