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
# description: >-
#   json.marshal, not format_int: the Wasm engine's format_int aborts the whole evaluation
#   ("strings: get uint failed") for numbers of 2^31 and above, and epoch milliseconds are far above.
bucket(event, size_ms) := json.marshal(floor(event.time_ms / size_ms) * size_ms)

# METADATA
# title: One summary from several (sum of counts, earliest first, latest last, union of ids and values)
# description: For window rules that add up entries of several stat keys, e.g. one per instances-per-call.
merge(summaries) := {
	"count": sum([s.count | some s in summaries]),
	"first_ms": min([s.first_ms | some s in summaries]),
	"last_ms": max([s.last_ms | some s in summaries]),
	"event_ids": array.slice(
		sort({id | some s in summaries; some id in s.event_ids}),
		0, config.settings.max_evidence_ids,
	),
	"values": sort({v | some s in summaries; some v in object.get(s, "values", [])}),
}
