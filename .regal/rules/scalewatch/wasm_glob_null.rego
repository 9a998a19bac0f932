# METADATA
# description: >-
#   glob.match with null delimiters reads out of bounds in the Wasm build (it works in native OPA, so
#   only the Java engine fails); pass a delimiter list such as ["\n"] instead
package custom.regal.rules.scalewatch["wasm-glob-null-delimiters"]

import rego.v1

import data.regal.result

report contains violation if {
	walk(input.rules, [_, node])
	is_object(node)
	some args in _call_terms(node)
	_is_glob_match(args[0])
	args[2].type == "null"
	violation := result.fail(rego.metadata.chain(), result.location(node))
}

# A call is an expression's terms (top level) or a term of type call (nested in another term).
_call_terms(node) := [node.terms] if is_array(node.terms)

_call_terms(node) := [node.value] if node.type == "call"

_is_glob_match(ref) if {
	ref.type == "ref"
	ref.value[0].value == "glob"
	ref.value[1].value == "match"
}
