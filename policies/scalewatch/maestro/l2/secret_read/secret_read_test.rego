package scalewatch.maestro.l2.secret_read_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l2.secret_read as rule

_aws := {"provider": "aws", "account": "111122223333", "region": "us-west-2"}

_gcp := {"provider": "gcp", "account": "demo-project", "region": "us-central1"}

_azure := {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "eastus"}

_event(cloud, action, request, resources, ip) := {
	"time_ms": 1739562189000,
	"cloud": cloud,
	"actor": {"principal": "arn:aws:iam::111122223333:role/castai-eks-demo", "type": "AssumedRole"},
	"api": {"action": action, "operation": action, "request": request},
	"src_endpoint": {"ip": ip, "user_agent": "aws-sdk-go-v2/1.30.3"},
	"resources": resources,
	"status": "success",
	"metadata": {"uid": concat("-", ["e", action])},
}

_get_secret := _event(_aws, "secretsmanager:GetSecretValue", {"secretId": "prod/payments/db"}, [], "198.51.100.23")

_get_parameters(names, decrypt) := _event(
	_aws, "ssm:GetParameters", {"names": names, "withDecryption": decrypt}, [],
	"198.51.100.23",
)

_decrypt(context, ip) := _event(
	_aws, "kms:Decrypt",
	{"encryptionAlgorithm": "SYMMETRIC_DEFAULT", "encryptionContext": context},
	[{"type": "AWS::KMS::Key", "uid": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}],
	ip,
)

_access_version := _event(
	_gcp, "google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion",
	{"name": "projects/demo-project/secrets/stripe-key/versions/latest"},
	[{"type": "secretmanager.googleapis.com/SecretVersion", "uid": "projects/123/secrets/stripe-key/versions/3"}],
	"34.1.2.3",
)

_gke_list := _event(
	_gcp, "io.k8s.core.v1.secrets.list", {},
	[{"type": "k8s_cluster", "uid": "core/v1/secrets"}], "8.8.8.8",
)

_storage_account := concat("/", [
	"/subscriptions/0b1f6471/resourceGroups/prod-rg",
	"providers/Microsoft.Storage/storageAccounts/prodstorage123",
])

_list_keys := _event(
	_azure, "microsoft.storage/storageaccounts/listkeys/action", {},
	[{"type": "Microsoft.Storage/storageAccounts", "uid": _storage_account}], "1.1.1.1",
)

test_findings_aws_get_secret_value if {
	findings := rule.findings with input.events as [_get_secret]
	test.assert_rule(findings, "SW-L2-001")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/us-west-2/prod/payments/db"
}

test_findings_aws_decrypted_parameters_one_per_name if {
	event := _get_parameters(["/credentials/app/db", "/credentials/app/api"], true)
	findings := rule.findings with input.events as [event]
	{f.resource | some f in findings} == {
		"aws/111122223333/us-west-2//credentials/app/db",
		"aws/111122223333/us-west-2//credentials/app/api",
	}
}

test_findings_aws_own_kms_decrypt if {
	test.assert_count(rule.findings, 1) with input.events as [_decrypt({"Department": "Engineering"}, "198.51.100.23")]
}

test_findings_gcp_secret_manager_access if {
	findings := rule.findings with input.events as [_access_version]
	some f in findings
	f.resource == "gcp/demo-project/us-central1/projects/demo-project/secrets/stripe-key/versions/latest"
}

test_findings_gke_cluster_wide_secret_list if {
	findings := rule.findings with input.events as [_gke_list]
	some f in findings
	f.resource == "gcp/demo-project/us-central1/core/v1/secrets"
}

test_findings_azure_storage_keys_listed if {
	findings := rule.findings with input.events as [_list_keys]
	some f in findings
	f.resource == concat("/", ["azure/0b1f6471-1bf0-4dda-aec3-cb9272f09590/eastus", _storage_account])
}

test_no_findings_karpenter_public_ami_parameters if {
	by_name := _event(
		_aws, "ssm:GetParameter",
		{"name": "/aws/service/eks/optimized-ami/1.30/amazon-linux-2023/x86_64/standard/recommended/image_id"},
		[], "198.51.100.23",
	)
	public_arn := "arn:aws:ssm:us-west-2::parameter/aws/service/bottlerocket/aws-k8s-1.30/x86_64/latest/image_id"
	by_arn := _get_parameters([public_arn], true)
	test.assert_empty(rule.findings) with input.events as [by_name, by_arn]
}

test_no_findings_parameter_read_without_decryption if {
	plain := json.remove(_get_parameters(["/app/flag"], true), ["api/request/withDecryption"])
	test.assert_empty(rule.findings) with input.events as [plain]
}

test_no_findings_kms_decrypt_by_service_for_agent if {
	# each service marker on its own: source endpoint, reserved encryption context key, actor type
	by_source := _decrypt({"Department": "Engineering"}, "AWS Internal")
	by_service_endpoint := _decrypt({}, "secretsmanager.amazonaws.com")
	by_context := _decrypt({"aws:ebs:id": "vol-0abc"}, "198.51.100.23")
	by_type := object.union(_decrypt({}, "198.51.100.23"), {"actor": {"type": "AWSService"}})
	test.assert_empty(rule.findings) with input.events as [by_source, by_service_endpoint, by_context, by_type]
}

test_no_findings_denied_read if {
	test.assert_empty(rule.findings) with input.events as [object.union(_get_secret, {"status": "failure"})]
}

test_no_findings_in_progress if {
	test.assert_empty(rule.findings) with input.events as [object.union(_list_keys, {"status": "in_progress"})]
}

test_no_findings_ignored_by_deployment if {
	test.assert_empty(rule.findings) with input.events as [_get_secret]
		with input.config as {"secret_read": {"ignored_name_patterns": ["prod/payments/*"]}}
}

test_findings_missing_request_falls_back_to_action if {
	bare := json.remove(_get_secret, ["api/request", "resources", "status", "src_endpoint"])
	findings := rule.findings with input.events as [bare]
	some f in findings
	f.resource == "aws/111122223333/us-west-2/secretsmanager:GetSecretValue"
}

test_findings_kms_decrypt_without_source_is_own_call if {
	bare := json.remove(_decrypt({}, "x"), ["src_endpoint", "api/request"])
	test.assert_count(rule.findings, 1) with input.events as [bare]
}

test_findings_windows_password_data_read if {
	event := _event(_aws, "ec2:GetPasswordData", {"instanceId": "i-abcdef1234567890"}, [], "198.51.100.23")
	findings := rule.findings with input.events as [event]
	test.assert_rule(findings, "SW-L2-001")
	test.assert_count(findings, 1)
}
