package scalewatch.maestro.l7.open_trust_policy_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l7.open_trust_policy as rule

_aws(trust) := {
	"cloud": "aws",
	"identity": "arn:aws:iam::111122223333:role/castai-eks-demo",
	"account": "111122223333",
	"grants": [],
	"trust": trust,
	"credentials": [],
	"tags": {},
}

_gcp(trust) := {
	"cloud": "gcp",
	"identity": "castai-gke@demo-project.iam.gserviceaccount.com",
	"account": "demo-project",
	"grants": [],
	"trust": trust,
	"credentials": [],
	"tags": {},
}

_statement(principals, actions, conditions, source) := {
	"effect": "Allow",
	"principals": principals,
	"actions": actions,
	"conditions": conditions,
	"source": source,
}

_vendor := "AWS:arn:aws:iam::028075177508:role/castai-control-plane"

_external_id := {"StringEquals": {"sts:ExternalId": "b3c1a2d4-0000-4000-8000-00000000abcd"}}

test_findings_aws_cross_account_without_external_id if {
	p := _aws([_statement([_vendor], ["sts:AssumeRole"], {}, "trust#0")])
	findings := rule.findings with input.posture as [p]
	test.assert_rule(findings, "SW-L7-006")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "arn:aws:iam::111122223333:role/castai-eks-demo"
	f.detail == concat("", [_vendor, " (another account without sts:ExternalId)"])
	f.evidence.sources == ["trust#0"]
}

test_findings_aws_wildcard_even_with_conditions if {
	conditions := {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}
	p := _aws([_statement(["*"], ["sts:AssumeRole"], conditions, "trust#1"), _statement(["AWS:*"], [], {}, "trust#2")])
	findings := rule.findings with input.posture as [p]
	some f in findings
	f.detail == "* (any principal); AWS:* (any principal)"
	f.evidence.sources == ["trust#1", "trust#2"]
}

test_findings_aws_bare_account_and_unconditioned_federation if {
	oidc := "Federated:arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"
	trust := [
		_statement(["AWS:444455556666"], ["sts:AssumeRole"], {}, "trust#0"),
		_statement([oidc], ["sts:AssumeRoleWithWebIdentity"], {}, "trust#1"),
	]
	findings := rule.findings with input.posture as [_aws(trust)]
	some f in findings
	contains(f.detail, "AWS:444455556666 (another account without sts:ExternalId)")
	contains(f.detail, "(federated principal without conditions)")
}

test_findings_gcp_outside_members if {
	members := ["user:contractor@gmail.com", "serviceAccount:ci@other-project.iam.gserviceaccount.com"]
	trust := [
		_statement(members, ["roles/iam.serviceAccountTokenCreator"], {}, "castai-gke#tokenCreator"),
		_statement(["allUsers"], ["roles/iam.serviceAccountKeyAdmin"], {}, "castai-gke#keyAdmin"),
	]
	findings := rule.findings with input.posture as [_gcp(trust)]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "user:contractor@gmail.com (outside the project, holds roles/iam.serviceAccountTokenCreator)")
	contains(f.detail, "serviceAccount:ci@other-project.iam.gserviceaccount.com")
	contains(f.detail, "allUsers")
}

test_no_findings_vendor_with_external_id if {
	trust := [
		_statement([_vendor], ["sts:AssumeRole"], _external_id, "trust#0"),
		_statement(["AWS:arn:aws:iam::111122223333:root"], ["sts:AssumeRole"], {}, "trust#1"),
		_statement(["Service:ec2.amazonaws.com"], ["sts:AssumeRole"], {}, "trust#2"),
	]
	test.assert_empty(rule.findings) with input.posture as [_aws(trust)]
}

