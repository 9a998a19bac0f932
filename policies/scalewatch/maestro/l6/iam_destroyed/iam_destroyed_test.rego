package scalewatch.maestro.l6.iam_destroyed_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.iam_destroyed as rule

_sub := "0b1f6471-1bf0-4dda-aec3-111122223333"

_event(cloud, account, action, request, resources) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": account, "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks"},
	"api": {"action": action, "request": request},
	"resources": resources,
	"status": "success",
	"metadata": {"uid": "e-1", "read_only": false},
}

_aws(action, request) := _event("aws", "123456789012", action, request, [])

test_findings_aws_delete_workload_role if {
	findings := rule.findings with input.events as [_aws("iam:DeleteRole", {"roleName": "payments-api"})]
	test.assert_rule(findings, "SW-L6-007")
	some f in findings
	f.resource == "arn:aws:iam::123456789012:role/payments-api"
}

test_findings_aws_detach_admin_policy if {
	request := {"roleName": "ops-admin", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}
	findings := rule.findings with input.events as [_aws("iam:DetachRolePolicy", request)]
	some f in findings
	f.resource == "arn:aws:iam::123456789012:role/ops-admin"
	contains(f.detail, "AdministratorAccess")
}

test_findings_aws_foreign_instance_profile if {
	request := {"instanceProfileName": "bastion", "roleName": "bastion-role"}
	findings := rule.findings with input.events as [_aws("iam:RemoveRoleFromInstanceProfile", request)]
	some f in findings
	f.resource == "arn:aws:iam::123456789012:instance-profile/bastion"
	contains(f.detail, "role bastion-role")
}

test_findings_gcp_service_account_deleted if {
	uid := "projects/demo-project/serviceAccounts/ci-deployer@demo-project.iam.gserviceaccount.com"
	resources := [{"type": "service_account", "uid": uid}]
	event := _event("gcp", "demo-project", "google.iam.admin.v1.DeleteServiceAccount", {"name": uid}, resources)
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == uid
}

test_findings_azure_role_assignment_deleted if {
	uid := concat("", ["/subscriptions/", _sub, "/providers/Microsoft.Authorization/roleAssignments/9f1c"])
	resources := [{"type": "Microsoft.Authorization/roleAssignments", "uid": uid}]
	event := _event("azure", _sub, "microsoft.authorization/roleassignments/delete", {}, resources)
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_no_findings_own_node_instance_profiles if {
	events := [
		_aws("iam:RemoveRoleFromInstanceProfile", {"instanceProfileName": "cast-demo-eks-1a2b", "roleName": "cast-node"}),
		_aws("iam:DeleteInstanceProfile", {"instanceProfileName": "cast-demo-eks-1a2b"}),
		_aws("iam:DeleteInstanceProfile", {"instanceProfileName": "KarpenterNodeInstanceProfile-demo"}),
	]
	test.assert_empty(rule.findings) with input.events as events
}

test_no_findings_karpenter_hash_profile_in_its_profile if {
	event := _aws("iam:DeleteInstanceProfile", {"instanceProfileName": "demo_10293847561029384756"})
	test.assert_empty(rule.findings) with input.events as [event] with input.agent_profile.id as "karpenter"
}

test_findings_karpenter_hash_profile_in_default_profile if {
	event := _aws("iam:DeleteInstanceProfile", {"instanceProfileName": "demo_10293847561029384756"})
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_findings_cluster_autoscaler_has_no_own_profiles if {
	event := _aws("iam:DeleteInstanceProfile", {"instanceProfileName": "cast-demo-eks-1a2b"})
	test.assert_count(rule.findings, 1) with input.events as [event]
		with input.agent_profile.id as "cluster-autoscaler"
}

test_no_findings_autoscaler_day if {
	events := [_aws("ec2:TerminateInstances", {}), _aws("iam:ListInstanceProfiles", {})]
	test.assert_empty(rule.findings) with input.events as events
}

test_findings_missing_request_falls_back_to_location if {
	event := json.remove(_aws("iam:DeleteRole", {}), ["api/request"])
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == "aws/123456789012/us-east-1/iam:DeleteRole"
}
