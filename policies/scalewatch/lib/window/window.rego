# METADATA
# title: Per-location time buckets
# description: >-
#   Window rules that count calls per cloud location and time bucket key their stats as
#   provider|account|region|bucket_start_ms. These helpers build such keys, split them again in the
#   window pass, and merge the summaries of several buckets into the evidence of one finding per
#   location, so a sustained pattern is one finding a responder acts on rather than one per bucket.
# scope: package
# custom:
#   library: true
package scalewatch.lib.window

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.stats

# METADATA
# title: Stats key of an event (location and time bucket)
key(event, size_ms) := concat("|", [
	event.cloud.provider, event.cloud.account, events.region(event),
	stats.bucket(event, size_ms),
])

# METADATA
# title: Location part of a stats key (provider|account|region)
location(key) := concat("|", array.slice(split(key, "|"), 0, 3))

# METADATA
# title: Cloud object of a location (provider|account|region)
cloud(loc) := {"provider": parts[0], "account": parts[1], "region": parts[2]} if {
	parts := split(loc, "|")
}

# METADATA
# title: Location as a finding resource (provider/account/region)
resource(loc) := replace(loc, "|", "/")

# METADATA
# title: Summaries of a stat that belong to one location
of_location(stat, loc) := [summary |
	some key, summary in stat
	location(key) == loc
]

# METADATA
# title: Distinct locations of a stat
locations(stat) := {location(key) | some key, _ in stat}

# METADATA
# title: One summary from several (sum, min, max, union, evidence ids capped)
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

# METADATA
# title: Bucket length in whole minutes, as text
minutes(size_ms) := format_int(size_ms / 60000, 10)
