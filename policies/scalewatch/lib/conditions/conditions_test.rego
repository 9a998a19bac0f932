package scalewatch.lib.conditions_test

import rego.v1

import data.scalewatch.lib.conditions

_grant(c) := {"effect": "Allow", "actions": ["iam:PassRole"], "resources": ["*"], "conditions": c}

test_entries_reads_qualifier_if_exists_and_lists if {
	entries := conditions.entries(_grant({
		"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["team", "env"]},
		"Bool": {"aws:SecureTransport": true},
	}))
	entries == {
		{
			"operator": "stringlike", "qualifier": "foranyvalue", "if_exists": true,
			"key": "aws:tagkeys", "values": ["team", "env"],
		},
		{"operator": "bool", "qualifier": "", "if_exists": false, "key": "aws:securetransport", "values": ["true"]},
	}
}

test_restricting_keeps_positive_operators_only if {
	g := _grant({
		"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"},
		"StringNotEquals": {"aws:RequestedRegion": "us-east-1"},
		"StringEqualsIfExists": {"ec2:InstanceType": "m5.large"},
		"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]},
		"StringLike": {"aws:ResourceTag/team": "*"},
	})
	conditions.restricted_keys(g) == {"iam:passedtoservice"}
	conditions.allowed_values(g, "iam:PassedToService") == {"ec2.amazonaws.com"}
	not conditions.allowed_values(g, "aws:RequestedRegion")
	conditions.keys(g) == {
		"iam:passedtoservice", "aws:requestedregion", "ec2:instancetype",
		"aws:tagkeys", "aws:resourcetag/team",
	}
}

test_restricts_any_matches_key_patterns if {
	g := _grant({"StringEquals": {"aws:ResourceTag/karpenter.sh/discovery": "demo"}})
	conditions.restricts_any(g, ["iam:ResourceTag/*", "aws:ResourceTag/*"])
	not conditions.restricts_any(g, ["aws:RequestTag/*"])
}

test_missing_conditions_restrict_nothing if {
	conditions.restricted_keys({"effect": "Allow"}) == set()
	not conditions.restricts_any({"effect": "Allow"}, ["*"])
	conditions.expression({"effect": "Allow"}) == ""
}

test_gcp_narrows_resources_by_name_not_by_time if {
	conditions.gcp_narrows_resources({"conditions": {
		"title": "nodes",
		"expression": "resource.name.startsWith(\"projects/p/zones/europe-west1-b/instances/gke-\")",
	}})
	temporary := "request.time < timestamp(\"2027-01-01T00:00:00Z\")"
	not conditions.gcp_narrows_resources({"conditions": {"expression": temporary}})
}

test_required_keys_count_presence_and_for_all_values if {
	g := _grant({
		"StringLike": {"aws:RequestTag/karpenter.sh/nodepool": "*"},
		"ForAllValues:StringEquals": {"aws:TagKeys": ["Name"]},
		"StringEqualsIfExists": {"aws:RequestTag/eks:eks-cluster-name": "demo"},
		"StringNotEquals": {"aws:RequestedRegion": "us-east-1"},
	})
	conditions.required_keys(g) == {"aws:requesttag/karpenter.sh/nodepool", "aws:tagkeys"}
}

test_like_exact_prefix_and_general_shapes if {
	conditions.like("ec2:describeinstances", "ec2:describeinstances")
	not conditions.like("ec2:describeinstances", "ec2:describeinstancetypes")
	conditions.like("ec2:describe*", "ec2:describevpcs")
	conditions.like("ec2:describe*", "ec2:describe*")
	not conditions.like("ec2:describe*", "ec2:*")
	conditions.like("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:eu-west-1:1:instance/i-1")
	not conditions.like("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:eu-west-1:1:volume/v-1")
	conditions.like("*", "anything/at:all")
	conditions.like("arn:aws:eks:*:nodegroup/*/*/*", "arn:aws:eks:eu-west-1:1:nodegroup/demo/ng/abc")
	not conditions.like("arn:aws:eks:*:nodegroup/*/*/*", "arn:aws:eks:eu-west-1:1:nodegroup/demo/ng")
	conditions.like("a*b*c*d*e*f", "a1b2c3d4e5f")
	not conditions.like("a*b*c*d*e*f*g*h", "abcdefgh")
	not conditions.like("ab*ba", "aba")
	conditions.like("a**b", "ab")
}
