# METADATA
# title: Test assertions
# description: Assertions that print the actual value on failure, for *_test.rego files.
# scope: package
# custom:
#   library: true
package scalewatch.lib.test

import rego.v1

# METADATA
# title: Collection has exactly n elements
assert_count(coll, n) if {
	count(coll) == n
} else := false if {
	print("expected", n, "elements, got", count(coll), ":", coll)
}

# METADATA
# title: Collection is empty
assert_empty(coll) if {
	count(coll) == 0
} else := false if {
	print("expected no elements, got", count(coll), ":", coll)
}

# METADATA
# title: Every finding has the given rule id
assert_rule(findings, rule_id) if {
	count(findings) > 0
	every f in findings {
		f.rule_id == rule_id
	}
} else := false if {
	print("expected findings of", rule_id, "got", findings)
}
