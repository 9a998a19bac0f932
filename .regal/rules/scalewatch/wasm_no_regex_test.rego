package custom.regal.rules.scalewatch["wasm-no-regex_test"]

import rego.v1

import data.custom.regal.rules.scalewatch["wasm-no-regex"] as rule

_module(file, body) := object.union(
	regal.parse_module(file, concat("\n", ["package p", "", body])),
	{"regal": {"file": {"name": file}}},
)

test_regex_in_policy_fails if {
	count(rule.report) == 1 with input as _module("p.rego", "x if regex.match(`^a$`, input.s)")
}

test_nested_regex_fails if {
	count(rule.report) == 1 with input as _module("p.rego", "x := count([1 | regex.match(`a`, input.s)])")
}

test_regex_in_test_file_passes if {
	count(rule.report) == 0 with input as _module("p_test.rego", "x if regex.match(`^a$`, input.s)")
}

test_glob_passes if {
	count(rule.report) == 0 with input as _module("p.rego", `x if glob.match("a*", ["\n"], input.s)`)
}
