package scalewatch.lib.stats_test

import rego.v1

import data.scalewatch.lib.stats

test_bucket_prints_epoch_milliseconds_exactly if {
	stats.bucket({"time_ms": 1732540017000}, 3600000) == "1732539600000"
	stats.bucket({"time_ms": 1732540017000}, 600000) == "1732539600000"
	stats.bucket({"time_ms": 1000000000123}, 1) == "1000000000123"
	stats.bucket({"time_ms": 999999}, 1) == "999999"
	stats.bucket({"time_ms": 5000}, 1000) == "5000"
}
