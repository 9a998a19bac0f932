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
