# METADATA
# title: Behaviour baseline of the identity
# description: >-
#   The identity's behaviour history as the window pass receives it (input.baseline: started_ms,
#   updated_ms, runs, seen.<dimension>.<value> = {first_ms, last_ms, count}; docs/baseline.md), and the
#   value extractors the seen_<dimension> stats are built from, so every rule that remembers something
#   keys it the same way. Rules decide maturity with mature: never judge novelty while learning.
# scope: package
# custom:
#   library: true
package scalewatch.lib.baseline

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.text

_day_ms := 86400000

# METADATA
# title: The baseline has learned for at least the learning period
# description: >-
#   At least one window folded, and the folded windows span baseline.learning_days (settings, per
#   profile). A missing or empty baseline is never mature.
mature if {
	b := object.get(input, "baseline", {})
	object.get(b, "runs", 0) > 0
	object.get(b, "updated_ms", 0) - object.get(b, "started_ms", 0) >= config.settings.baseline.learning_days * _day_ms
}

# METADATA
# title: The baseline has seen this value of this dimension
known(dimension, value) if object.get(input, ["baseline", "seen", dimension, value], null) != null

# METADATA
# title: What the baseline covers, for finding texts
# description: e.g. "baseline learned from 2026-10-01 to 2026-11-24 over 120 runs".
learned_period := concat("", [
	"baseline learned from ", date(input.baseline.started_ms), " to ", date(input.baseline.updated_ms), " over ",
	format_int(input.baseline.runs, 10), " runs",
])

# METADATA
# title: UTC calendar date (YYYY-MM-DD) of an epoch-ms time, without time builtins
# description: >-
#   Civil-from-days (proleptic Gregorian) in integer arithmetic: time.* builtins are not available in
#   the Wasm build.
date(ms) := concat("-", [_pad(y + _jan_feb(m), 4), _pad(m, 2), _pad(d, 2)]) if {
	z := floor(ms / _day_ms) + 719468
	era := floor(z / 146097)
	doe := z - (era * 146097)
	yoe := floor((((doe - floor(doe / 1460)) + floor(doe / 36524)) - floor(doe / 146096)) / 365)
	y := yoe + (era * 400)
	doy := doe - (((365 * yoe) + floor(yoe / 4)) - floor(yoe / 100))
	mp := floor(((5 * doy) + 2) / 153)
	d := (doy - floor(((153 * mp) + 2) / 5)) + 1
	m := _month(mp)
}

_month(mp) := mp + 3 if mp < 10

_month(mp) := mp - 9 if mp >= 10

_jan_feb(m) := 1 if m <= 2

_jan_feb(m) := 0 if m > 2

_pad(n, width) := concat("", [substring("0000", 0, width - count(s)), s]) if {
	s := format_int(n, 10)
	count(s) < width
} else := format_int(n, 10)

# METADATA
# title: UTC hour of the day of an event, "00".."23"
hour(event) := _pad(floor(event.time_ms / 3600000) % 24, 2) if is_number(event.time_ms)

# METADATA
# title: Source network of an address
# scope: document
# description: >-
#   The /24 of an IPv4 address (an IPv4-mapped IPv6 address counts as IPv4), the /48 of an IPv6 one,
#   computed from the text (no regex, no net builtins that can fail on log data). Undefined for what is
#   not an address (AWS Internal, service host names, GCP's gce-internal-ip).
network(ip) := concat("", [concat(".", array.slice(split(v4, "."), 0, 3)), ".0/24"]) if {
	v4 := _ipv4(ip)
	text.is_ipv4(v4)
}

network(ip) := concat("", [concat(":", _first_groups(lower(ip))), "::/48"]) if {
	not text.is_ipv4(_ipv4(ip))
	not contains(ip, ".")
	text.is_ipv6(ip)
}

_ipv4(ip) := trim_prefix(lower(ip), "::ffff:")

# The first three groups of an IPv6 address; groups a "::" leaves out are 0. Leading zeros dropped.
_first_groups(ip) := [_group(g) | some g in array.slice(array.concat(head, ["0", "0", "0"]), 0, 3)] if {
	halves := split(ip, "::")
	head := [g | some g in split(halves[0], ":"); g != ""]
}

_group(g) := "0" if trim_left(g, "0") == ""

else := trim_left(g, "0")

# METADATA
# title: Product token of a user agent
# description: >-
#   The first token of the user agent, lowercased, without its version and brackets:
#   "aws-sdk-go-v2/1.30.3 os/linux ..." -> aws-sdk-go-v2, "[aws-cli/2.15.0 ...]" -> aws-cli,
#   "castai-agent/v0.60 (linux)" -> castai-agent. At most 64 characters, so a hostile agent string cannot
#   grow the baseline.
user_agent_product(ua) := substring(token, 0, 64) if {
	first := split(trim_space(trim_left(trim_space(ua), "[(")), " ")[0]
	token := trim(lower(split(first, "/")[0]), "[]();,")
	token != ""
}
