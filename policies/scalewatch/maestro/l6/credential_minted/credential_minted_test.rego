package scalewatch.maestro.l6.credential_minted_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.credential_minted as rule

_aws(action, request) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": "aws", "account": "123456789012", "region": "us-east-1"},
	"actor": {
		"principal": "arn:aws:iam::123456789012:role/castai-eks",
		"session": "arn:aws:sts::123456789012:assumed-role/castai-eks/castai",
		"type": "AssumedRole",
	},
	"api": {
		"action": action, "request": request,
		"response": {"accessKey": {"accessKeyId": "AKIAIOSFODNN7EXAMPLE", "status": "Active"}},
	},
	"status": "success",
	"metadata": {"uid": "e-1", "read_only": false},
}

_gcp(action, name, caller) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": "gcp", "account": "demo-project", "region": "global"},
	"actor": {"principal": caller, "type": "ServiceAccount"},
	"api": {"action": action, "request": {"name": name}},
	"status": "success",
	"metadata": {"uid": "g-1", "read_only": false},
}

_agent_sa := "castai-gke@demo-project.iam.gserviceaccount.com"

test_findings_aws_access_key_for_user if {
	findings := rule.findings with input.events as [_aws("iam:CreateAccessKey", {"userName": "admin"})]
	test.assert_rule(findings, "SW-L6-003")
	some f in findings
	f.resource == "arn:aws:iam::123456789012:user/admin"
	not contains(f.detail, "AKIAIOSFODNN7EXAMPLE")
}

test_findings_aws_access_key_for_caller if {
	event := object.union(_aws("iam:CreateAccessKey", {}), {"actor": {
		"principal": "arn:aws:iam::123456789012:user/cast-eks-demo",
		"type": "IAMUser",
	}})
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == "arn:aws:iam::123456789012:user/cast-eks-demo"
}

test_findings_aws_login_profile if {
	findings := rule.findings with input.events as [_aws("iam:CreateLoginProfile", {"userName": "ops"})]
	test.assert_count(findings, 1)
}

test_findings_gcp_service_account_key if {
	name := "projects/demo-project/serviceAccounts/castai-gke@demo-project.iam.gserviceaccount.com"
	event := _gcp("google.iam.admin.v1.CreateServiceAccountKey", name, _agent_sa)
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == _agent_sa
}

test_findings_gcp_token_for_other_account if {
	name := "projects/-/serviceAccounts/prod-admin@demo-project.iam.gserviceaccount.com"
	findings := rule.findings with input.events as [_gcp("GenerateAccessToken", name, _agent_sa)]
	some f in findings
	f.resource == "prod-admin@demo-project.iam.gserviceaccount.com"
}

test_findings_azure_federated_credential if {
	uid := concat("", [
		"/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg/providers/",
		"Microsoft.ManagedIdentity/userAssignedIdentities/castai/federatedIdentityCredentials/evil",
	])
	event := {
		"time_ms": 1732540000000,
		"cloud": {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-111122223333", "region": "westeurope"},
		"actor": {"principal": "5f0c8e9a-0000-4000-8000-000000000001", "type": "ServicePrincipal"},
		"api": {"action": "microsoft.managedidentity/userassignedidentities/federatedidentitycredentials/write"},
		"resources": [{"type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials", "uid": uid}],
		"status": "success",
		"metadata": {"uid": "a-1", "read_only": false},
	}
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == uid
}

test_no_findings_gcp_own_token if {
	name := concat("", ["projects/-/serviceAccounts/", upper(_agent_sa)])
	events := [
		_gcp("google.iam.credentials.v1.IAMCredentials.GenerateAccessToken", name, _agent_sa),
		_gcp("SignJwt", name, _agent_sa),
	]
	test.assert_empty(rule.findings) with input.events as events
}

test_no_findings_autoscaler_day if {
	events := [
		_aws("ec2:RunInstances", {"instanceType": "c6i.xlarge"}),
		_aws("ec2:CreateLaunchTemplateVersion", {}),
		_aws("sts:GetCallerIdentity", {}),
	]
	test.assert_empty(rule.findings) with input.events as events
}

test_no_findings_denied if {
	denied := object.union(_aws("iam:CreateAccessKey", {"userName": "admin"}), {"status": "failure"})
	test.assert_empty(rule.findings) with input.events as [denied]
}

test_findings_gcp_key_without_request_name if {
	event := object.union(
		object.remove(_gcp("google.iam.admin.v1.CreateServiceAccountKey", "", _agent_sa), ["api"]),
		{"api": {"action": "google.iam.admin.v1.CreateServiceAccountKey"}},
	)
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == "gcp/demo-project/global/google.iam.admin.v1.CreateServiceAccountKey"
}
