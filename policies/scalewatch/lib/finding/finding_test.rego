package scalewatch.lib.finding_test

import rego.v1

import data.scalewatch.lib.finding
import data.scalewatch.lib.test

_chain := [{"annotations": {
	"title": "Test rule",
	"custom": {
		"id": "SW-L4-999", "layer": "L4", "kind": "event", "severity": "HIGH", "cvss_base": 7.1,
		"remediation": "Fix it.",
	},
}}]

_event := {
	"time_ms": 1732540200123,
	"cloud": {"provider": "aws", "account": "111122223333", "region": "us-east-1"},
	"metadata": {"uid": "e-1"},
}

test_for_event_dated_event_first_and_last_seen_are_its_time if {
	f := finding.for_event(_chain, _event, "r", "d") with input as {}
	f.evidence.first_seen_ms == 1732540200123
	f.evidence.last_seen_ms == 1732540200123
	f.evidence.event_ids == ["e-1"]
}

test_for_event_undated_event_still_gives_finding_with_no_time if {
	f := finding.for_event(_chain, json.remove(_event, ["time_ms"]), "r", "d") with input as {}
	f.rule_id == "SW-L4-999"
	f.evidence.event_ids == ["e-1"]
	f.evidence.first_seen_ms == 0
	f.evidence.last_seen_ms == 0
}

test_for_window_summary_without_times_gives_finding_with_no_time if {
	summary := {"count": 2, "event_ids": ["a", "b"], "values": []}
	f := finding.for_window(_chain, _event.cloud, "r", "d", summary, {"events": 2}) with input as {}
	f.evidence.event_ids == ["a", "b"]
	f.evidence.first_seen_ms == 0
	f.evidence.last_seen_ms == 0
}

test_for_window_summary_with_times_keeps_them if {
	summary := {"count": 1, "first_ms": 5, "last_ms": 9, "event_ids": ["a"], "values": []}
	f := finding.for_window(_chain, _event.cloud, "r", "d", summary, {"events": 1}) with input as {}
	f.evidence.first_seen_ms == 5
	f.evidence.last_seen_ms == 9
}

test_rule_findings_undated_event_not_dropped if {
	event := {
		"cloud": {"provider": "aws", "account": "111122223333", "region": "us-east-1"},
		"actor": {"principal": "arn:aws:iam::111122223333:user/alice", "type": "IAMUser"},
		"api": {"action": "ec2:DescribeInstances"},
		"status": "success",
		"metadata": {"uid": "undated-1", "read_only": true, "issues": ["no event time"]},
	}
	findings := data.scalewatch.maestro.l7.long_lived_credential_used.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.evidence.event_ids == ["undated-1"]
	f.evidence.first_seen_ms == 0
}

test_for_event_rule_in_dry_run_rules_is_marked_dry_run if {
	f := finding.for_event(_chain, _event, "r", "d") with input as {"config": {"dry_run_rules": ["SW-L4-999"]}}
	f.dry_run == true
}

test_for_event_rule_not_in_dry_run_rules_is_not_dry_run if {
	f := finding.for_event(_chain, _event, "r", "d") with input as {"config": {"dry_run_rules": ["SW-L4-001"]}}
	f.dry_run == false
}

test_for_posture_dry_run_rules_from_profile_default_is_empty if {
	posture := {"cloud": "aws", "account": "111122223333"}
	f := finding.for_posture(_chain, posture, "r", "d", ["s"]) with input as {}
	f.dry_run == false
}
