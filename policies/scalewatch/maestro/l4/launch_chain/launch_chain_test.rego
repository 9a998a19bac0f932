package scalewatch.maestro.l4.launch_chain_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.launch_chain as rule

_t0 := 1732540000000

_aws_cloud := {"provider": "aws", "account": "123456789012", "region": "us-east-1"}

_redacted := {"redacted": true, "length": 2048, "sha256": "9f2c"}

_lt := "lt-0a1b2c3d4e5f60718"

_aws_event(uid, dt, action, request, response) := {
	"time_ms": _t0 + dt,
	"cloud": _aws_cloud,
	"api": {"service": "ec2", "action": action, "request": request, "response": response},
	"status": "success",
	"metadata": {"uid": uid},
}

_version_request(template_data) := {"CreateLaunchTemplateVersionRequest": {
	"LaunchTemplateId": _lt,
	"SourceVersion": "3",
	"LaunchTemplateData": template_data,
}}

_version_response := {"CreateLaunchTemplateVersionResponse": {"launchTemplateVersion": _version_created}}

_version_created := {"launchTemplateId": _lt, "launchTemplateName": "castai-default-pool", "versionNumber": 4}

_new_version(uid, template_data) := _aws_event(
	uid, 0, "ec2:CreateLaunchTemplateVersion",
	_version_request(template_data), _version_response,
)

_run_instances(uid, dt, version) := _aws_event(
	uid, dt, "ec2:RunInstances", {
		"instanceType": "m5.large",
		"launchTemplate": {"launchTemplateId": _lt, "version": version},
		"instancesSet": {"items": [{"minCount": 1, "maxCount": 1}]},
	},
	{},
)

_node_profile := "arn:aws:iam::123456789012:instance-profile/castai-node"

_default_spec := {"launchTemplateId": _lt, "version": "$Default"}

_only(findings) := f if {
	test.assert_count(findings, 1)
	some f in findings
}

# --- AWS ---

test_aws_user_data_version_then_launch_fires_high if {
	change := _new_version("c-1", {"UserData": _redacted, "InstanceType": "m5.large"})
	s1 := rule.stats with input.events as [change, _run_instances("l-1", 60000, "4")]
	fs1 := rule.findings with input.stats as s1
	f := _only(fs1)
	f.rule_id == "SW-L4-014"
	f.severity == "HIGH"
	f.resource == _lt
	f.cloud == _aws_cloud
	f.evidence.event_ids == ["c-1", "l-1"]
	f.evidence.counts == {"launches": 1, "changes": 1, "remembered_changes": 0}
	f.detail == concat("", [
		"launch template ", _lt, " changed (boot script) by this identity and then used by 1 launch(es); ",
		"the change sets a boot script",
	])
}

# A change names its template by id and by name (launches may use either); the seen key drops the version.
test_aws_stats_record_change_seen_and_launch if {
	change := _new_version("c-1", {"UserData": _redacted, "ImageId": "ami-0123456789abcdef0"})
	s := rule.stats with input.events as [change, _run_instances("l-1", 60000, "$Latest")]
	loc := "aws|123456789012|us-east-1|"
	object.keys(s.l4_template_changes) == {
		concat("", [loc, _lt, "|4|boot_script+image|boot_script+image_unjudged"]),
		concat("", [loc, "castai-default-pool|4|boot_script+image|boot_script+image_unjudged"]),
	}
	object.keys(s.seen_template_change) == {
		concat("", [loc, _lt, "|boot_script+image|boot_script+image_unjudged"]),
		concat("", [loc, "castai-default-pool|boot_script+image|boot_script+image_unjudged"]),
	}
	object.keys(s.l4_template_launches) == {concat("", [loc, _lt, "|"])}
	s.seen_template_change[concat("", [loc, _lt, "|boot_script+image|boot_script+image_unjudged"])].event_ids == ["c-1"]
}

