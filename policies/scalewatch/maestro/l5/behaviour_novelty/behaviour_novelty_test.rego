package scalewatch.maestro.l5.behaviour_novelty_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l5.behaviour_novelty as rule

_t := 1732540000000

_day := 86400000

_aws_launch := {
	"time_ms": _t,
	"cloud": {"provider": "aws", "account": "111122223333", "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::111122223333:role/castai-eks-demo", "type": "AssumedRole"},
	"api": {
		"service": "ec2", "operation": "RunInstances", "action": "ec2:RunInstances",
		"request": {
			"instanceType": "p5.48xlarge",
			"instancesSet": {"items": [{"imageId": "ami-0abc1234def567890", "minCount": 1, "maxCount": 1}]},
			"placement": {"availabilityZone": "us-east-1a"},
			"launchTemplate": {"launchTemplateId": "lt-0123456789abcdef0", "version": "3"},
		},
	},
	"src_endpoint": {"ip": "203.0.113.77", "user_agent": "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux"},
	"status": "success",
	"metadata": {"uid": "aws-1", "log_source": "cloudtrail"},
}

_gcp_launch := {
	"time_ms": _t + 1000,
	"cloud": {"provider": "gcp", "account": "prod-gke-7731", "region": "us-central1"},
	"actor": {"principal": "castai-gke-agent@prod-gke-7731.iam.gserviceaccount.com", "type": "ServiceAccount"},
	"api": {
		"service": "compute.googleapis.com", "operation": "v1.compute.instances.insert",
		"action": "compute.instances.insert",
		"request": {
			"machineType": "projects/prod-gke-7731/zones/us-central1-a/machineTypes/a2-highgpu-1g",
			"disks": [{"boot": true, "initializeParams": {"sourceImage": "projects/cos-cloud/global/images/cos-113"}}],
			"sourceInstanceTemplate": "projects/prod-gke-7731/global/instanceTemplates/castai-pool-7",
		},
	},
	"src_endpoint": {
		"ip": "2600:1900:4000:a1b2::15",
		"user_agent": "castai-cluster-controller/v0.58.2 google-api-go-client/0.5",
	},
	"resources": [{"type": "compute.instances", "uid": "projects/prod-gke-7731/zones/us-central1-a/instances/gke-1"}],
	"status": "success",
	"metadata": {"uid": "gcp-1", "log_source": "gcp_audit"},
}

_azure_launch := {
	"time_ms": _t + 2000,
	"cloud": {"provider": "azure", "account": "00000000-1111-2222-3333-444444444444", "region": "eastus"},
	"actor": {"principal": "6f1c2a3b-0000-4000-8000-0123456789ab", "type": "ServicePrincipal"},
	"api": {
		"service": "Microsoft.Compute", "operation": "MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE",
		"action": "microsoft.compute/virtualmachines/write",
		"request": {"requestbody": {
			"zones": ["1"],
			"properties": {
				"hardwareProfile": {"vmSize": "Standard_NC24ads_A100_v4"},
				"storageProfile": {"imageReference": {"id": concat("/", [
					"/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute",
					"galleries/MinerGallery/images/x/versions/1.0.0",
				])}},
			},
		}},
	},
	"src_endpoint": {"ip": "198.51.100.20"},
	"status": "in_progress",
	"metadata": {"uid": "az-1", "log_source": "azure_activity"},
}

# --- stats ---------------------------------------------------------------------------------------------

test_stats_aws_launch_every_dimension if {
	s := rule.stats with input.events as [_aws_launch]
	object.keys(s) == {
		"seen_region", "seen_action", "seen_hour", "seen_network", "seen_user_agent", "seen_zone",
		"seen_instance_family", "seen_instance_size", "seen_image_source", "seen_launch_template",
	}
	object.keys(s.seen_region) == {"us-east-1"}
	object.keys(s.seen_action) == {"ec2:RunInstances"}
	object.keys(s.seen_hour) == {"13"}
	object.keys(s.seen_network) == {"203.0.113.0/24"}
	object.keys(s.seen_user_agent) == {"aws-sdk-go-v2"}
	object.keys(s.seen_zone) == {"us-east-1a"}
	object.keys(s.seen_instance_family) == {"p5"}
	s.seen_instance_family.p5.values == ["aws|111122223333|us-east-1", "p5.48xlarge"]
	object.keys(s.seen_instance_size) == {"p5.48xlarge"}
	object.keys(s.seen_image_source) == {"ami:ami-0abc1234def567890"}
	object.keys(s.seen_launch_template) == {"aws:lt-0123456789abcdef0"}
	s.seen_region["us-east-1"].event_ids == ["aws-1"]
}

