package scalewatch.lib.text_test

import rego.v1

import data.scalewatch.lib.text

test_is_account_id if {
	text.is_account_id("111122223333")
	not text.is_account_id("11112222333")
	not text.is_account_id("11112222333x")
}

test_is_ipv4 if {
	text.is_ipv4("203.0.113.7")
	not text.is_ipv4("203.0.113")
	not text.is_ipv4("203.0.113.1234")
	not text.is_ipv4("a.b.c.d")
	not text.is_ipv4("1..2.3")
}

test_is_ipv6 if {
	text.is_ipv6("2001:db8::1")
	text.is_ipv6("::ffff:203.0.113.9")
	not text.is_ipv6("ec2.amazonaws.com")
	not text.is_ipv6("private")
}

test_is_instance_id if {
	text.is_instance_id("i-0a1b2c3d4e5f60718")
	text.is_instance_id("i-0A1B2C3D")
	not text.is_instance_id("i-0a1b2c")
	not text.is_instance_id("i-0a1b2c3g")
	not text.is_instance_id("sg-0a1b2c3d4e")
}

test_count_or if {
	text.count_or(5, 1) == 5
	text.count_or("60", 1) == 60
	text.count_or("abc", 1) == 1
	text.count_or("99999999999", 1) == 1
	text.count_or({"a": 1}, 1) == 1
	text.count_or("", 1) == 1
}
