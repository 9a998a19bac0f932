package scalewatch.maestro.l7.role_assumed_without_external_id_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l7.role_assumed_without_external_id as rule

_role := "arn:aws:iam::111122223333:role/castai-eks-demo"

_vendor := {
	"principal": "arn:aws:iam::028075177508:role/castai-control-plane",
	"type": "AssumedRole",
	"account": "028075177508",
}

_assume(actor, request, status) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": "aws", "account": "111122223333", "region": "eu-central-1"},
	"actor": actor,
	"api": {"service": "sts", "action": "sts:AssumeRole", "request": request},
	"src_endpoint": {"ip": "203.0.113.10", "user_agent": "aws-sdk-go-v2/1.30.3"},
	"resources": [{"type": "AWS::IAM::Role", "uid": _role}],
	"status": status,
	"metadata": {"uid": "e-1", "read_only": true},
}

_with_id := {"roleArn": _role, "roleSessionName": "castai", "externalId": "b3c1a2d4-0000-4000-8000-00000000abcd"}

_without_id := {"roleArn": _role, "roleSessionName": "castai"}

test_findings_no_external_id if {
	findings := rule.findings with input.events as [_assume(_vendor, _without_id, "success")]
		with input.identity.matcher as _role
	test.assert_rule(findings, "SW-L7-003")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _role
	f.cloud.region == ""
	contains(f.detail, "no sts:ExternalId")
}

# The demo's incident, judged with the scan's matcher (one principal per line) of the agent's principals.
test_findings_foreign_session_with_agent_list_matcher if {
	foreign := {
		"principal": "arn:aws:iam::777766665555:role/ops-automation",
		"type": "AssumedRole",
		"session": "arn:aws:sts::777766665555:assumed-role/ops-automation/deploy-bot",
		"account": "777766665555",
	}
	matcher := concat("\n", [
		_role, "arn:aws:iam::111122223333:user/cast-eks-demo",
		"castai-gke@demo-project.iam.gserviceaccount.com", "0b5c2f6e-1111-4111-8111-111111111111",
	])
	request := {"roleArn": _role, "roleSessionName": "castai-sync", "durationSeconds": 3600}
	findings := rule.findings with input.events as [_assume(foreign, request, "success")]
		with input.identity.matcher as matcher
		with input.config as {"trusted_vendor_accounts": ["999988887777"]}
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _role
	f.detail == concat("", [
		_role, " assumed by arn:aws:iam::777766665555:role/ops-automation: no sts:ExternalId in the request;",
		" caller account 777766665555 is not a trusted vendor account",
	])
}

test_findings_untrusted_account if {
	stranger := object.union(_vendor, {"account": "444455556666", "principal": "arn:aws:iam::444455556666:user/x"})
	findings := rule.findings with input.events as [_assume(stranger, _with_id, "success")]
		with input.identity.matcher as _role
		with input.config as {"trusted_vendor_accounts": ["028075177508"]}
	some f in findings
	contains(f.detail, "caller account 444455556666 is not a trusted vendor account")
	not contains(f.detail, "ExternalId")
}

test_findings_denied_attempt if {
	findings := rule.findings with input.events as [_assume(_vendor, _without_id, "failure")]
		with input.identity.matcher as _role
	some f in findings
	endswith(f.detail, "(denied)")
}

test_findings_every_principal_mode if {
	test.assert_count(rule.findings, 1) with input.events as [_assume(_vendor, _without_id, "success")]
}

test_no_findings_vendor_with_external_id if {
	test.assert_empty(rule.findings) with input.events as [_assume(_vendor, _with_id, "success")]
		with input.identity.matcher as _role
		with input.config as {"trusted_vendor_accounts": ["028075177508"]}
}

test_no_findings_other_role_or_service if {
	other_role := "arn:aws:iam::111122223333:role/other"
	into_other := _assume(_vendor, {"roleArn": other_role}, "success")
	other := object.union(into_other, {"resources": [{"type": "AWS::IAM::Role", "uid": other_role}]})
	service := _assume({"type": "AWSService", "principal": "ec2.amazonaws.com"}, _without_id, "success")
	web := object.union(_assume(_vendor, _without_id, "success"), {"api": {"action": "sts:AssumeRoleWithWebIdentity"}})
	starting := _assume(_vendor, _without_id, "in_progress")
	test.assert_empty(rule.findings) with input.events as [other, service, web, starting]
		with input.identity.matcher as _role
}

test_no_findings_role_assuming_itself if {
	self := {"principal": _role, "type": "AssumedRole", "account": "111122223333"}
	test.assert_empty(rule.findings) with input.events as [_assume(self, _without_id, "success")]
		with input.identity.matcher as _role
}

test_findings_unknown_caller_account if {
	findings := rule.findings with input.events as [_assume({}, _with_id, "success")]
		with input.identity.matcher as _role
		with input.config as {"trusted_vendor_accounts": ["028075177508"]}
	some f in findings
	contains(f.detail, "assumed by an unknown caller: caller account (unknown)")
}

test_findings_role_from_resources_when_request_missing if {
	event := json.remove(_assume(_vendor, {}, "success"), ["api/request"])
	findings := rule.findings with input.events as [event] with input.identity.matcher as _role
	some f in findings
	f.resource == _role
}