test_stats_gcp_launch if {
	s := rule.stats with input.events as [_gcp_launch]
	object.keys(s.seen_zone) == {"us-central1-a"}
	object.keys(s.seen_instance_family) == {"a2"}
	object.keys(s.seen_image_source) == {"project:cos-cloud"}
	object.keys(s.seen_launch_template) == {"gcp:castai-pool-7"}
	object.keys(s.seen_network) == {"2600:1900:4000::/48"}
	object.keys(s.seen_user_agent) == {"castai-cluster-controller"}
}

test_stats_azure_launch_start_entry if {
	s := rule.stats with input.events as [_azure_launch]
	object.keys(s.seen_zone) == {"eastus-1"}
	object.keys(s.seen_instance_family) == {"standard_nc"}
	object.keys(s.seen_instance_size) == {"standard_nc24ads_a100_v4"}
	object.keys(s.seen_image_source) == {"gallery:minergallery"}
	object.keys(s.seen_network) == {"198.51.100.0/24"}
	not s.seen_user_agent
}

test_stats_azure_zone_without_region if {
	event := json.remove(_azure_launch, ["cloud/region"])
	s := rule.stats with input.events as [event]
	object.keys(s.seen_zone) == {"zone-1"}
}

test_stats_azure_marketplace_image if {
	event := json.patch(_azure_launch, [{
		"op": "replace", "path": "/api/request/requestbody/properties/storageProfile/imageReference",
		"value": {"publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts"},
	}])
	s := rule.stats with input.events as [event]
	object.keys(s.seen_image_source) == {"publisher:canonical/0001-com-ubuntu-server-jammy"}
}

test_stats_failed_launch_no_launch_dimensions if {
	failed := object.union(_aws_launch, {"status": "failure", "api": {"error": {"code": "InsufficientInstanceCapacity"}}})
	s := rule.stats with input.events as [failed]
	object.keys(s) == {"seen_region", "seen_action", "seen_hour", "seen_network", "seen_user_agent"}
}

test_stats_service_call_no_network_or_client if {
	event := object.union(_aws_launch, {"src_endpoint": {"ip": "AWS Internal", "user_agent": "AWS Internal"}})
	s := rule.stats with input.events as [event]
	not s.seen_network
	not s.seen_user_agent
}

test_stats_global_region_not_a_region if {
	event := object.union(_aws_launch, {
		"cloud": {"region": "global"},
		"api": {"action": "iam:GetRole", "request": {}},
	})
	s := rule.stats with input.events as [event]
	not s.seen_region
}

test_stats_missing_fields_still_count_what_is_there if {
	s := rule.stats with input.events as [{"metadata": {"uid": "bare"}, "api": {"action": "ec2:DescribeInstances"}}]
	object.keys(s) == {"seen_action"}
}

test_stats_two_chunks_values_are_locations if {
	other := object.union(_aws_launch, {"metadata": {"uid": "aws-2"}, "cloud": {"region": "us-west-2"}})
	s := rule.stats with input.events as [_aws_launch, other]
	s.seen_action["ec2:RunInstances"].count == 2
	s.seen_action["ec2:RunInstances"].values == ["aws|111122223333|us-east-1", "aws|111122223333|us-west-2"]
}

test_no_stats_without_events if {
	test.assert_empty(rule.stats) with input.events as []
}

# --- findings ------------------------------------------------------------------------------------------

_mature := {"started_ms": _t - (30 * _day), "updated_ms": _t - 1000, "runs": 720, "seen": {}}

_aws := "aws|111122223333|us-east-1"

_summary(location) := {
	"count": 2, "first_ms": 1732540000000, "last_ms": 1732540060000,
	"event_ids": ["e-1", "e-2"], "values": [location],
}

_one(dimension, value) := {concat("", ["seen_", dimension]): {value: _summary("aws|111122223333|us-east-1")}}

_knowing(history, dimension, value) := object.union(history, {"seen": {dimension: {value: seen}}}) if {
	seen := {"first_ms": 1730000000000, "last_ms": 1732530000000, "count": 9}
}

_period := "(2 events; baseline learned from 2024-10-26 to 2024-11-25 over 720 runs)"

_fires(findings, dimension, value, severity, period) if {
	test.assert_count(findings, 1)
	test.assert_rule(findings, "SW-L5-007")
	some f in findings
	f.resource == concat(":", [dimension, value])
	f.severity == severity
	f.kind == "window"
	f.evidence.event_ids == ["e-1", "e-2"]
	f.evidence.counts == {"events": 2, "baseline_runs": 720}
	contains(f.detail, value)
	endswith(f.detail, period)
}

test_region_new_fires if {
	findings := rule.findings with input.stats as _one("region", "ap-south-1")
		with input.baseline as _mature
	_fires(findings, "region", "ap-south-1", "MEDIUM", _period)
}

