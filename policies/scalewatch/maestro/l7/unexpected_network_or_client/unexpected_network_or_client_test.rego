package scalewatch.maestro.l7.unexpected_network_or_client_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l7.unexpected_network_or_client as rule

_cidrs := ["203.0.113.0/24", "2001:db8:cafe::/48"]

_agents := ["aws-sdk-go-v2/*", "google-api-go-client/* castai*", "azsdk-go-*"]

_event(cloud, region, ip, agent, uid) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": region},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks", "type": "AssumedRole"},
	"api": {"action": "ec2:RunInstances"},
	"src_endpoint": {"ip": ip, "user_agent": agent},
	"status": "success",
	"metadata": {"uid": uid, "read_only": false},
}

test_findings_aws_foreign_ip_one_key_across_regions if {
	events := [
		_event("aws", "us-east-1", "198.51.100.7", "aws-sdk-go-v2/1.30.3 os/linux", "e-1"),
		_event("aws", "eu-west-1", "198.51.100.7", "aws-sdk-go-v2/1.30.3 os/linux", "e-2"),
	]
	findings := rule.findings with input.events as events with input.config as {"allowed_source_cidrs": _cidrs}
	test.assert_rule(findings, "SW-L7-001")
	test.assert_count({[f.cloud, f.resource] | some f in findings}, 1)
	some f in findings
	f.resource == "ip:198.51.100.7"
	f.cloud.region == ""
}

test_findings_gcp_ipv6_outside if {
	event := _event("gcp", "europe-west4", "2001:db8:beef::1", "google-api-go-client/0.5 castai", "g-1")
	test.assert_count(rule.findings, 1) with input.events as [event]
		with input.config as {"allowed_source_cidrs": _cidrs}
}

test_findings_azure_unknown_client if {
	event := _event("azure", "westeurope", "203.0.113.10", "python-requests/2.31.0", "a-1")
	findings := rule.findings with input.events as [event]
		with input.config as {"allowed_source_cidrs": _cidrs, "allowed_user_agent_patterns": _agents}
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "user_agent:python-requests/2.31.0"
}

test_no_findings_vendor_plane if {
	events := [
		_event("aws", "us-east-1", "203.0.113.10", "aws-sdk-go-v2/1.30.3 os/linux", "e-1"),
		_event("gcp", "europe-west4", "2001:db8:cafe::10", "google-api-go-client/0.5 castai-agent", "g-1"),
		_event("azure", "westeurope", "203.0.113.11", "azsdk-go-armcompute/v5.7.0", "a-1"),
	]
	test.assert_empty(rule.findings) with input.events as events
		with input.config as {"allowed_source_cidrs": _cidrs, "allowed_user_agent_patterns": _agents}
}

test_no_findings_service_and_internal_callers if {
	ec2 := _event("aws", "us-east-1", "ec2.amazonaws.com", "ec2.amazonaws.com", "e-1")
	service := object.union(ec2, {"actor": {"type": "AWSService"}})
	gce := _event("gcp", "europe-west4", "gce-internal-ip", "google-api-go-client/0.5 castai", "g-1")
	test.assert_empty(rule.findings) with input.events as [service, gce]
		with input.config as {"allowed_source_cidrs": _cidrs, "allowed_user_agent_patterns": _agents}
}

test_no_findings_without_allow_lists if {
	event := _event("aws", "us-east-1", "198.51.100.7", "curl/8.0", "e-1")
	test.assert_empty(rule.findings) with input.events as [event]
}

test_findings_missing_user_agent_reported if {
	event := json.remove(_event("aws", "us-east-1", "203.0.113.10", "", "e-1"), ["src_endpoint/user_agent"])
	findings := rule.findings with input.events as [event]
		with input.config as {"allowed_source_cidrs": _cidrs, "allowed_user_agent_patterns": _agents}
	some f in findings
	f.resource == "user_agent:(none)"
}

