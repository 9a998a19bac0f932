# METADATA
# title: Text checks that are safe in Wasm
# description: >-
#   Shape checks on strings from logs (account ids, IP addresses, instance ids, counts) without regex:
#   the Wasm build's RE2 reads out of bounds in some evaluations, and a builtin that errors (to_number
#   on "abc", format_int above 2^31) aborts the whole Wasm evaluation where native OPA only makes the
#   expression undefined. These helpers never error.
# scope: package
# custom:
#   library: true
package scalewatch.lib.text

import rego.v1

_digits := "0123456789"

_hex := "0123456789abcdef"

# METADATA
# title: Non-empty string of decimal digits
is_digits(s) if {
	is_string(s)
	count(s) > 0
	trim(s, _digits) == ""
}

# METADATA
# title: Non-empty string of hexadecimal digits (any case)
is_hex(s) if {
	is_string(s)
	count(s) > 0
	trim(lower(s), _hex) == ""
}

# METADATA
# title: A 12-digit AWS account id
is_account_id(s) if {
	is_string(s)
	count(s) == 12
	is_digits(s)
}

# METADATA
# title: Dotted-quad IPv4 address (octets of one to three digits)
is_ipv4(s) if {
	is_string(s)
	parts := split(s, ".")
	count(parts) == 4
	every part in parts {
		count(part) <= 3
		is_digits(part)
	}
}

# METADATA
# title: Looks like an IPv6 address (hex digits, colons, dots for a mapped IPv4 tail)
is_ipv6(s) if {
	is_string(s)
	contains(s, ":")
	trim(lower(s), "0123456789abcdef:.") == ""
}

# METADATA
# title: An EC2 instance id, i- and 8 to 17 hex digits
is_instance_id(s) if {
	is_string(s)
	startswith(s, "i-")
	digits := trim_prefix(s, "i-")
	count(digits) >= 8
	count(digits) <= 17
	is_hex(digits)
}

# METADATA
# title: A count from a log field, or the default when it is not a small non-negative integer
# scope: document
# description: Numbers pass through; digit strings of up to 9 digits are converted; anything else is the default.
count_or(value, _) := value if is_number(value)

count_or(value, default_value) := to_number(value) if {
	is_string(value)
	count(value) <= 9
	is_digits(value)
} else := default_value if not is_number(value)