test_region_known_silent if {
	test.assert_empty(rule.findings) with input.stats as _one("region", "ap-south-1")
		with input.baseline as _knowing(_mature, "region", "ap-south-1")
}

test_zone_new_fires if {
	findings := rule.findings with input.stats as _one("zone", "us-east-1f")
		with input.baseline as _mature
	_fires(findings, "zone", "us-east-1f", "LOW", _period)
}

test_zone_known_silent if {
	test.assert_empty(rule.findings) with input.stats as _one("zone", "us-east-1f")
		with input.baseline as _knowing(_mature, "zone", "us-east-1f")
}

test_instance_family_new_fires if {
	findings := rule.findings with input.stats as _one("instance_family", "m7g")
		with input.baseline as _mature
	_fires(findings, "instance_family", "m7g", "MEDIUM", _period)
}

test_instance_family_known_silent if {
	test.assert_empty(rule.findings) with input.stats as _one("instance_family", "m7g")
		with input.baseline as _knowing(_mature, "instance_family", "m7g")
}

test_image_source_new_fires if {
	findings := rule.findings with input.stats as _one("image_source", "ami:ami-0abc1234def567890")
		with input.baseline as _mature
	_fires(findings, "image_source", "ami:ami-0abc1234def567890", "MEDIUM", _period)
}

test_image_source_known_silent if {
	test.assert_empty(rule.findings) with input.stats as _one("image_source", "ami:ami-0abc1234def567890")
		with input.baseline as _knowing(_mature, "image_source", "ami:ami-0abc1234def567890")
}

test_launch_template_new_fires if {
	findings := rule.findings with input.stats as _one("launch_template", "aws:lt-0123456789abcdef0")
		with input.baseline as _mature
	_fires(findings, "launch_template", "aws:lt-0123456789abcdef0", "LOW", _period)
}

test_launch_template_known_silent if {
	test.assert_empty(rule.findings) with input.stats as _one("launch_template", "aws:lt-0123456789abcdef0")
		with input.baseline as _knowing(_mature, "launch_template", "aws:lt-0123456789abcdef0")
}

test_network_new_fires if {
	findings := rule.findings with input.stats as _one("network", "203.0.113.0/24")
		with input.baseline as _mature
	_fires(findings, "network", "203.0.113.0/24", "MEDIUM", _period)
}

test_network_known_silent if {
	test.assert_empty(rule.findings) with input.stats as _one("network", "203.0.113.0/24")
		with input.baseline as _knowing(_mature, "network", "203.0.113.0/24")
}

test_user_agent_new_fires if {
	findings := rule.findings with input.stats as _one("user_agent", "boto3")
		with input.baseline as _mature
	_fires(findings, "user_agent", "boto3", "MEDIUM", _period)
}

test_user_agent_known_silent if {
	test.assert_empty(rule.findings) with input.stats as _one("user_agent", "boto3")
		with input.baseline as _knowing(_mature, "user_agent", "boto3")
}

test_action_new_fires if {
	findings := rule.findings with input.stats as _one("action", "ec2:CreateSnapshot")
		with input.baseline as _mature
	_fires(findings, "action", "ec2:CreateSnapshot", "LOW", _period)
}

test_action_known_silent if {
	test.assert_empty(rule.findings) with input.stats as _one("action", "ec2:CreateSnapshot")
		with input.baseline as _knowing(_mature, "action", "ec2:CreateSnapshot")
}

test_hour_new_fires if {
	findings := rule.findings with input.stats as _one("hour", "03")
		with input.baseline as _mature
	_fires(findings, "hour", "03", "LOW", _period)
}

test_hour_known_silent if {
	test.assert_empty(rule.findings) with input.stats as _one("hour", "03")
		with input.baseline as _knowing(_mature, "hour", "03")
}

test_region_finding_in_that_region if {
	findings := rule.findings with input.stats as _one("region", "ap-south-1") with input.baseline as _mature
	some f in findings
	f.cloud == {"provider": "aws", "account": "111122223333", "region": "ap-south-1"}
	f.detail == concat(" ", ["first call in region ap-south-1 by this identity", _period])
}

test_gpu_family_new_fires_high_and_says_gpu if {
	stats := {"seen_instance_family": {"p5": object.union(_summary(_aws), {"values": [_aws, "p5.48xlarge"]})}}
	findings := rule.findings with input.stats as stats
		with input.baseline as _mature
	_fires(findings, "instance_family", "p5", "HIGH", _period)
	some f in findings
	startswith(f.detail, "first GPU instance family ever launched by this identity: p5 (p5.48xlarge) (2 events;")
}

