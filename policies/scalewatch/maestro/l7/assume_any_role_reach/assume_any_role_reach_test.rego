package scalewatch.maestro.l7.assume_any_role_reach_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l7.assume_any_role_reach as rule

_role := "arn:aws:iam::111122223333:role/castai-eks-demo"

_agent_sa := "castai-gke@demo-project.iam.gserviceaccount.com"

_posture(cloud, identity, account, grants) := {
	"cloud": cloud,
	"identity": identity,
	"account": account,
	"grants": grants,
	"trust": [],
	"credentials": [],
	"tags": {},
}

_grant(actions, resources, source) := {
	"effect": "Allow",
	"actions": actions,
	"not_actions": [],
	"resources": resources,
	"not_resources": [],
	"conditions": {},
	"source": source,
}

test_findings_aws_assume_star if {
	p := _posture("aws", _role, "111122223333", [_grant(["sts:AssumeRole"], ["*"], "policy#sts")])
	findings := rule.findings with input.posture as [p]
	test.assert_rule(findings, "SW-L7-008")
	test.assert_count(findings, 1)
	some f in findings
	f.detail == "may sts:AssumeRole on *"
	f.evidence.sources == ["policy#sts"]
}

test_findings_aws_other_account_and_role_wildcard if {
	grants := [
		_grant(["sts:*"], ["arn:aws:iam::999988887777:role/deploy"], "a"),
		_grant(["sts:AssumeRole"], ["arn:aws:iam::*:role/castai-*"], "b"),
		_grant(["sts:AssumeRole"], ["arn:aws:iam::111122223333:role/*"], "c"),
	]
	findings := rule.findings with input.posture as [_posture("aws", _role, "111122223333", grants)]
	some f in findings
	f.evidence.sources == ["a", "b", "c"]
	contains(f.detail, "arn:aws:iam::999988887777:role/deploy")
	contains(f.detail, "arn:aws:iam::*:role/castai-*")
}

test_findings_aws_not_resource if {
	admin := "arn:aws:iam::111122223333:role/admin"
	grant := object.union(_grant(["sts:AssumeRole"], [], "nr"), {"not_resources": [admin]})
	test.assert_count(rule.findings, 1) with input.posture as [_posture("aws", _role, "111122223333", [grant])]
}

test_findings_gcp_project_level_token_creator if {
	grant := object.union(
		_grant(["iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.signBlob"], ["projects/demo-project"], "b"),
		{"role": "roles/iam.serviceAccountTokenCreator"},
	)
	findings := rule.findings with input.posture as [_posture("gcp", _agent_sa, "demo-project", [grant])]
	some f in findings
	f.detail == "may iam.serviceAccounts.getAccessToken on projects/demo-project"
}

test_no_findings_named_own_account_role if {
	grants := [
		_grant(["sts:AssumeRole"], ["arn:aws:iam::111122223333:role/castai-node-helper"], "a"),
		_grant(["ec2:*"], ["*"], "b"),
	]
	test.assert_empty(rule.findings) with input.posture as [_posture("aws", _role, "111122223333", grants)]
}

test_no_findings_gcp_self_only if {
	resource := concat("", ["projects/demo-project/serviceAccounts/", _agent_sa])
	grant := _grant(["iam.serviceAccounts.getAccessToken"], [resource], "self")
	test.assert_empty(rule.findings) with input.posture as [_posture("gcp", _agent_sa, "demo-project", [grant])]
}

test_no_findings_denied if {
	grants := [_grant(["sts:AssumeRole"], ["*"], "a"), object.union(_grant(["sts:*"], ["*"], "d"), {"effect": "Deny"})]
	test.assert_empty(rule.findings) with input.posture as [_posture("aws", _role, "111122223333", grants)]
}

test_findings_grant_without_resources_read_as_unscoped if {
	grant := json.remove(_grant(["sts:AssumeRole"], [], "empty"), ["resources", "not_resources"])
	findings := rule.findings with input.posture as [_posture("aws", _role, "111122223333", [grant])]
	some f in findings
	f.detail == "may sts:AssumeRole on no resource stated"
}
