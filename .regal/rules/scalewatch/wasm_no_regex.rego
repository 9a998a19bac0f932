# METADATA
# description: >-
#   No regex.* in policies: the Wasm build's RE2 reads out of bounds in some evaluations (only the Java
#   engine fails, native OPA is fine); use lib/text, split, glob.match, startswith/endswith instead
package custom.regal.rules.scalewatch["wasm-no-regex"]

import rego.v1

import data.regal.result

report contains violation if {
	not endswith(input.regal.file.name, "_test.rego")
	walk(input.rules, [_, node])
	is_object(node)
	some args in _call_terms(node)
	args[0].type == "ref"
	args[0].value[0].value == "regex"
	violation := result.fail(rego.metadata.chain(), result.location(node))
}

_call_terms(node) := [node.terms] if is_array(node.terms)

_call_terms(node) := [node.value] if node.type == "call"
