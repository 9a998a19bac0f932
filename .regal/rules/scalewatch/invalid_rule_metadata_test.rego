package custom.regal.rules.scalewatch["invalid-rule-metadata_test"]

import rego.v1

import data.custom.regal.rules.scalewatch["invalid-rule-metadata"] as rule

_good := `# METADATA
# title: T
# description: D
# scope: package
# custom:
#   id: SW-L4-001
#   layer: L4
#   severity: HIGH
#   cvss_base: 7.1
#   kind: event
#   clouds: [aws]
#   attack: [T1496]
#   stratus: []
#   remediation: R
package scalewatch.maestro.l4.gpu_instance_launch
`

_module(text, file) := object.union(regal.parse_module(file, text), {"regal": {"file": {"name": file}}})

test_good_metadata_passes if {
	count(rule.report) == 0 with input as _module(_good, "p/scalewatch/maestro/l4/x/x.rego")
}

test_missing_remediation_and_bad_layer_fail if {
	text := replace(replace(_good, "#   remediation: R\n", ""), "layer: L4", "layer: L5")
	report := rule.report with input as _module(text, "p/scalewatch/maestro/l4/x/x.rego")
	descriptions := {v.description | some v in report}
	"rule METADATA: missing custom.remediation" in descriptions
	"rule METADATA: custom.layer must match the id and the package (scalewatch.maestro.l<n>)" in descriptions
}

test_unknown_key_and_bad_severity_fail if {
	text := replace(replace(_good, "severity: HIGH", "severity: SEVERE"), "kind: event", "kind: event\n#   owner: me")
	report := rule.report with input as _module(text, "p/scalewatch/maestro/l4/x/x.rego")
	descriptions := {v.description | some v in report}
	"rule METADATA: unknown custom.owner" in descriptions
	"rule METADATA: custom.severity must be INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL" in descriptions
}

test_library_and_test_files_are_not_judged if {
	lib := replace(_good, "package scalewatch.maestro.l4.gpu_instance_launch", "package scalewatch.lib.events")
	count(rule.report) == 0 with input as _module(lib, "p/scalewatch/lib/events/events.rego")
	count(rule.report) == 0 with input as _module("package scalewatch.maestro.l4.x_test\n", "p/x_test.rego")
}
