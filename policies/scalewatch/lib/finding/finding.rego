# METADATA
# title: Finding shape
# description: >-
#   Every rule builds its findings here, so all rules emit the same shape. Rule facts (id, layer,
#   severity, cvss_base, kind, remediation, ATT&CK and Stratus ids) come from the rule's METADATA via
#   rego.metadata.chain(), resolved at compile time, never retyped in a rule body.
# scope: package
# custom:
#   library: true
package scalewatch.lib.finding

import rego.v1

import data.scalewatch.lib.config

# METADATA
# title: Finding for one event
# description: >-
#   The engine merges findings of one rule and resource across chunks into one finding. An undated
#   event (its record states no time, so the input has no time_ms) still gives its finding, with
#   first/last seen 0, which the engine's Evidence reads as "no time".
for_event(chain, event, resource, detail) := object.union(_base(chain, resource, detail), {
	"cloud": event.cloud,
	"evidence": {
		"event_ids": [event.metadata.uid],
		"counts": {"events": 1},
		"first_seen_ms": object.get(event, "time_ms", 0),
		"last_seen_ms": object.get(event, "time_ms", 0),
	},
})

# METADATA
# title: Finding for a window aggregate
# description: >-
#   summary is a stats entry (count, first_ms, last_ms, event_ids) as lib.stats builds it; a summary of
#   undated events only has no first_ms/last_ms, and its finding has first/last seen 0 ("no time").
for_window(chain, cloud, resource, detail, summary, counts) := object.union(_base(chain, resource, detail), {
	"cloud": cloud,
	"evidence": {
		"event_ids": summary.event_ids,
		"counts": counts,
		"first_seen_ms": object.get(summary, "first_ms", 0),
		"last_seen_ms": object.get(summary, "last_ms", 0),
	},
})

# METADATA
# title: Finding for a posture weakness
# description: sources are the policies, bindings or assignments behind the weakness.
for_posture(chain, posture, resource, detail, sources) := object.union(_base(chain, resource, detail), {
	"cloud": {"provider": posture.cloud, "account": posture.account, "region": ""},
	"evidence": {"sources": sort(sources), "counts": {"grants": count(sources)}},
})

# METADATA
# title: Annotations of the rule whose chain is given
rule_annotations(chain) := entry.annotations if {
	some entry in chain
	entry.annotations.custom.id
}

_base(chain, resource, detail) := {
	"rule_id": meta.id,
	"layer": meta.layer,
	"kind": meta.kind,
	"severity": meta.severity,
	"cvss_base": meta.cvss_base,
	"title": annotations.title,
	"remediation": meta.remediation,
	"attack": object.get(meta, "attack", []),
	"stratus": object.get(meta, "stratus", []),
	"resource": resource,
	"detail": detail,
	"dry_run": meta.id in object.get(config.settings, "dry_run_rules", []),
} if {
	annotations := rule_annotations(chain)
	meta := annotations.custom
}

# METADATA
# title: Finding with the severity and CVSS base of a lesser case
# description: >-
#   A rule's METADATA states the severity of its gravest case; a rule that also reports lesser cases
#   grades them with a {"severity", "cvss_base"} object from its settings (data), never a literal.
graded(f, grade) := object.union(f, {"severity": grade.severity, "cvss_base": grade.cvss_base})