test_findings_missing_user_agent_gcp_reported if {
	event := json.remove(_event("gcp", "us-central1", "203.0.113.10", "", "g-1"), ["src_endpoint/user_agent"])
	findings := rule.findings with input.events as [event]
		with input.config as {"allowed_source_cidrs": _cidrs, "allowed_user_agent_patterns": _agents}
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "user_agent:(none)"
}

# The Azure Activity Log has no user agent field: an agentPools write as the demo's Log Analytics row
# normalizes to (no src_endpoint.user_agent).
test_no_findings_missing_user_agent_azure_activity_log if {
	event := {
		"time_ms": 1795521600000,
		"cloud": {"provider": "azure", "account": "3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e"},
		"actor": {
			"principal": "0b5c2f6e-1111-4111-8111-111111111111", "type": "ServicePrincipal",
			"app_id": "6f1e1d2c-0000-4000-8000-000000000001",
		},
		"api": {
			"service": "Microsoft.ContainerService",
			"operation": "MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AGENTPOOLS/WRITE",
			"action": "microsoft.containerservice/managedclusters/agentpools/write",
		},
		"src_endpoint": {"ip": "34.120.11.20"},
		"status": "in_progress",
		"metadata": {"uid": "a-1", "log_source": "azure_activity", "read_only": false},
	}
	test.assert_empty(rule.findings) with input.events as [event]
		with input.config as {"allowed_source_cidrs": ["34.120.11.0/24"], "allowed_user_agent_patterns": _agents}
}

test_findings_azure_logged_user_agent_still_judged if {
	event := _event("azure", "westeurope", "203.0.113.10", "kubectl/v1.30.2 (linux/amd64)", "a-1")
	findings := rule.findings with input.events as [event]
		with input.config as {"allowed_source_cidrs": _cidrs, "allowed_user_agent_patterns": _agents}
	test.assert_count(findings, 1)
}

test_findings_missing_user_agent_and_cloud_reported if {
	event := json.remove(_event("azure", "", "203.0.113.10", "", "x-1"), ["src_endpoint/user_agent", "cloud/provider"])
	findings := rule.findings with input.events as [event]
		with input.config as {"allowed_source_cidrs": _cidrs, "allowed_user_agent_patterns": _agents}
	test.assert_count(findings, 1)
}

test_findings_missing_user_agent_azure_when_listed if {
	event := json.remove(_event("azure", "westeurope", "203.0.113.10", "", "a-1"), ["src_endpoint/user_agent"])
	config := {
		"allowed_source_cidrs": _cidrs, "allowed_user_agent_patterns": _agents,
		"user_agent_logged_clouds": ["aws", "gcp", "azure"],
	}
	test.assert_count(rule.findings, 1) with input.events as [event] with input.config as config
}

test_no_findings_missing_ip_not_judged if {
	event := json.remove(_event("aws", "us-east-1", "", "aws-sdk-go-v2/1.0", "e-1"), ["src_endpoint/ip"])
	test.assert_empty(rule.findings) with input.events as [event]
		with input.config as {"allowed_source_cidrs": _cidrs}
}

test_no_findings_ipv4_mapped_ipv6_inside if {
	event := _event("aws", "us-east-1", "::ffff:203.0.113.9", "aws-sdk-go-v2/1.0", "e-1")
	test.assert_empty(rule.findings) with input.events as [event]
		with input.config as {"allowed_source_cidrs": _cidrs}
}

test_findings_malformed_address_is_unexpected if {
	events := [
		_event("aws", "us-east-1", "999.1.1.1", "aws-sdk-go-v2/1.0", "e-1"),
		_event("aws", "us-east-1", "::ffff:198.51.100.7", "aws-sdk-go-v2/1.0", "e-2"),
	]
	findings := rule.findings with input.events as events with input.config as {"allowed_source_cidrs": _cidrs}
	{f.resource | some f in findings} == {"ip:999.1.1.1", "ip:::ffff:198.51.100.7"}
}