test_aws_change_without_launch_silent if {
	s2 := rule.stats with input.events as [_new_version("c-1", {"UserData": _redacted})]
	fs2 := rule.findings with input.stats as s2
	test.assert_empty(fs2)
}

test_aws_launch_of_unchanged_template_silent if {
	s3 := rule.stats with input.events as [_run_instances("l-1", 0, "4"), _run_instances("l-2", 1000, "$Default")]
	fs3 := rule.findings with input.stats as s3
	test.assert_empty(fs3)
}

test_aws_change_of_instance_type_only_silent if {
	change := _new_version("c-1", {"InstanceType": "m5.xlarge", "TagSpecification": {"ResourceType": "instance"}})
	evs := [change, _run_instances("l-1", 60000, "4")]
	s4 := rule.stats with input.events as evs
	fs4 := rule.findings with input.stats as s4
	test.assert_empty(fs4)
	test.assert_empty(rule.stats.seen_template_change) with input.events as evs
}

test_aws_launch_of_other_explicit_version_silent if {
	change := _new_version("c-1", {"UserData": _redacted})
	s5 := rule.stats with input.events as [change, _run_instances("l-1", 60000, "3")]
	fs5 := rule.findings with input.stats as s5
	test.assert_empty(fs5)
}

test_aws_launch_before_change_silent if {
	change := _new_version("c-1", {"UserData": _redacted})
	s6 := rule.stats with input.events as [_run_instances("l-1", -60000, "$Latest"), change]
	fs6 := rule.findings with input.stats as s6
	test.assert_empty(fs6)
}

test_aws_undated_launch_counts if {
	launch := object.remove(_run_instances("l-1", 0, "$Latest"), ["time_ms"])
	s7 := rule.stats with input.events as [_new_version("c-1", {"UserData": _redacted}), launch]
	fs7 := rule.findings with input.stats as s7
	test.assert_count(fs7, 1)
}

test_aws_fleet_by_template_name_fires if {
	fleet := _aws_event(
		"l-1", 60000, "ec2:CreateFleet", {"CreateFleetRequest": {
			"Type": "instant",
			"LaunchTemplateConfigs": {
				"LaunchTemplateSpecification": {"LaunchTemplateName": "castai-default-pool", "Version": "4"},
				"tag": 1,
			},
		}},
		{},
	)
	s8 := rule.stats with input.events as [_new_version("c-1", {"UserData": _redacted}), fleet]
	fs8 := rule.findings with input.stats as s8
	f := _only(fs8)
	f.resource == "castai-default-pool"
}

test_aws_default_version_switch_then_asg_update_graded_base if {
	modify := _aws_event(
		"c-1", 0, "ec2:ModifyLaunchTemplate", {"ModifyLaunchTemplateRequest": {
			"LaunchTemplateId": _lt,
			"SetDefaultVersion": "7",
		}},
		{"ModifyLaunchTemplateResponse": {"launchTemplate": {"launchTemplateId": _lt, "defaultVersionNumber": 7}}},
	)
	asg := _aws_event(
		"l-1", 60000, "autoscaling:UpdateAutoScalingGroup", {
			"autoScalingGroupName": "eks-default-pool",
			"mixedInstancesPolicy": {"launchTemplate": {"launchTemplateSpecification": _default_spec}},
		},
		{},
	)
	s9 := rule.stats with input.events as [modify, asg]
	fs9 := rule.findings with input.stats as s9
	f := _only(fs9)
	f.severity == "MEDIUM"
	f.cvss_base == 5.3
	contains(f.detail, "switches the default version")
}

test_aws_image_only_unjudged_is_base_grade if {
	evs := [_new_version("c-1", {"ImageId": "ami-0123456789abcdef0"}), _run_instances("l-1", 1, "4")]
	s10 := rule.stats with input.events as evs
	fs10 := rule.findings with input.stats as s10
	f := _only(fs10)
	f.severity == "MEDIUM"
}

