# METADATA
# title: Grant conditions
# description: >-
#   Reads the conditions of grants and trust statements so rules can tell a narrowed grant from an open
#   one. AWS Condition blocks ({operator: {key: value or [values]}}) become entries with the operator's
#   base name, its set qualifier (ForAnyValue / ForAllValues) and IfExists flag, the lowercased key and the
#   values as strings. An entry restricts a key only when it is a positive string / ARN / Bool operator
#   without IfExists and without ForAllValues (those pass when the key is absent), and its values are not a
#   bare "*". Negative operators (StringNotEquals, ...) narrow nothing here: they exclude some values and
#   admit every other one. GCP and Azure conditions are expressions; they are read by key phrases only.
# scope: package
# custom:
#   library: true
package scalewatch.lib.conditions

import rego.v1

_positive := {
	"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "bool",
	"numericequals", "numericlessthan", "numericlessthanequals", "ipaddress",
}

# METADATA
# title: Entries of an AWS Condition block
entries(statement) := {entry |
	some operator, block in object.get(statement, "conditions", {})
	is_object(block)
	some key, value in block
	base := _base(operator)
	entry := {
		"operator": base,
		"qualifier": _qualifier(operator),
		"if_exists": endswith(lower(operator), "ifexists"),
		"key": lower(key),
		"values": _strings(value),
	}
}

# METADATA
# title: Entries that restrict their key to the values they list
restricting(statement) := {entry |
	some entry in entries(statement)
	entry.operator in _positive
	not entry.if_exists
	entry.qualifier != "forallvalues"
	not "*" in entry.values
	count(entry.values) > 0
}

# METADATA
# title: Lowercased keys a statement requires (positive operator, no IfExists, any values)
# description: >-
#   What a reference policy demands of a request: unlike restricting, a "*" value (the tag must be
#   present) and ForAllValues (only these tag keys) count.
required_keys(statement) := {entry.key |
	some entry in entries(statement)
	entry.operator in _positive
	not entry.if_exists
}

# METADATA
# title: Lowercased keys the statement restricts
restricted_keys(statement) := {entry.key | some entry in restricting(statement)}

# METADATA
# title: Statement restricts a key matching one of the patterns (IAM wildcards, case-insensitive)
restricts_any(statement, patterns) if {
	some key in restricted_keys(statement)
	some pattern in patterns
	glob.match(lower(pattern), ["\n"], key)
}

# METADATA
# title: Values a statement allows for a key, when it restricts the key
# description: Undefined when nothing restricts the key; two restricting entries both apply, so the set is their union.
allowed_values(statement, key) := {value |
	some entry in restricting(statement)
	entry.key == lower(key)
	some value in entry.values
} if {
	lower(key) in restricted_keys(statement)
}

# METADATA
# title: Lowercased keys a statement names under any operator
keys(statement) := {entry.key | some entry in entries(statement)}

# METADATA
# title: The expression of a GCP / Azure condition, empty when there is none
expression(statement) := object.get(object.get(statement, "conditions", {}), "expression", "")

# METADATA
# title: A GCP condition expression narrows which resources the grant applies to
# description: >-
#   IAM conditions on resource.name / resource.type / resource.service narrow the resources; conditions
#   only on request.time (temporary access) do not.
gcp_narrows_resources(statement) if {
	text := expression(statement)
	some phrase in ["resource.name", "resource.type", "resource.service", "resource.matchTag"]
	contains(text, phrase)
}

_base(operator) := trim_suffix(_unqualified(lower(operator)), "ifexists")

_unqualified(operator) := parts[1] if {
	parts := split(operator, ":")
	count(parts) == 2
} else := operator

_qualifier(operator) := lower(parts[0]) if {
	parts := split(operator, ":")
	count(parts) == 2
} else := ""

_strings(value) := [_text(v) | some v in value] if is_array(value)

else := [_text(value)]

_text(v) := v if is_string(v)

else := json.marshal(v)
