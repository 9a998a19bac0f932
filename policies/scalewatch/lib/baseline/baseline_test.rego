package scalewatch.lib.baseline_test

import rego.v1

import data.scalewatch.lib.baseline

_day := 86400000

_history(days, runs) := {
	"started_ms": 1760000000000, "updated_ms": 1760000000000 + (days * 86400000),
	"runs": runs, "seen": {},
}

test_mature_after_learning_period if {
	baseline.mature with input.baseline as _history(14, 40)
}

test_not_mature_while_learning if {
	not baseline.mature with input.baseline as _history(13, 40)
}

test_not_mature_without_runs if {
	not baseline.mature with input.baseline as {"started_ms": 0, "updated_ms": 0, "runs": 0, "seen": {}}
}

test_not_mature_without_baseline if {
	not baseline.mature with input as {}
}

test_learning_period_from_profile if {
	not baseline.mature with input.baseline as _history(20, 40)
		with input.config as {"baseline": {"learning_days": 30}}
}

test_known_value if {
	baseline.known("region", "us-east-1") with input.baseline as {"seen": {"region": {"us-east-1": {"count": 1}}}}
	not baseline.known("region", "eu-west-1") with input.baseline as {"seen": {"region": {"us-east-1": {"count": 1}}}}
	not baseline.known("region", "eu-west-1") with input as {}
}

test_date if {
	baseline.date(0) == "1970-01-01"
	baseline.date(1732540000000) == "2024-11-25"
	baseline.date(951782400000) == "2000-02-29"
	baseline.date(1767225599000) == "2025-12-31"
	baseline.date(1709251200000) == "2024-03-01"
}

test_learned_period if {
	history := {"started_ms": 1732540000000, "updated_ms": 1732540000000 + (14 * _day), "runs": 3}
	baseline.learned_period == "baseline learned from 2024-11-25 to 2024-12-09 over 3 runs" with input.baseline as history
}

test_hour if {
	baseline.hour({"time_ms": 1732540000000}) == "13"
	baseline.hour({"time_ms": 1732500000000}) == "02"
	not baseline.hour({})
}

test_network_ipv4 if {
	baseline.network("203.0.113.77") == "203.0.113.0/24"
	baseline.network("::ffff:198.51.100.9") == "198.51.100.0/24"
}

test_network_ipv6 if {
	baseline.network("2001:db8:85a3::8a2e:370:7334") == "2001:db8:85a3::/48"
	baseline.network("2001:DB8::1") == "2001:db8:0::/48"
	baseline.network("2001:0db8:0000:0042::1") == "2001:db8:0::/48"
}

test_network_not_an_address if {
	not baseline.network("AWS Internal")
	not baseline.network("ec2.amazonaws.com")
	not baseline.network("gce-internal-ip")
	not baseline.network("1.2.3")
}

test_user_agent_product if {
	baseline.user_agent_product("aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22") == "aws-sdk-go-v2"
	baseline.user_agent_product("[aws-cli/2.15.0 Python/3.11]") == "aws-cli"
	baseline.user_agent_product("castai-agent/v0.60 (linux)") == "castai-agent"
	baseline.user_agent_product("Boto3/1.34.0") == "boto3"
	not baseline.user_agent_product("   ")
	count(baseline.user_agent_product(concat("", ["x" | some _ in numbers.range(1, 500)]))) == 64
}
