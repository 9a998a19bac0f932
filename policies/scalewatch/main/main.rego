# METADATA
# title: scalewatch entrypoint
# description: >-
#   Collects the findings and partial stats of every MAESTRO rule package. The engine evaluates it once
#   per event chunk (input.events), then once for the window (input.stats, merged by Java) and the
#   posture (input.posture). Each rule package answers only to the part of the input it reads.
# scope: package
# custom:
#   library: true
package scalewatch.main

import rego.v1

# METADATA
# title: Result of one evaluation
# description: Findings of every rule plus the partial stats window rules need, keyed by stat name.
# entrypoint: true
result := {"findings": findings, "stats": stats}

# METADATA
# title: Findings of every rule package under scalewatch.maestro
findings contains f if {
	some layer in data.scalewatch.maestro
	some rule in layer
	some f in rule.findings
}

# METADATA
# title: Partial stats of every window rule, keyed by stat name
stats[stat] := value if {
	some layer in data.scalewatch.maestro
	some rule in layer
	some stat, value in rule.stats
}

# METADATA
# title: Used versus granted per watched identity
# description: >-
#   The usage report of the window/posture pass input (docs/usage.md). Not part of result: a second
#   Wasm entrypoint, evaluated once per scan on the window/posture input and written as usage.json.
usage := data.scalewatch.usage.report
