package scalewatch.maestro.l1.model_access_reach_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l1.model_access_reach as rule

_grant(actions, source) := {
	"effect": "Allow", "actions": actions, "not_actions": [], "resources": ["*"],
	"conditions": {}, "source": source,
}

_aws(grants) := {
	"cloud": "aws", "identity": "arn:aws:iam::111122223333:role/castai-eks-demo", "account": "111122223333",
	"grants": grants,
}

_castai_aws := [
	_grant(["ec2:Describe*", "elasticloadbalancing:Describe*"], "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"),
	_grant(
		["ec2:RunInstances", "ec2:TerminateInstances", "ec2:CreateTags", "iam:PassRole"],
		"arn:aws:iam::111122223333:policy/CastEKSPolicy#RunInstancesPolicy",
	),
]

test_findings_aws_bedrock_wildcard if {
	p := _aws(array.concat(_castai_aws, [_grant(["bedrock:*"], "arn:aws:iam::111122223333:policy/copilot#Bedrock")]))
	findings := rule.findings with input.posture as [p]
	test.assert_rule(findings, "SW-L1-005")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "arn:aws:iam::111122223333:role/castai-eks-demo"
	f.evidence.sources == ["arn:aws:iam::111122223333:policy/copilot#Bedrock"]
	contains(f.detail, "bedrock:InvokeModel")
}

test_findings_gcp_vertex_user if {
	p := {
		"cloud": "gcp", "identity": "castai-gke-tf-1a2b@demo-project.iam.gserviceaccount.com", "account": "demo-project",
		"grants": [object.union(
			_grant(["aiplatform.endpoints.predict", "aiplatform.endpoints.get"], "projects/demo-project"),
			{"role": "roles/aiplatform.user"},
		)],
	}
	test.assert_count(rule.findings, 1) with input.posture as [p]
}

test_findings_azure_contributor_star if {
	p := {
		"cloud": "azure", "identity": "6f1e2c3d-0000-4a5b-9c8d-112233445566", "account": "0b1f6471",
		"grants": [object.union(_grant(["*"], "/subscriptions/0b1f6471/roleAssignments/1"), {"role": "Contributor"})],
	}
	findings := rule.findings with input.posture as [p]
	some f in findings
	contains(f.detail, "Microsoft.CognitiveServices/accounts/listKeys/action")
}

test_no_findings_castai_default_policy if {
	test.assert_empty(rule.findings) with input.posture as [_aws(_castai_aws)]
}

test_no_findings_denied_by_scp_like_deny if {
	deny := object.union(_grant(["bedrock:*", "sagemaker:*"], "scp#DenyAI"), {"effect": "Deny"})
	p := _aws(array.concat(_castai_aws, [_grant(["bedrock:*", "sagemaker:*"], "copilot"), deny]))
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_without_grants if {
	test.assert_empty(rule.findings) with input.posture as [_aws([])]
}
