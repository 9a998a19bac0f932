# METADATA
# title: Agent opened ingress to the whole internet
# description: >-
#   Nodes carry the cluster's credentials and run its workloads; a rule that admits 0.0.0.0/0 or ::/0
#   puts them (SSH, kubelet, node ports) in front of every scanner. An autoscaler may create security
#   groups for its nodes, but opening them to the internet is what an attacker does to reach a node it
#   planted. Fires on successful AWS AuthorizeSecurityGroupIngress / ModifySecurityGroupRules with a
#   world CIDR, GCP firewall inserts / patches / updates whose sourceRanges hold one (ingress, enabled,
#   allowing), and Azure NSG rules allowing inbound traffic from *, Internet, Any or 0.0.0.0/0 (sources
#   in settings firewall_open.world_sources). When neither request nor response describes the rule,
#   it reports too, since an opening cannot be ruled out. Azure writes are judged on their Start entry,
#   the only one that carries the request body.
# scope: package
# custom:
#   id: SW-L4-006
#   layer: L4
#   severity: HIGH
#   cvss_base: 7.5
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1562.007]
#   stratus: [aws.exfiltration.ec2-security-group-open-port-22-ingress, gcp.exfiltration.open-port-22-ingress]
#   remediation: >-
#     Revoke the rule, then check what listened on the opened ports and who connected (VPC flow logs,
#     firewall logs, NSG flow logs). Keep ec2:AuthorizeSecurityGroupIngress / compute.firewalls.* /
#     Microsoft.Network/networkSecurityGroups/*/write out of the agent's role, or limit them to the
#     cluster's own groups; an SCP or org policy can deny world-open ingress outright.
package scalewatch.maestro.l4.firewall_open_to_internet

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding

_world contains lower(source) if some source in config.settings.firewall_open.world_sources

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["firewall.open"]
	events.is_accepted(event)
	some opening in _openings(event)
	resource := activity.target(event, [["request", "groupId"], ["request", "ModifySecurityGroupRulesRequest", "GroupId"]])
	detail := concat("", [opening, " on ", resource])
}

_openings(event) := {"changed a firewall rule the event does not describe"} if {
	count(activity.strings_at(event.api, _rule_keys)) + count(_rule_objects(event)) == 0
} else := {concat("", ["allowed ingress from ", source]) | some source in _open_sources(event)}

_rule_keys := {"cidrip", "cidripv4", "cidripv6", "sourceranges", "sourceaddressprefix", "sourceaddressprefixes"}

# Keys that describe a rule even when it names no source range (security-group pairs, deny rules).
_rule_objects(event) := {key |
	walk(event.api, [path, _])
	count(path) > 0
	key := path[count(path) - 1]
	is_string(key)
	lower(key) in {"ippermissions", "securitygrouprule", "alloweds", "allowed", "denieds", "denied", "securityrules"}
}

_open_sources(event) := {source |
	some source in activity.strings_at(event.api, {"cidrip", "cidripv4", "cidripv6"})
	lower(source) in _world
} if {
	event.cloud.provider == "aws"
}

_open_sources(event) := {source |
	request := object.get(event, ["api", "request"], {})
	_gcp_admits(request)
	some source in object.get(request, "sourceRanges", [])
	lower(source) in _world
} if {
	event.cloud.provider == "gcp"
}

_open_sources(event) := _azure_open_sources(event.api) if event.cloud.provider == "azure"

# Azure rules appear as securityRules/write bodies or inside a whole NSG; judge each rule object.
_azure_open_sources(api) := {source |
	walk(api, [_, rule])
	is_object(rule)
	_azure_admits(rule)
	some source in _azure_sources(rule)
	lower(source) in _world
}

# GCP rules default to INGRESS; a rule that only denies or is disabled opens nothing.
_gcp_admits(request) if {
	upper(object.get(request, "direction", "INGRESS")) != "EGRESS"
	object.get(request, "disabled", false) != true
	not _gcp_deny_only(request)
}

_gcp_deny_only(request) if {
	count(object.get(request, "denieds", object.get(request, "denied", []))) > 0
	count(object.get(request, "alloweds", object.get(request, "allowed", []))) == 0
}

# Azure rules default to nothing; a missing access or direction is read as allow / inbound.
_azure_admits(rule) if {
	lower(object.get(rule, "access", "Allow")) != "deny"
	lower(object.get(rule, "direction", "Inbound")) != "outbound"
}

_azure_sources(rule) := {source | some source in object.get(rule, "sourceAddressPrefixes", [])} | {source |
	source := object.get(rule, "sourceAddressPrefix", "")
	source != ""
}
