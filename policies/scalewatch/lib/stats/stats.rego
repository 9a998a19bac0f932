# METADATA
# title: Window statistics
# description: >-
#   Window rules see a whole scan window, but the engine evaluates events in bounded chunks. Each chunk
#   reports per-key summaries (count, first and last time, event ids, distinct values); Java merges them
#   generically (sum, min, max, union) and hands the merged stats to the window pass. This library
#   builds those summaries so every window rule reports the same shape.
# scope: package
# custom:
#   library: true
package scalewatch.lib.stats

import rego.v1

import data.scalewatch.lib.config

# METADATA
# title: Summary of a group of events
# description: values are the distinct values of interest (e.g. regions), may be empty.
summary(evs, values) := {
	"count": count(evs),
	"first_ms": min({e.time_ms | some e in evs}),
	"last_ms": max({e.time_ms | some e in evs}),
	"event_ids": array.slice(sort({e.metadata.uid | some e in evs}), 0, config.settings.max_evidence_ids),
	"values": sort(values),
}

# METADATA
# title: Start of the time bucket an event falls in, as a string key
bucket(event, size_ms) := _ms_string(floor(event.time_ms / size_ms) * size_ms)

# The Wasm target's format_int handles 32-bit values only (larger ones abort the evaluation), so epoch
# milliseconds are printed as millions and a zero-padded remainder.
_ms_string(ms) := concat("", [format_int(high, 10), _pad6(format_int(ms - (high * 1000000), 10))]) if {
	ms >= 1000000
	high := floor(ms / 1000000)
}

_ms_string(ms) := format_int(ms, 10) if ms < 1000000

_pad6(digits) := concat("", [substring("000000", 0, 6 - count(digits)), digits])
