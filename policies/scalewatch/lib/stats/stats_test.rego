package scalewatch.lib.stats_test

import rego.v1

import data.scalewatch.lib.stats

test_bucket_is_start_ms_as_decimal_text if {
	stats.bucket({"time_ms": 1732540200123}, 300000) == "1732540200000"
	stats.bucket({"time_ms": 1732540499999}, 300000) == "1732540200000"
	stats.bucket({"time_ms": 1732540500000}, 300000) == "1732540500000"
}
