package scalewatch.maestro.l6.iam_policy_modified_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.iam_policy_modified as rule

_event(cloud, account, action, request) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": account, "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks"},
	"api": {"action": action, "request": request},
	"status": "success",
	"metadata": {"uid": "e-1", "read_only": false},
}

test_findings_aws_attach_role_policy if {
	request := {"roleName": "castai-eks", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}
	findings := rule.findings with input.events as [_event("aws", "123456789012", "iam:AttachRolePolicy", request)]
	test.assert_rule(findings, "SW-L6-002")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "arn:aws:iam::123456789012:role/castai-eks"
	contains(f.detail, "AdministratorAccess")
}

test_findings_aws_policy_version_names_policy if {
	request := {"policyArn": "arn:aws:iam::123456789012:policy/castai-eks-policy", "setAsDefault": true}
	findings := rule.findings with input.events as [_event("aws", "123456789012", "iam:CreatePolicyVersion", request)]
	some f in findings
	f.resource == "arn:aws:iam::123456789012:policy/castai-eks-policy"
}

test_findings_gcp_set_iam_policy_with_deltas if {
	event := object.union(_event("gcp", "demo-project", "SetIamPolicy", {"resource": "projects/demo-project"}), {
		"actor": {"principal": "castai-gke@demo-project.iam.gserviceaccount.com"},
		"resources": [{"type": "project", "uid": "projects/demo-project"}],
		"api": {"response": {"serviceData": {"policyDelta": {"bindingDeltas": [
			{"action": "ADD", "role": "roles/owner", "member": "user:attacker@evil.example"},
			{"action": "REMOVE", "role": "roles/viewer", "member": "user:bob@corp.example"},
		]}}}},
	})
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "projects/demo-project"
	contains(f.detail, "roles/owner to user:attacker@evil.example")
	not contains(f.detail, "roles/viewer")
}

test_findings_azure_role_assignment if {
	scope := "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333"
	assignment := concat("", [scope, "/providers/Microsoft.Authorization/roleAssignments/a1b2"])
	request := {"requestbody": {"Properties": {
		"PrincipalId": "770797c4-e05a-43f9-bda2-1f1f379987ae",
		"RoleDefinitionId": "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
	}}}
	event := object.union(
		_event("azure", "0b1f6471-1bf0-4dda-aec3-111122223333", "microsoft.authorization/roleassignments/write", request),
		{"resources": [{"type": "Microsoft.Authorization/roleAssignments", "uid": assignment}]},
	)
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == assignment
	contains(f.detail, "8e3af657")
}

# The engine merges findings by (rule, cloud, account, region, resource): both events share one key.
test_findings_same_role_share_merge_key if {
	request := {"roleName": "node-role", "policyName": "inline", "policyDocument": "{}"}
	events := [
		_event("aws", "123456789012", "iam:PutRolePolicy", request),
		object.union(_event("aws", "123456789012", "iam:PutRolePolicy", request), {"metadata": {"uid": "e-2"}}),
	]
	findings := rule.findings with input.events as events
	test.assert_count(findings, 2)
	test.assert_count({[f.cloud, f.resource] | some f in findings}, 1)
}

test_no_findings_own_instance_profile if {
	create := _event("aws", "123456789012", "iam:CreateInstanceProfile", {
		"instanceProfileName": "demo_1234567890123456789",
		"path": "/karpenter/us-east-1/demo/9f0c/",
	})
	add := _event("aws", "123456789012", "iam:AddRoleToInstanceProfile", {
		"instanceProfileName": "cast-demo-eks-node",
		"roleName": "cast-demo-eks-node-role",
	})
	test.assert_empty(rule.findings) with input.events as [create, add]
}

test_findings_foreign_instance_profile if {
	add := _event("aws", "123456789012", "iam:AddRoleToInstanceProfile", {
		"instanceProfileName": "web-tier",
		"roleName": "OrganizationAccountAccessRole",
	})
	findings := rule.findings with input.events as [add]
	some f in findings
	f.resource == "arn:aws:iam::123456789012:instance-profile/web-tier"
	contains(f.detail, "role OrganizationAccountAccessRole")
}

