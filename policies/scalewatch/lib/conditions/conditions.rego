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
	like(lower(pattern), key)
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

# METADATA
# title: IAM wildcard match (* spans every character), without glob.match
# description: >-
#   glob.match in the Wasm build compiles each distinct pattern to an RE2 expression; comparing hundreds of
#   reference patterns that way read out of bounds (the same RE2 fault that bans regex.* here), so this
#   matcher splits the pattern on "*" and checks the pieces in order with startswith / indexof. Up to six
#   "*" per pattern are supported (more never match); "?" is compared literally. Case is the caller's
#   business (lower both sides for actions and condition keys).
# scope: document
like(pattern, value) if {
	not contains(pattern, "*")
	pattern == value
}

like(pattern, value) if {
	parts := split(pattern, "*")
	count(parts) > 1
	first := parts[0]
	startswith(value, first)
	last := parts[count(parts) - 1]
	endswith(value, last)
	count(value) >= count(first) + count(last)
	body := substring(value, count(first), (count(value) - count(first)) - count(last))
	_in_order(body, array.slice(parts, 1, count(parts) - 1))
}

_in_order(_, [])

_in_order(body, [a]) if contains(body, a)

_in_order(body, [a, b]) if contains(_after(body, a), b)

_in_order(body, [a, b, c]) if contains(_after(_after(body, a), b), c)

_in_order(body, [a, b, c, d]) if contains(_after(_after(_after(body, a), b), c), d)

_in_order(body, [a, b, c, d, e]) if contains(_after(_after(_after(_after(body, a), b), c), d), e)

# The text after the first occurrence of part (undefined when it does not occur): leftmost is enough for
# patterns made only of "*".
_after(text, part) := substring(text, indexof(text, part) + count(part), -1) if indexof(text, part) >= 0
