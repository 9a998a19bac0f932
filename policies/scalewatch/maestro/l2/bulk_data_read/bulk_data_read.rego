# METADATA
# title: Agent read data or secrets in bulk
# description: >-
#   Exfiltration through a privileged agent shows up as volume: hundreds of object reads from buckets
#   or secret reads in minutes, far beyond the agent's job of reading instance and price data. Counts
#   successful object reads (storage.read) and secret reads that disclosed a value (as SW-L2-001 judges
#   them) per cloud location and time bucket over the scan window, and reports each location with buckets
#   above bulk_data_read.max_reads, naming the buckets and secret APIs read.
# scope: package
# custom:
#   id: SW-L2-005
#   layer: L2
#   severity: HIGH
#   cvss_base: 7.5
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1530, T1555.006]
#   stratus: [aws.credential-access.secretsmanager-retrieve-secrets, k8s.credential-access.dump-secrets]
#   remediation: >-
#     Identify the objects and secrets read (data events, Data Access logs, storage logs), treat them as
#     disclosed and rotate secrets among them. Remove object read on non-telemetry buckets and secret read
#     permissions from the agent; restrict bucket policies to the agent's source VPC endpoints where
#     possible.
package scalewatch.maestro.l2.bulk_data_read

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.secrets
import data.scalewatch.lib.stats
import data.scalewatch.lib.target
import data.scalewatch.lib.window

_settings := config.settings.bulk_data_read

_reads contains event if {
	some event in events.of_class["storage.read"]
	_counts(event)
}

_reads contains event if {
	some event in events.of_class["secret.read"]
	_counts(event)
	secrets.is_read(event)
}

# METADATA
# title: Object and secret reads per cloud location and time bucket, with the stores read
stats.l2_data_reads[key] := stats.summary(evs, stores) if {
	some key in {window.key(event, _settings.bucket_ms) | some event in _reads}
	evs := [event | some event in _reads; window.key(event, _settings.bucket_ms) == key]
	stores := {_store(event) | some event in evs}
}

findings contains f if {
	some loc in window.locations(input.stats.l2_data_reads)
	hot := [s |
		some s in window.of_location(input.stats.l2_data_reads, loc)
		s.count > _settings.max_reads
	]
	count(hot) > 0
	summary := window.merge(hot)
	counts := {
		"reads": summary.count, "buckets": count(hot),
		"max_per_bucket": max([s.count | some s in hot]), "threshold": _settings.max_reads,
	}
	detail := concat("", [
		format_int(summary.count, 10), " object or secret reads in ", format_int(count(hot), 10),
		" bucket(s) of ", window.minutes(_settings.bucket_ms), " minutes above ",
		format_int(_settings.max_reads, 10), " each; from: ", concat(", ", summary.values),
	])
	f := finding.for_window(rego.metadata.chain(), window.cloud(loc), window.resource(loc), detail, summary, counts)
}

_counts(event) if {
	not events.is_failure(event)
	not event.status == "in_progress"
}

_store(event) := event.api.action if events.is_class(event, "secret.read")

else := store if {
	store := target.store(event)
	store != ""
} else := "unknown-store"
