package scalewatch.lib.stats_test

import rego.v1

import data.scalewatch.lib.stats

test_bucket_is_start_ms_as_decimal_text if {
	stats.bucket({"time_ms": 1732540200123}, 300000) == "1732540200000"
	stats.bucket({"time_ms": 1732540499999}, 300000) == "1732540200000"
	stats.bucket({"time_ms": 1732540500000}, 300000) == "1732540500000"
}

test_bucket_prints_epoch_milliseconds_exactly if {
	stats.bucket({"time_ms": 1732540017000}, 3600000) == "1732539600000"
	stats.bucket({"time_ms": 1732540017000}, 600000) == "1732539600000"
	stats.bucket({"time_ms": 1000000000123}, 1) == "1000000000123"
	stats.bucket({"time_ms": 999999}, 1) == "999999"
	stats.bucket({"time_ms": 5000}, 1000) == "5000"
}

_ev(uid, time_ms) := {"time_ms": time_ms, "metadata": {"uid": uid}}

_undated(uid) := {"metadata": {"uid": uid}}

test_summary_first_and_last_from_dated_events_only if {
	s := stats.summary([_ev("a", 300), _undated("b"), _ev("c", 100)], {"x"}) with input as {}
	s.count == 3
	s.first_ms == 100
	s.last_ms == 300
	s.event_ids == ["a", "b", "c"]
	s.values == ["x"]
}

test_summary_every_event_undated_still_defined_without_times if {
	s := stats.summary([_undated("b"), _undated("a")], set()) with input as {}
	s == {"count": 2, "event_ids": ["a", "b"], "values": []}
}

test_bucket_undated_event_is_undefined if {
	not stats.bucket(_undated("a"), 300000)
}

test_merge_earliest_first_and_latest_last if {
	m := stats.merge([
		{"count": 1, "first_ms": 50, "last_ms": 70, "event_ids": ["b"]},
		{"count": 2, "first_ms": 10, "last_ms": 20, "event_ids": ["a"], "values": [1]},
	]) with input as {}
	m == {"count": 3, "first_ms": 10, "last_ms": 70, "event_ids": ["a", "b"], "values": [1]}
}

test_merge_summaries_without_times_defined_without_times if {
	m := stats.merge([{"count": 1, "event_ids": ["a"]}, {"count": 1, "event_ids": ["b"]}]) with input as {}
	m == {"count": 2, "event_ids": ["a", "b"], "values": []}
}