test_no_findings_irsa_with_conditions if {
	oidc := "Federated:arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"
	subject := "system:serviceaccount:karpenter:karpenter"
	conditions := {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": subject}}
	trust := [_statement([oidc], ["sts:AssumeRoleWithWebIdentity"], conditions, "trust#0")]
	test.assert_empty(rule.findings) with input.posture as [_aws(trust)]
}

test_no_findings_gcp_own_project_and_service_agents if {
	deployer := "serviceAccount:castai-deployer@demo-project.iam.gserviceaccount.com"
	robot := "serviceAccount:service-123456789@container-engine-robot.iam.gserviceaccount.com"
	trust := [
		_statement([deployer], ["roles/iam.serviceAccountUser"], {}, "b0"),
		_statement([robot], ["roles/iam.serviceAccountTokenCreator"], {}, "b1"),
		_statement(["user:alice@corp.example"], ["roles/iam.serviceAccountViewer"], {}, "b2"),
	]
	test.assert_empty(rule.findings) with input.posture as [_gcp(trust)]
}

test_no_findings_deny_and_missing_trust if {
	deny := object.union(_statement(["*"], ["sts:AssumeRole"], {}, "d"), {"effect": "Deny"})
	no_trust := json.remove(_aws([]), ["trust"])
	test.assert_empty(rule.findings) with input.posture as [_aws([deny]), no_trust]
}

test_findings_statement_without_conditions_field if {
	statement := json.remove(_statement([_vendor], ["sts:AssumeRole"], {}, "trust#0"), ["conditions"])
	test.assert_count(rule.findings, 1) with input.posture as [_aws([statement])]
}

test_findings_gcp_identity_by_unique_id_uses_account_as_project if {
	member := "serviceAccount:ci@other-project.iam.gserviceaccount.com"
	own := "serviceAccount:deployer@demo-project.iam.gserviceaccount.com"
	trust := [_statement([member, own], ["roles/iam.serviceAccountUser"], {}, "b0")]
	p := object.union(_gcp(trust), {"identity": "112233445566778899"})
	findings := rule.findings with input.posture as [p]
	some f in findings
	f.detail == concat("", [member, " (outside the project, holds roles/iam.serviceAccountUser)"])
}

test_findings_aws_external_id_not_enforced if {
	wildcard := _statement([_vendor], ["sts:AssumeRole"], {"StringLike": {"sts:ExternalId": "*"}}, "trust#0")
	not_equals := {"StringNotEquals": {"sts:ExternalId": "x"}}
	negative := _statement(["AWS:444455556666"], ["sts:AssumeRole"], not_equals, "trust#1")
	equals_if_exists := {"StringEqualsIfExists": {"sts:ExternalId": "x"}}
	if_exists := _statement(["AWS:777788889999"], ["sts:AssumeRole"], equals_if_exists, "trust#2")
	findings := rule.findings with input.posture as [_aws([wildcard, negative, if_exists])]
	some f in findings
	f.detail == concat("", [
		"AWS:444455556666 (another account, sts:ExternalId not enforced); ",
		"AWS:777788889999 (another account, sts:ExternalId not enforced); ",
		_vendor, " (another account, sts:ExternalId not enforced)",
	])
}

test_findings_aws_oidc_audience_only if {
	oidc := "Federated:arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
	conditions := {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}
	trust := [_statement([oidc], ["sts:AssumeRoleWithWebIdentity"], conditions, "trust#0")]
	findings := rule.findings with input.posture as [_aws(trust)]
	some f in findings
	f.detail == concat("", [oidc, " (OIDC provider without a sub condition (any workload of the issuer))"])
}

test_no_findings_oidc_with_sub_and_saml_with_audience if {
	oidc := "Federated:arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
	saml := "Federated:arn:aws:iam::111122223333:saml-provider/okta"
	sub := {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:example-org/shop:ref:refs/heads/main"}}
	aud := {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}
	trust := [
		_statement([oidc], ["sts:AssumeRoleWithWebIdentity"], sub, "trust#0"),
		_statement([saml], ["sts:AssumeRoleWithSAML"], aud, "trust#1"),
	]
	test.assert_empty(rule.findings) with input.posture as [_aws(trust)]
}
