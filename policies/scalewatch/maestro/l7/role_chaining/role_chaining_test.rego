package scalewatch.maestro.l7.role_chaining_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l7.role_chaining as rule

_role := "arn:aws:iam::111122223333:role/castai-eks-demo"

_agent := {
	"principal": _role,
	"session": "arn:aws:sts::111122223333:assumed-role/castai-eks-demo/castai-1732540000",
	"type": "AssumedRole",
	"account": "111122223333",
}

_agent_sa := "castai-gke@demo-project.iam.gserviceaccount.com"

_aws(actor, target, status) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": "aws", "account": "111122223333", "region": "us-east-1"},
	"actor": actor,
	"api": {"action": "sts:AssumeRole", "request": {"roleArn": target, "roleSessionName": "hop"}},
	"resources": [{"type": "AWS::IAM::Role", "uid": target}],
	"status": status,
	"metadata": {"uid": "e-1", "read_only": true},
}

_gcp(caller, target) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": "gcp", "account": "demo-project", "region": "global"},
	"actor": {"principal": caller, "type": "ServiceAccount"},
	"api": {
		"service": "iamcredentials.googleapis.com",
		"action": "GenerateAccessToken",
		"request": {"name": concat("", ["projects/-/serviceAccounts/", target])},
	},
	"status": "success",
	"metadata": {"uid": "g-1", "read_only": true},
}

test_findings_aws_cross_account_hop if {
	target := "arn:aws:iam::999988887777:role/OrganizationAccountAccessRole"
	findings := rule.findings with input.events as [_aws(_agent, target, "success")]
		with input.identity.matcher as _role
	test.assert_rule(findings, "SW-L7-004")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == target
	contains(f.detail, "in another account (999988887777)")
}

# The demo's incident: one hop logged in the home trail and again in the target account's trail
# (recipientAccountId = target), judged with the scan's matcher of all clouds (one per line).
test_findings_aws_hop_logged_in_both_trails_one_finding if {
	target := "arn:aws:iam::222233334444:role/OrganizationAccountAccessRole"
	home := _aws(_agent, target, "success")
	copy := object.union(home, {"cloud": {"account": "222233334444"}, "metadata": {"uid": "e-2"}})
	matcher := concat("\n", [_role, "arn:aws:iam::111122223333:user/cast-eks-demo", _agent_sa])
	findings := rule.findings with input.events as [home, copy] with input.identity.matcher as matcher
	test.assert_count({[f.cloud, f.resource] | some f in findings}, 1)
	some f in findings
	f.cloud == {"provider": "aws", "account": "111122223333", "region": ""}
	f.resource == target
	contains(f.detail, "in another account (222233334444)")
}

test_findings_aws_same_account_denied if {
	target := "arn:aws:iam::111122223333:role/admin"
	findings := rule.findings with input.events as [_aws(_agent, target, "failure")]
		with input.identity.matcher as _role
	some f in findings
	contains(f.detail, "in the same account (denied)")
}

test_findings_gcp_token_for_other_project if {
	findings := rule.findings with input.events as [_gcp(_agent_sa, "deployer@prod-project.iam.gserviceaccount.com")]
		with input.identity.matcher as _agent_sa
	some f in findings
	f.resource == "deployer@prod-project.iam.gserviceaccount.com"
	contains(f.detail, "obtained a token for")
	contains(f.detail, "in another account (prod-project)")
}

test_no_findings_vendor_assuming_the_agent if {
	vendor := {"principal": "arn:aws:iam::028075177508:role/castai-control-plane", "account": "028075177508"}
	test.assert_empty(rule.findings) with input.events as [_aws(vendor, _role, "success")]
		with input.identity.matcher as _role
}

test_no_findings_self_assume_and_service if {
	service := _aws({"type": "AWSService", "principal": "ec2.amazonaws.com"}, "arn:aws:iam::1:role/node", "success")
	gcp_self := _gcp(_agent_sa, _agent_sa)
	events := [_aws(_agent, _role, "success"), service, gcp_self]
	test.assert_empty(rule.findings) with input.events as events
}

test_no_findings_autoscaler_day if {
	launch := object.union(_aws(_agent, _role, "success"), {"api": {"action": "ec2:RunInstances"}})
	test.assert_empty(rule.findings) with input.events as [launch] with input.identity.matcher as _role
}

test_findings_caller_without_account_uses_arn if {
	actor := json.remove(_agent, ["account"])
	target := "arn:aws:iam::999988887777:role/x"
	findings := rule.findings with input.events as [_aws(actor, target, "success")]
		with input.identity.matcher as _role
	some f in findings
	contains(f.detail, "in another account")
}

test_findings_target_from_resources_when_request_missing if {
	event := json.remove(_aws(_agent, "arn:aws:iam::999988887777:role/x", "success"), ["api/request"])
	findings := rule.findings with input.events as [event] with input.identity.matcher as _role
	some f in findings
	f.resource == "arn:aws:iam::999988887777:role/x"
}

test_findings_gcp_unknown_target_project if {
	event := _gcp(_agent_sa, "112233445566778899")
	findings := rule.findings with input.events as [event] with input.identity.matcher as _agent_sa
	some f in findings
	f.detail == "castai-gke@demo-project.iam.gserviceaccount.com obtained a token for 112233445566778899"
}

test_no_findings_session_assuming_its_own_role if {
	actor := {"session": "arn:aws:sts::111122223333:assumed-role/castai-eks-demo/castai-1", "type": "AssumedRole"}
	test.assert_empty(rule.findings) with input.events as [_aws(actor, _role, "success")]
		with input.identity.matcher as _role
}

test_findings_gcp_caller_unknown_uses_event_project if {
	event := json.remove(_gcp(_agent_sa, "deployer@prod-project.iam.gserviceaccount.com"), ["actor/principal"])
	findings := rule.findings with input.events as [event]
	some f in findings
	f.detail == concat("", [
		"the agent obtained a token for deployer@prod-project.iam.gserviceaccount.com",
		" in another account (prod-project)",
	])
}