test_no_findings_autoscaler_day if {
	events := [
		_event("aws", "123456789012", "ec2:RunInstances", {"instanceType": "m5.large"}),
		_event("aws", "123456789012", "ec2:CreateTags", {}),
		_event("aws", "123456789012", "iam:ListRoles", {}),
	]
	test.assert_empty(rule.findings) with input.events as events
}

test_no_findings_denied_call if {
	event := object.union(_event("aws", "123456789012", "iam:AttachRolePolicy", {"roleName": "x"}), {
		"status": "failure",
		"api": {"error": {"code": "AccessDenied"}},
	})
	test.assert_empty(rule.findings) with input.events as [event]
}

test_findings_missing_request_falls_back_to_location if {
	bare := object.remove(_event("gcp", "demo-project", "google.iam.admin.v1.CreateRole", {}), ["api"])
	event := object.union(bare, {"api": {"action": "google.iam.admin.v1.CreateRole"}})
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == "gcp/demo-project/us-east-1/google.iam.admin.v1.CreateRole"
}

# GCP names SetIamPolicy per service; the catalog's method_classes covers the ones it does not list.
test_findings_gcp_per_service_set_iam_policy if {
	secret := _event("gcp", "prod-gke-7731", "google.cloud.secretmanager.v1.SecretManagerService.SetIamPolicy", {
		"resource": "projects/381920551234/secrets/prod-db-password",
		"policy": {"bindings": [{"role": "roles/secretmanager.secretAccessor", "members": ["user:x@example.com"]}]},
	})
	instance := object.union(
		_event("gcp", "prod-gke-7731", "compute.instances.setIamPolicy", {}),
		{"metadata": {"uid": "e-2"}},
	)
	bucket := object.union(_event("gcp", "prod-gke-7731", "storage.setIamPermissions", {}), {"metadata": {"uid": "e-3"}})
	findings := rule.findings with input.events as [secret, instance, bucket]
	test.assert_count(findings, 3)
	some f in findings
	f.resource == "projects/381920551234/secrets/prod-db-password"
	startswith(f.detail, "google.cloud.secretmanager.v1.SecretManagerService.SetIamPolicy on ")
}

# Image, snapshot and disk IAM is sharing (SW-L2-004), and a per-service GetIamPolicy is a read.
test_no_findings_gcp_image_share_or_get_iam_policy if {
	test.assert_empty(rule.findings) with input.events as [
		_event("gcp", "prod-gke-7731", "compute.images.setIamPolicy", {}),
		_event("gcp", "prod-gke-7731", "google.cloud.secretmanager.v1.SecretManagerService.GetIamPolicy", {}),
	]
}

test_findings_gcp_project_ownership_invite if {
	request := {"member": "user:attacker@gmail.com", "projectId": "demo-project"}
	event := object.union(_event("gcp", "demo-project", "InsertProjectOwnershipInvite", request), {
		"actor": {"principal": "castai-gke@demo-project.iam.gserviceaccount.com"},
		"resources": [{"type": "project", "uid": "projects/demo-project"}],
	})
	findings := rule.findings with input.events as [event]
	test.assert_rule(findings, "SW-L6-002")
	test.assert_count(findings, 1)
}

test_findings_gcp_workload_identity_provider_created if {
	request := {
		"parent": "projects/demo-project/locations/global/workloadIdentityPools/ci-pool",
		"workloadIdentityPoolProviderId": "github",
	}
	action := "google.iam.v1.WorkloadIdentityPools.CreateWorkloadIdentityPoolProvider"
	findings := rule.findings with input.events as [_event("gcp", "demo-project", action, request)]
	test.assert_rule(findings, "SW-L6-002")
	test.assert_count(findings, 1)
}