test_aws_image_outside_allow_list_is_high if {
	cfg := {"launch_chain": {"allowed_image_sources": {"aws": ["ami-0fedcba9876543210"]}}}
	evs := [_new_version("c-1", {"ImageId": "ami-0123456789abcdef0"}), _run_instances("l-1", 1, "4")]
	s11 := rule.stats with input.events as evs with input.config as cfg
	fs11 := rule.findings with input.stats as s11 with input.config as cfg
	f := _only(fs11)
	f.severity == "HIGH"
	contains(f.detail, "names an image outside launch_chain.allowed_image_sources")
}

test_aws_image_in_allow_list_silent if {
	cfg := {"launch_chain": {"allowed_image_sources": {"aws": ["ami-0123456789abcdef0"]}}}
	evs := [_new_version("c-1", {"ImageId": "ami-0123456789abcdef0"}), _run_instances("l-1", 1, "4")]
	s12 := rule.stats with input.events as evs with input.config as cfg
	fs12 := rule.findings with input.stats as s12 with input.config as cfg
	test.assert_empty(fs12)
}

test_aws_castai_routine_node_template_silent if {
	change := _new_version("c-1", {
		"UserData": _redacted,
		"ImageId": "ami-0123456789abcdef0",
		"IamInstanceProfile": {"Arn": _node_profile},
	})
	s13 := rule.stats with input.events as [change, _run_instances("l-1", 1, "4")] with input.agent_profile as _castai
	fs13 := rule.findings with input.stats as s13 with input.agent_profile as _castai
	test.assert_empty(fs13)
}

test_aws_identity_outside_allowed_node_identities_is_high if {
	change := _new_version("c-1", {"IamInstanceProfile": {"Arn": "arn:aws:iam::123456789012:instance-profile/admin"}})
	cfg := {"allowed_node_identities": ["castai-node"]}
	s14 := rule.stats with input.events as [change, _run_instances("l-1", 1, "4")] with input.config as cfg
	fs14 := rule.findings with input.stats as s14 with input.config as cfg
	f := _only(fs14)
	f.severity == "HIGH"
	contains(f.detail, "instance identity")
}

test_aws_identity_in_allowed_node_identities_silent if {
	change := _new_version("c-1", {"IamInstanceProfile": {"Arn": _node_profile}})
	cfg := {"allowed_node_identities": ["castai-node"]}
	s15 := rule.stats with input.events as [change, _run_instances("l-1", 1, "4")] with input.config as cfg
	fs15 := rule.findings with input.stats as s15 with input.config as cfg
	test.assert_empty(fs15)
}

test_aws_identity_allowed_by_full_arn_silent if {
	change := _new_version("c-1", {"IamInstanceProfile": {"Arn": _node_profile}})
	cfg := {"allowed_node_identities": [_node_profile]}
	s := rule.stats with input.events as [change, _run_instances("l-1", 1, "4")] with input.config as cfg
	test.assert_empty(rule.findings) with input.stats as s with input.config as cfg
}

_admin_profile := "arn:aws:iam::123456789012:instance-profile/ops-admin"

_posture(actions) := [{
	"cloud": "aws", "identity": "arn:aws:iam::123456789012:role/castai-eks-prod", "account": "123456789012",
	"grants": [], "trust": [], "credentials": [],
	"passable_roles": [{
		"cloud": "aws", "identity": "arn:aws:iam::123456789012:role/ops-admin", "account": "123456789012",
		"grants": [{"effect": "Allow", "actions": actions, "resources": ["*"], "source": "ops-admin#inline"}],
		"via": ["castai-eks-prod#PassRole"],
	}],
}]

test_aws_privileged_passable_profile_fires_high_even_for_castai if {
	change := _new_version("c-1", {"IamInstanceProfile": {"Arn": _admin_profile}, "UserData": _redacted})
	s := rule.stats with input.events as [change, _run_instances("l-1", 1, "4")] with input.agent_profile as _castai
	fs := rule.findings with input.stats as s with input.agent_profile as _castai
		with input.posture as _posture(["iam:*", "ec2:*"])
	f := _only(fs)
	f.severity == "HIGH"
	f.evidence.counts == {"launches": 1, "changes": 1, "remembered_changes": 0}
	contains(f.detail, "names an instance profile whose role can do more than a node")
}

