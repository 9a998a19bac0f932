# METADATA
# title: Window statistics
# description: >-
#   Window rules see a whole scan window, but the engine evaluates events in bounded chunks. Each chunk
#   reports per-key summaries (count, first and last time, event ids, distinct values); Java merges them
#   generically (sum, min, max, union) and hands the merged stats to the window pass. This library
#   builds those summaries so every window rule reports the same shape.
#
#   Undated events (records that state no time; the input has no time_ms for them) are counted by
#   summary, but give no first_ms/last_ms: a summary of undated events only has neither. bucket is
#   undefined for them, so window rules that count per time bucket do not count undated events.
# scope: package
# custom:
#   library: true
package scalewatch.lib.stats

import rego.v1

import data.scalewatch.lib.config

# METADATA
# title: Summary of a group of events
# description: >-
#   values are the distinct values of interest (e.g. regions), may be empty. first_ms/last_ms come from
#   the dated events and are left out when every event is undated.
summary(evs, values) := object.union(_span({e.time_ms | some e in evs}), {
	"count": count(evs),
	"event_ids": array.slice(sort({e.metadata.uid | some e in evs}), 0, config.settings.max_evidence_ids),
	"values": sort(values),
})

# METADATA
# title: Start of the time bucket an event falls in, as a string key
# description: >-
#   Undefined for an undated event (no time_ms): it falls in no bucket, so per-bucket window rules do
#   not count it. json.marshal, not format_int: the Wasm engine's format_int aborts the whole evaluation
#   ("strings: get uint failed") for numbers of 2^31 and above, and epoch milliseconds are far above.
bucket(event, size_ms) := json.marshal(floor(event.time_ms / size_ms) * size_ms)

# METADATA
# title: One summary from several (sum of counts, earliest first, latest last, union of ids and values)
# description: For window rules that add up entries of several stat keys, e.g. one per instances-per-call.
merge(summaries) := object.union(
	_span({t | some s in summaries; some name in ["first_ms", "last_ms"]; t := s[name]}),
	{
		"count": sum([s.count | some s in summaries]),
		"event_ids": array.slice(
			sort({id | some s in summaries; some id in s.event_ids}),
			0, config.settings.max_evidence_ids,
		),
		"values": sort({v | some s in summaries; some v in object.get(s, "values", [])}),
	},
)

# first_ms/last_ms of a set of times; empty when there is none (min/max of nothing is undefined).
_span(times) := {"first_ms": min(times), "last_ms": max(times)} if {
	count(times) > 0
} else := {}