test_gcp_gpu_family_new_fires_high if {
	gcp := "gcp|prod-gke-7731|us-central1"
	stats := {"seen_instance_family": {"a2": object.union(_summary(gcp), {"values": [gcp, "a2-highgpu-1g"]})}}
	findings := rule.findings with input.stats as stats with input.baseline as _mature
	some f in findings
	f.severity == "HIGH"
	f.cloud.provider == "gcp"
}

test_azure_gpu_family_new_fires_high if {
	az := "azure|0000|eastus"
	stats := {"seen_instance_family": {"standard_nc": object.union(
		_summary(az),
		{"values": [az, "Standard_NC24ads_A100_v4"]},
	)}}
	findings := rule.findings with input.stats as stats with input.baseline as _mature
	some f in findings
	f.severity == "HIGH"
	f.cloud.provider == "azure"
}

test_instance_size_off_by_default if {
	test.assert_empty(rule.findings) with input.stats as _one("instance_size", "m5.24xlarge")
		with input.baseline as _mature
}

test_instance_size_on_when_configured if {
	findings := rule.findings with input.stats as _one("instance_size", "m5.24xlarge")
		with input.baseline as _mature
		with input.config as {"baseline": {"novelty": {"instance_size": "LOW"}}}
	_fires(findings, "instance_size", "m5.24xlarge", "LOW", _period)
}

test_launch_template_off_for_castai if {
	test.assert_empty(rule.findings) with input.stats as _one("launch_template", "aws:lt-0123456789abcdef0")
		with input.baseline as _mature
		with input.agent_profile as {"id": "castai"}
}

test_no_findings_while_learning if {
	learning := object.union(_mature, {"started_ms": _t - (13 * _day)})
	test.assert_empty(rule.findings) with input.stats as _one("region", "ap-south-1") with input.baseline as learning
}

test_no_findings_without_history if {
	empty := {"started_ms": 0, "updated_ms": 0, "runs": 0, "seen": {}}
	test.assert_empty(rule.findings) with input.stats as _one("region", "ap-south-1") with input.baseline as empty
}

test_no_findings_without_baseline_input if {
	test.assert_empty(rule.findings) with input.stats as _one("region", "ap-south-1")
}

test_learning_period_is_data if {
	test.assert_empty(rule.findings) with input.stats as _one("region", "ap-south-1")
		with input.baseline as _mature
		with input.config as {"baseline": {"learning_days": 60}}
}

test_findings_capped_per_dimension if {
	actions := {concat("", ["ec2:Describe", format_int(i, 10)]): _summary(_aws) | some i in numbers.range(1, 30)}
	findings := rule.findings with input.stats as {"seen_action": actions} with input.baseline as _mature
	test.assert_count(findings, 20)
}

test_summary_without_locations_still_reports if {
	findings := rule.findings with input.stats as {"seen_network": {"203.0.113.0/24": {"count": 1}}}
		with input.baseline as _mature
		with input.identity as {"matcher": "castai@prod-gke-7731.iam.gserviceaccount.com"}
	test.assert_count(findings, 1)
	some f in findings
	f.cloud.provider == "gcp"
	f.evidence.first_seen_ms == 0
}

test_summary_without_locations_azure_or_aws_identity if {
	stats := {"seen_network": {"203.0.113.0/24": {"count": 1, "event_ids": ["e-9"]}}}
	azure := rule.findings with input.stats as stats
		with input.baseline as _mature
		with input.identity as {"matcher": "6f1c2a3b-0000-4000-8000-0123456789ab"}
	{f.cloud.provider | some f in azure} == {"azure"}
	aws := rule.findings with input.stats as stats with input.baseline as _mature
	{f.cloud.provider | some f in aws} == {"aws"}
}

test_other_rules_dimension_reported_generically_when_configured if {
	findings := rule.findings with input.stats as {"seen_passed_role": {"arn:aws:iam::1:role/admin": _summary(_aws)}}
		with input.baseline as _mature
		with input.config as {"baseline": {"novelty": {"passed_role": "HIGH"}}}
	some f in findings
	f.severity == "HIGH"
	startswith(f.detail, "first passed_role arn:aws:iam::1:role/admin seen for this identity")
}

test_end_to_end_aws_gpu_launch_from_new_network if {
	seen := {"first_ms": 1, "last_ms": 2, "count": 1}
	history := object.union(_mature, {"seen": {
		"region": {"us-east-1": seen}, "action": {"ec2:RunInstances": seen}, "hour": {"13": seen},
		"user_agent": {"aws-sdk-go-v2": seen}, "zone": {"us-east-1a": seen},
		"image_source": {"ami:ami-0abc1234def567890": seen},
	}})
	s := rule.stats with input.events as [_aws_launch]
	findings := rule.findings with input.stats as s
		with input.baseline as history
		with input.agent_profile as {"id": "castai"}
	{f.resource | some f in findings} == {"instance_family:p5", "network:203.0.113.0/24"}
}