test_aws_node_only_passable_profile_for_castai_silent if {
	change := _new_version("c-1", {"IamInstanceProfile": {"Arn": _admin_profile}})
	s := rule.stats with input.events as [change, _run_instances("l-1", 1, "4")] with input.agent_profile as _castai
	test.assert_empty(rule.findings) with input.stats as s with input.agent_profile as _castai
		with input.posture as _posture(["ec2:DescribeInstances"])
}

test_aws_change_without_request_counts_as_unrecorded if {
	change := _aws_event("c-1", 0, "ec2:CreateLaunchTemplateVersion", {}, _version_response)
	s16 := rule.stats with input.events as [change, _run_instances("l-1", 1, "4")]
	fs16 := rule.findings with input.stats as s16
	f := _only(fs16)
	f.severity == "MEDIUM"
	contains(f.detail, "logged no request")
}

test_aws_failed_change_silent if {
	change := object.union(_new_version("c-1", {"UserData": _redacted}), {"status": "failure"})
	s17 := rule.stats with input.events as [change, _run_instances("l-1", 1, "4")]
	fs17 := rule.findings with input.stats as s17
	test.assert_empty(fs17)
}

# --- across runs ---

_scan := {"run_id": "r", "window_start_ms": _t0 - 900000, "window_end_ms": _t0 + 900000}

_castai := {"id": "castai"}

_seen_key := concat("|", ["aws|123456789012|us-east-1", _lt, "boot_script|boot_script"])

_baseline(last_ms) := {
	"runs": 3, "started_ms": 1731676000000, "updated_ms": 1732540000000,
	"seen": {"template_change": {_seen_key: {"first_ms": last_ms, "last_ms": last_ms, "count": 1}}},
}

test_baseline_change_from_earlier_run_then_launch_fires if {
	s18 := rule.stats with input.events as [_run_instances("l-1", 0, "5")]
	fs18 := rule.findings with input.stats as s18
		with input.baseline as _baseline(_t0 - 86400000)
		with input.scan as _scan
	f := _only(fs18)
	f.severity == "HIGH"
	f.evidence.event_ids == ["l-1"]
	f.evidence.counts == {"launches": 1, "changes": 0, "remembered_changes": 1}
	endswith(f.detail, "(change remembered from an earlier run)")
}

test_baseline_change_older_than_launch_chain_days_silent if {
	s19 := rule.stats with input.events as [_run_instances("l-1", 0, "5")]
	fs19 := rule.findings with input.stats as s19
		with input.baseline as _baseline(_t0 - (8 * 86400000))
		with input.scan as _scan
	test.assert_empty(fs19)
}

test_baseline_empty_history_silent if {
	s20 := rule.stats with input.events as [_run_instances("l-1", 0, "5")]
	fs20 := rule.findings with input.stats as s20
		with input.baseline as {"runs": 0, "seen": {}}
		with input.scan as _scan
	test.assert_empty(fs20)
}

test_baseline_entry_without_times_counts if {
	baseline := {"runs": 1, "seen": {"template_change": {_seen_key: {"count": 1}}}}
	s21 := rule.stats with input.events as [_run_instances("l-1", 0, "5")]
	fs21 := rule.findings with input.stats as s21 with input.baseline as baseline with input.scan as _scan
	test.assert_count(fs21, 1)
}

test_baseline_without_window_end_counts if {
	s := rule.stats with input.events as [_run_instances("l-1", 0, "5")]
	test.assert_count(rule.findings, 1) with input.stats as s with input.baseline as _baseline(1)
}

test_window_without_stats_silent if {
	test.assert_empty(rule.findings) with input.stats as {}
}
