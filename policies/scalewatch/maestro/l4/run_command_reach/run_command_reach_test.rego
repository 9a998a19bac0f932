package scalewatch.maestro.l4.run_command_reach_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l4.run_command_reach as rule

_grant(actions, resources, conditions, source) := {
	"effect": "Allow", "actions": actions, "not_actions": [], "resources": resources,
	"conditions": conditions, "source": source,
}

_posture(cloud, grants) := {"cloud": cloud, "identity": "agent", "account": "a", "grants": grants}

test_findings_aws_send_command_everywhere if {
	p := _posture("aws", [_grant(["ssm:SendCommand"], ["*"], {}, "inline:agent:ops#0")])
	findings := rule.findings with input.posture as [p]
	test.assert_rule(findings, "SW-L4-013")
	some f in findings
	f.detail == "may run code on machines beyond the cluster: ssm:SendCommand on *"
	f.evidence.sources == ["inline:agent:ops#0"]
}

test_no_findings_aws_send_command_on_cluster_tag if {
	tagged := {"StringEquals": {"ssm:resourceTag/kubernetes.io/cluster/demo": "owned"}}
	p := _posture("aws", [_grant(["ssm:SendCommand"], ["arn:aws:ec2:*:*:instance/*"], tagged, "x")])
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_findings_gcp_set_metadata_on_project if {
	role := _grant(
		["compute.instances.create", "compute.instances.setMetadata"], ["projects/demo-project"], {},
		"projects/demo-project#projects/demo-project/roles/castai.gkeAccess",
	)
	findings := rule.findings with input.posture as [_posture("gcp", [role])]
	some f in findings
	f.detail == "may run code on machines beyond the cluster: compute.instances.setMetadata on projects/demo-project"
}

test_no_findings_gcp_set_metadata_conditioned_on_node_names if {
	nodes := {"title": "nodes", "expression": "resource.name.startsWith(\"projects/p/zones/z/instances/gke-demo\")"}
	p := _posture("gcp", [_grant(["compute.instances.setMetadata"], ["projects/p"], nodes, "b")])
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_findings_azure_wildcard_at_subscription if {
	p := _posture("azure", [_grant(["Microsoft.Compute/virtualMachines/*"], ["/subscriptions/1111"], {}, "a1")])
	findings := rule.findings with input.posture as [p]
	some f in findings
	contains(f.detail, concat("", [
		"Microsoft.Compute/virtualMachines/runCommand/action (through Microsoft.Compute/virtualMachines/*) ",
		"on /subscriptions/1111",
	]))
}

test_no_findings_azure_resource_group if {
	rg := "/subscriptions/1111/resourceGroups/MC_demo_demo_westeurope"
	p := _posture("azure", [_grant(["Microsoft.Compute/virtualMachines/*"], [rg], {}, "a1")])
	test.assert_empty(rule.findings) with input.posture as [p]
}

test_findings_missing_resources_and_source if {
	p := _posture("azure", [{"effect": "Allow", "actions": ["Microsoft.Compute/virtualMachines/runCommand/action"]}])
	findings := rule.findings with input.posture as [p]
	some f in findings
	f.detail == "may run code on machines beyond the cluster: Microsoft.Compute/virtualMachines/runCommand/action on *"
	f.evidence.sources == ["unknown source"]
}

test_findings_management_group_and_root if {
	mg := _grant(["Microsoft.Compute/*"], ["/providers/Microsoft.Management/managementGroups/platform"], {}, "mg")
	test.assert_count(rule.findings, 1) with input.posture as [_posture("azure", [mg])]
	root := _grant(["Microsoft.Compute/virtualMachines/runCommand/action"], ["/"], {}, "root")
	test.assert_count(rule.findings, 1) with input.posture as [_posture("azure", [root])]
	star := _grant(["ssm:StartSession"], ["arn:aws:ec2:eu-west-1:111122223333:*"], {}, "s")
	test.assert_count(rule.findings, 1) with input.posture as [_posture("aws", [star])]
	folder := _grant(["compute.projects.setCommonInstanceMetadata"], ["folders/12"], {}, "f")
	test.assert_count(rule.findings, 1) with input.posture as [_posture("gcp", [folder])]
}
