# METADATA
# description: A MAESTRO rule package must carry scalewatch's METADATA schema (DESIGN.md §4)
# related_resources:
#   - description: scalewatch design notes, section 4
#     ref: https://example.invalid/scalewatch/DESIGN.md#4-policies
package custom.regal.rules.scalewatch["invalid-rule-metadata"]

import rego.v1

import data.regal.result

_required := {"id", "layer", "severity", "cvss_base", "kind", "clouds", "attack", "stratus", "remediation"}

_optional := {"deprecated", "aliases"}

_severities := {"INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"}

_kinds := {"event", "window", "posture", "missing"}

_clouds := {"aws", "gcp", "azure"}

_package_path := [part.value | some i, part in input["package"].path; i > 0]

_is_rule_file if {
	_package_path[0] == "scalewatch"
	_package_path[1] == "maestro"
	count(_package_path) == 4
	not endswith(input.regal.file.name, "_test.rego")
}

_annotation := a if {
	some a in input["package"].annotations
	a.scope == "package"
}

_custom := object.get(_annotation, "custom", {})

report contains violation if {
	_is_rule_file
	some problem in _problems
	violation := result.fail(rego.metadata.chain(), object.union(
		result.location(input["package"]),
		{"description": concat("", ["rule METADATA: ", problem])},
	))
}

_problems contains "no package-scope METADATA block" if {
	not _annotation
}

_problems contains concat("", ["missing ", key]) if {
	_annotation
	some key in {"title", "description"}
	not _annotation[key]
}

_problems contains concat("", ["missing custom.", key]) if {
	_annotation
	some key in _required
	not key in object.keys(_custom)
}

_problems contains concat("", ["unknown custom.", key]) if {
	some key in object.keys(_custom)
	not key in (_required | _optional)
}

_problems contains "custom.id must look like SW-L<n>-<nnn>" if {
	not regex.match(`^SW-L[1-7]-[0-9]{3}$`, _custom.id)
}

_problems contains "custom.layer must match the id and the package (scalewatch.maestro.l<n>)" if {
	layer := _custom.layer
	not _layer_consistent(layer)
}

_problems contains "custom.severity must be INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL" if {
	not _custom.severity in _severities
}

_problems contains "custom.kind must be event, window, posture or missing" if {
	not _custom.kind in _kinds
}

_problems contains "custom.cvss_base must be a number within 0..10" if {
	not _valid_cvss(_custom.cvss_base)
}

_problems contains "custom.clouds must be a non-empty list of aws, gcp, azure" if {
	not _valid_clouds(_custom.clouds)
}

_problems contains concat("", ["custom.", key, " must be a list of strings"]) if {
	some key in {"attack", "stratus"}
	not _string_list(_custom[key])
}

_problems contains "custom.remediation must be a non-empty string" if {
	not _non_empty_string(_custom.remediation)
}

_layer_consistent(layer) if {
	startswith(_custom.id, concat("", ["SW-", layer, "-"]))
	_package_path[2] == lower(layer)
}

_valid_cvss(value) if {
	is_number(value)
	value >= 0
	value <= 10
}

_valid_clouds(clouds) if {
	is_array(clouds)
	count(clouds) > 0
	every cloud in clouds {
		cloud in _clouds
	}
}

_string_list(values) if {
	is_array(values)
	every value in values {
		is_string(value)
	}
}

_non_empty_string(value) if {
	is_string(value)
	value != ""
}
