package custom.regal.rules.scalewatch["wasm-glob-null-delimiters_test"]

import rego.v1

import data.custom.regal.rules.scalewatch["wasm-glob-null-delimiters"] as rule

_module(body) := regal.parse_module("p.rego", concat("\n", ["package p", "", body]))

test_null_delimiters_fail if {
	count(rule.report) == 1 with input as _module(`x if glob.match("a*", null, "ab")`)
}

test_newline_delimiter_passes if {
	count(rule.report) == 0 with input as _module(`x if glob.match("a*", ["\n"], "ab")`)
}
