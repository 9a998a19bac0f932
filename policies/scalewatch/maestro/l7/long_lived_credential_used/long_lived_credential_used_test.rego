package scalewatch.maestro.l7.long_lived_credential_used_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l7.long_lived_credential_used as rule

_aws_user := "arn:aws:iam::123456789012:user/cast-eks-demo"

_key_name := concat("", [
	"//iam.googleapis.com/projects/demo-project/serviceAccounts/castai-gke@demo-project.iam.gserviceaccount.com",
	"/keys/69049163b190437ab9279b28e8afa24bb5c5b076",
])

_event(cloud, region, actor, uid) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": region},
	"actor": actor,
	"api": {"action": "ec2:RunInstances"},
	"status": "success",
	"metadata": {"uid": uid, "read_only": false},
}

test_findings_aws_akia_masked if {
	actor := {"principal": _aws_user, "type": "IAMUser", "credential_id": "AKIAIOSFODNN7EXAMPLE"}
	events := [_event("aws", "us-east-1", actor, "e-1"), _event("aws", "eu-west-1", actor, "e-2")]
	findings := rule.findings with input.events as events
	test.assert_rule(findings, "SW-L7-002")
	test.assert_count({[f.cloud, f.resource] | some f in findings}, 1)
	every f in findings {
		f.resource == "AKIA****MPLE"
		not contains(f.detail, "AKIAIOSFODNN7EXAMPLE")
		not contains(json.marshal(f), "IOSFODNN7EXA")
	}
}

test_findings_gcp_user_managed_key if {
	actor := {
		"principal": "castai-gke@demo-project.iam.gserviceaccount.com",
		"type": "ServiceAccount",
		"credential_id": _key_name,
	}
	findings := rule.findings with input.events as [_event("gcp", "europe-west4", actor, "g-1")]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "castai-gke@demo-project.iam.gserviceaccount.com/keys/6904****b076"
	not contains(json.marshal(f), "69049163b190437ab9279b28e8afa24bb5c5b076")
}

test_findings_gcp_key_without_path_masked_whole if {
	actor := {"principal": "castai-gke@demo-project.iam.gserviceaccount.com", "credential_id": "abcdef0123456789"}
	findings := rule.findings with input.events as [_event("gcp", "europe-west4", actor, "g-1")]
	some f in findings
	f.resource == "abcd****6789"
}

test_findings_iam_user_without_key_id if {
	actor := {"principal": _aws_user, "type": "IAMUser"}
	findings := rule.findings with input.events as [_event("aws", "us-east-1", actor, "e-1")]
	some f in findings
	f.resource == _aws_user
}

test_no_findings_short_lived_sessions if {
	role := {
		"principal": "arn:aws:iam::123456789012:role/castai-eks",
		"session": "arn:aws:sts::123456789012:assumed-role/castai-eks/castai",
		"type": "AssumedRole",
		"credential_id": "ASIAY34FZKBOKMUTVV7A",
	}
	gcp := {"principal": "castai-gke@demo-project.iam.gserviceaccount.com", "type": "ServiceAccount"}
	events := [_event("aws", "us-east-1", role, "e-1"), _event("gcp", "europe-west4", gcp, "g-1")]
	test.assert_empty(rule.findings) with input.events as events
}

test_no_findings_role_without_key_id if {
	actor := {"principal": "arn:aws:iam::123456789012:role/castai-eks", "type": "AssumedRole"}
	test.assert_empty(rule.findings) with input.events as [_event("aws", "us-east-1", actor, "e-1")]
}

test_findings_akia_without_principal if {
	event := _event("aws", "us-east-1", {"credential_id": "AKIAIOSFODNN7EXAMPLE"}, "e-1")
	findings := rule.findings with input.events as [event]
	some f in findings
	f.detail == "calls signed with long-lived access key AKIA****MPLE"
}

test_mask_short_ids_hidden_entirely if {
	actor := {"principal": "x@demo-project.iam.gserviceaccount.com", "credential_id": "abc"}
	findings := rule.findings with input.events as [_event("gcp", "europe-west4", actor, "g-1")]
	some f in findings
	f.resource == "****"
}
