# METADATA
# title: Agent's credentials used from an unexpected network or client
# description: >-
#   A vendor agent calls the cloud from a known place (the vendor's control-plane egress IPs or the
#   cluster's NAT gateways) with a known SDK user agent. The same credentials used from elsewhere, or by
#   another client, are stolen credentials or an impersonated agent. Fires for every call whose source IP
#   is outside allowed_source_cidrs (judged only when the list is set; AWS service principals such as
#   ec2.amazonaws.com and non-IP callers such as GCP's gce-internal-ip are skipped) and for every call
#   whose user agent matches none of allowed_user_agent_patterns (judged only when set; patterns are
#   globs, * spanning any text). A missing user agent is reported only in the clouds of
#   user_agent_logged_clouds, whose logs always carry one (CloudTrail, Cloud Audit Logs): the Azure
#   Activity Log has no user agent field, so there its absence says nothing. One finding per source IP
#   or user agent and account.
# scope: package
# custom:
#   id: SW-L7-001
#   layer: L7
#   severity: HIGH
#   cvss_base: 8.1
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1078.004, T1550.001]
#   stratus: [aws.credential-access.ec2-steal-instance-credentials, gcp.initial-access.use-compute-sa-outside-gcp]
#   remediation: >-
#     Check whether the IP or client belongs to the vendor or your clusters; if not, treat the agent's
#     credentials as stolen: revoke sessions / rotate keys (AWS: revoke the role's active sessions, delete
#     access keys; GCP: delete service-account keys; Azure: reset the client secret). Pin the source with
#     aws:SourceIp / aws:SourceVpc conditions (AWS), VPC Service Controls access levels (GCP) or
#     Conditional Access for workload identities (Azure).
package scalewatch.maestro.l7.unexpected_network_or_client

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.principal
import data.scalewatch.lib.text

findings contains finding.for_event(rego.metadata.chain(), _regionless(event), resource, detail) if {
	cidrs := config.settings.allowed_source_cidrs
	count(cidrs) > 0
	some event in input.events
	ip := event.src_endpoint.ip
	_is_ip(ip)
	not _in_any(_address(ip), cidrs)
	resource := concat("", ["ip:", ip])
	detail := concat("", ["call from ", ip, " outside allowed_source_cidrs (", _action(event), ")"])
}

findings contains finding.for_event(rego.metadata.chain(), _regionless(event), resource, detail) if {
	patterns := config.settings.allowed_user_agent_patterns
	count(patterns) > 0
	some event in input.events
	not principal.is_service_call(event)
	agent := _user_agent(event, config.settings.user_agent_logged_clouds)
	not _matches_any(agent, patterns)
	resource := concat("", ["user_agent:", agent])
	detail := concat("", ["call with user agent ", agent, " not in allowed_user_agent_patterns (", _action(event), ")"])
}

# A source address is the same for every region: one finding per address and account.
_regionless(event) := object.union(event, {"cloud": {"region": ""}})

# The user agent to judge: the logged one, or "(none)" where the cloud's log always has one (and where the
# cloud is not stated, so a stripped event is still judged).
_user_agent(event, _) := event.src_endpoint.user_agent

_user_agent(event, logged_clouds) := "(none)" if {
	not event.src_endpoint.user_agent
	not _unlogged_cloud(event, logged_clouds)
}

_unlogged_cloud(event, logged_clouds) if {
	provider := event.cloud.provider
	not provider in logged_clouds
}

_action(event) := object.get(event, ["api", "action"], "unknown action")

_is_ip(ip) if text.is_ipv4(ip)

_is_ip(ip) if text.is_ipv6(ip)

# IPv4-mapped IPv6 (::ffff:203.0.113.9) is judged as the IPv4 address: native OPA and the Wasm target
# disagree on matching it against IPv4 ranges.
_address(ip) := trim_prefix(lower(ip), "::ffff:") if {
	startswith(lower(ip), "::ffff:")
	text.is_ipv4(trim_prefix(lower(ip), "::ffff:"))
} else := ip

_in_any(ip, cidrs) if {
	some cidr in cidrs
	net.cidr_contains(cidr, ip)
}

_matches_any(agent, patterns) if {
	some pattern in patterns
	_matches(agent, pattern)
}

# Patterns are globs (regex is not used in policies: the Wasm build's RE2 is not safe).
_matches(agent, pattern) if glob.match(pattern, ["\n"], agent)
