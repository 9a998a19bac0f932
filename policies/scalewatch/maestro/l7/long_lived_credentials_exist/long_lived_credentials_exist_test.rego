package scalewatch.maestro.l7.long_lived_credentials_exist_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l7.long_lived_credentials_exist as rule

_end_ms := 1732540000000

_day_ms := 86400000

_posture(cloud, identity, credentials) := {
	"cloud": cloud,
	"identity": identity,
	"account": "acct",
	"grants": [],
	"trust": [],
	"credentials": credentials,
	"tags": {},
	"source": "iam:ListAccessKeys",
}

_aws_user := "arn:aws:iam::111122223333:user/cast-eks-demo"

test_findings_aws_old_access_key if {
	created := _end_ms - (200 * _day_ms)
	key := {"type": "access_key", "id": "AKIAIOSFODNN7EXAMPLE", "created_ms": created, "status": "Active"}
	findings := rule.findings with input.posture as [_posture("aws", _aws_user, [key])]
		with input.scan.window_end_ms as _end_ms
	test.assert_rule(findings, "SW-L7-007")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == concat("", [_aws_user, "/access_key/AKIA****MPLE"])
	f.detail == "active access_key AKIA****MPLE; created 200 days ago, older than 90 days: rotate or replace it now"
	not contains(json.marshal(f), "IOSFODNN7EXA")
	f.evidence.sources == ["iam:ListAccessKeys"]
}

test_findings_gcp_recent_key if {
	name := concat("/", [
		"projects/demo-project/serviceAccounts/castai-gke@demo-project.iam.gserviceaccount.com",
		"keys/69049163b190437ab9279b28e8afa24bb5c5b076",
	])
	key := {"type": "service_account_key", "id": name, "created_ms": _end_ms - (10 * _day_ms), "status": "Active"}
	p := _posture("gcp", "castai-gke@demo-project.iam.gserviceaccount.com", [key])
	findings := rule.findings with input.posture as [p] with input.scan.window_end_ms as _end_ms
	some f in findings
	f.detail == "active service_account_key 6904****b076; created 10 days ago"
}

test_findings_azure_secret_without_status_or_date if {
	secret := {"type": "client_secret", "id": "9c1e5d2a-0000-4000-8000-000000000abc"}
	p := _posture("azure", "5f0c8e9a-0000-4000-8000-000000000001", [secret])
	findings := rule.findings with input.posture as [p] with input.scan.window_end_ms as _end_ms
	some f in findings
	f.detail == "active client_secret 9c1e****0abc; age unknown"
}

test_findings_two_keys_two_findings if {
	keys := [
		{"type": "access_key", "id": "AKIAAAAAAAAAAAAA1111", "status": "Active"},
		{"type": "access_key", "id": "AKIAAAAAAAAAAAAA2222", "status": "Active"},
	]
	test.assert_count(rule.findings, 2) with input.posture as [_posture("aws", _aws_user, keys)]
}

test_no_findings_role_without_keys if {
	p := _posture("aws", "arn:aws:iam::111122223333:role/castai-eks-demo", [])
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_no_findings_inactive_key if {
	key := {"type": "access_key", "id": "AKIAIOSFODNN7EXAMPLE", "created_ms": _end_ms, "status": "Inactive"}
	test.assert_empty(rule.findings) with input.posture as [_posture("aws", _aws_user, [key])]
}

test_findings_without_scan_end_age_unknown if {
	key := {"type": "access_key", "id": "AKIAIOSFODNN7EXAMPLE", "created_ms": 1700000000000, "status": "Active"}
	findings := rule.findings with input.posture as [_posture("aws", _aws_user, [key])]
	some f in findings
	endswith(f.detail, "age unknown")
}

test_findings_without_id_or_source if {
	p := json.remove(_posture("aws", _aws_user, [{"type": "access_key", "status": "Active"}]), ["source"])
	findings := rule.findings with input.posture as [p]
	some f in findings
	f.resource == concat("", [_aws_user, "/access_key/****"])
	f.evidence.sources == [_aws_user]
}
