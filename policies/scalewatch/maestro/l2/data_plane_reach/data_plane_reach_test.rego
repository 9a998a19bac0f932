package scalewatch.maestro.l2.data_plane_reach_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l2.data_plane_reach as rule

_grant(actions, source) := {
	"effect": "Allow", "actions": actions, "not_actions": [], "resources": ["*"],
	"conditions": {}, "source": source,
}

_posture(cloud, identity, grants) := {"cloud": cloud, "identity": identity, "account": "acct", "grants": grants}

# roles/container.developer expanded to permissions, as the GCP posture collector delivers it
_container_developer := object.union(
	_grant(
		["container.pods.create", "container.pods.delete", "container.secrets.get", "container.secrets.list"],
		"projects/demo-project/roles/container.developer",
	),
	{"role": "roles/container.developer"},
)

test_findings_gke_container_developer_reads_secrets if {
	p := _posture("gcp", "castai-gke-tf-1a2b@demo-project.iam.gserviceaccount.com", [_container_developer])
	findings := rule.findings with input.posture as [p]
	test.assert_rule(findings, "SW-L2-006")
	test.assert_count(findings, 1)
	some f in findings
	f.detail == "may read secrets: container.secrets.get, container.secrets.list"
	f.evidence.sources == ["projects/demo-project/roles/container.developer"]
}

test_findings_aws_secrets_and_cur if {
	grants := [
		_grant(["secretsmanager:GetSecretValue"], "arn:aws:iam::111122223333:policy/agent#Secrets"),
		_grant(["cur:*"], "arn:aws:iam::111122223333:policy/agent#Cur"),
	]
	p := _posture("aws", "arn:aws:iam::111122223333:role/castai-eks-demo", grants)
	findings := rule.findings with input.posture as [p]
	some f in findings
	startswith(f.detail, "may read secrets: secretsmanager:GetSecretValue; may write billing data: cur:")
	count(f.evidence.sources) == 2
}

test_findings_azure_list_keys if {
	grant := _grant(["Microsoft.Storage/storageAccounts/listKeys/action"], "/subscriptions/0b1f6471/roleAssignments/2")
	p := _posture("azure", "6f1e2c3d-0000-4a5b-9c8d-112233445566", [grant])
	test.assert_count(rule.findings, 1) with input.posture as [p]
}

test_no_findings_karpenter_and_castai_policies if {
	public_parameters := object.union(
		_grant(["ssm:GetParameter"], "arn:aws:iam::111122223333:policy/KarpenterController#AllowSSMReadActions"),
		{"resources": ["arn:aws:ssm:us-west-2::parameter/aws/service/*"]},
	)
	grants := [
		_grant(["ec2:Describe*", "ec2:RunInstances", "ec2:TerminateInstances", "iam:PassRole"], "cast"),
		public_parameters,
	]
	p := _posture("aws", "arn:aws:iam::111122223333:role/KarpenterController", grants)
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_findings_parameter_read_beyond_public_parameters if {
	wide := object.union(
		_grant(["ssm:GetParameter*"], "arn:aws:iam::111122223333:policy/agent#Ssm"),
		{"resources": ["arn:aws:ssm:us-west-2::parameter/aws/service/*", "arn:aws:ssm:us-west-2:111122223333:parameter/*"]},
	)
	p := _posture("aws", "arn:aws:iam::111122223333:role/castai-eks-demo", [wide])
	findings := rule.findings with input.posture as [p]
	some f in findings
	f.detail == "may read secrets: ssm:GetParameter, ssm:GetParameters, ssm:GetParametersByPath"
}

test_no_findings_without_grants if {
	test.assert_empty(rule.findings) with input.posture as [_posture("gcp", "sa", [])]
}
