package scalewatch.maestro.l4.firewall_open_to_internet_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.firewall_open_to_internet as rule

_event(cloud, action, api, resources) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks-demo"},
	"api": object.union({"action": action}, api),
	"resources": resources,
	"status": "success",
	"metadata": {"uid": "e-1"},
}

_authorize(ranges, ipv6) := _event(
	"aws", "ec2:AuthorizeSecurityGroupIngress", {"request": {
		"groupId": "sg-0d921df5d84f7270a",
		"ipPermissions": {"items": [{
			"ipProtocol": "tcp", "fromPort": 22, "toPort": 22, "groups": {}, "prefixListIds": {},
			"ipRanges": {"items": [{"cidrIp": r} | some r in ranges]},
			"ipv6Ranges": {"items": [{"cidrIpv6": r} | some r in ipv6]},
		}]},
	}},
	[],
)

_gcp_firewall(request) := _event(
	"gcp", "compute.firewalls.insert",
	{"request": object.union({"@type": "type.googleapis.com/compute.firewalls.insert"}, request)},
	[{"type": "firewall", "uid": "projects/demo/global/firewalls/allow-ssh"}],
)

_nsg_rule := concat("/", [
	"/subscriptions/1111/resourceGroups/mc_rg/providers/Microsoft.Network",
	"networkSecurityGroups/aks-agentpool/securityRules/ssh",
])

_azure_rule(properties) := _event(
	"azure", "microsoft.network/networksecuritygroups/securityrules/write",
	{"request": {"requestbody": {"properties": properties}}},
	[{"type": "securityRules", "uid": _nsg_rule}],
)

test_findings_aws_world_ipv4 if {
	findings := rule.findings with input.events as [_authorize(["0.0.0.0/0"], [])]
	test.assert_rule(findings, "SW-L4-006")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "sg-0d921df5d84f7270a"
	f.detail == "allowed ingress from 0.0.0.0/0 on sg-0d921df5d84f7270a"
}

test_findings_aws_world_ipv6 if {
	test.assert_count(rule.findings, 1) with input.events as [_authorize(["10.0.0.0/8"], ["::/0"])]
}

test_findings_aws_modify_security_group_rules if {
	request := {"ModifySecurityGroupRulesRequest": {
		"GroupId": "sg-1234567890abcdef0",
		"SecurityGroupRule": {
			"SecurityGroupRuleId": "sgr-abcdef01234567890",
			"SecurityGroupRule": {"IpProtocol": "-1", "CidrIpv4": "0.0.0.0/0"},
		},
	}}
	event := _event("aws", "ec2:ModifySecurityGroupRules", {"request": request}, [])
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "sg-1234567890abcdef0"
}

test_findings_gcp_world_source_range if {
	event := _gcp_firewall({"sourceRanges": ["0.0.0.0/0"], "alloweds": [{"IPProtocol": "tcp", "ports": ["22"]}]})
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "projects/demo/global/firewalls/allow-ssh"
}

test_findings_azure_internet_tag if {
	properties := {
		"protocol": "Tcp", "sourcePortRange": "*", "destinationPortRange": "22",
		"sourceAddressPrefix": "Internet", "destinationAddressPrefix": "*",
		"access": "Allow", "priority": 100, "direction": "Inbound",
	}
	findings := rule.findings with input.events as [_azure_rule(properties)]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _nsg_rule
}

test_findings_azure_rule_start_entry if {
	properties := {"sourceAddressPrefix": "*", "access": "Allow", "direction": "Inbound", "destinationPortRange": "22"}
	start := object.union(_azure_rule(properties), {"status": "in_progress"})
	test.assert_count(rule.findings, 1) with input.events as [start]
}

test_findings_azure_prefix_list_in_response if {
	properties := {"sourceAddressPrefixes": ["10.0.0.0/8", "0.0.0.0/0"], "access": "Allow", "direction": "Inbound"}
	response := {"properties": {"securityRules": [{"name": "any", "properties": properties}]}}
	event := _event("azure", "microsoft.network/networksecuritygroups/write", {"response": response}, [])
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_no_findings_private_ranges if {
	test.assert_empty(rule.findings) with input.events as [_authorize(["10.0.0.0/16"], [])]
}

test_no_findings_security_group_pair if {
	event := _event(
		"aws", "ec2:AuthorizeSecurityGroupIngress", {"request": {
			"groupId": "sg-0d921df5d84f7270a",
			"ipPermissions": {"items": [{"ipProtocol": "-1", "groups": {"items": [{"groupId": "sg-0aa11bb22cc33dd44"}]}}]},
		}},
		[],
	)
	test.assert_empty(rule.findings) with input.events as [event]
}

test_no_findings_gcp_deny_egress_or_disabled if {
	events := [
		_gcp_firewall({"sourceRanges": ["0.0.0.0/0"], "denieds": [{"IPProtocol": "all"}]}),
		_gcp_firewall({"sourceRanges": ["0.0.0.0/0"], "alloweds": [{"IPProtocol": "tcp"}], "direction": "EGRESS"}),
		_gcp_firewall({"sourceRanges": ["0.0.0.0/0"], "alloweds": [{"IPProtocol": "tcp"}], "disabled": true}),
	]
	test.assert_empty(rule.findings) with input.events as events
}

test_no_findings_azure_deny_or_outbound if {
	events := [
		_azure_rule({"sourceAddressPrefix": "*", "access": "Deny", "direction": "Inbound"}),
		_azure_rule({"sourceAddressPrefix": "*", "access": "Allow", "direction": "Outbound"}),
		_azure_rule({"sourceAddressPrefix": "VirtualNetwork", "access": "Allow", "direction": "Inbound"}),
	]
	test.assert_empty(rule.findings) with input.events as events
}

test_no_findings_failed_call if {
	event := object.union(_authorize(["0.0.0.0/0"], []), {"status": "failure"})
	test.assert_empty(rule.findings) with input.events as [event]
}

test_findings_missing_rule_description if {
	event := _event("azure", "microsoft.network/networksecuritygroups/securityrules/write", {}, [{"uid": _nsg_rule}])
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	contains(f.detail, "does not describe")
}

test_findings_missing_azure_access_and_direction if {
	test.assert_count(rule.findings, 1) with input.events as [_azure_rule({"sourceAddressPrefix": "0.0.0.0/0"})]
}
