package scalewatch.maestro.l6.guardrail_tampered_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.guardrail_tampered as rule

_sub := "0b1f6471-1bf0-4dda-aec3-111122223333"

_event(cloud, account, action, request, resources) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": account, "region": "global"},
	"actor": {"principal": "agent"},
	"api": {"action": action, "request": request},
	"resources": resources,
	"status": "success",
	"metadata": {"uid": "e-1", "read_only": false},
}

_aws(action, request) := _event("aws", "123456789012", action, request, [])

_azure(action, uid) := _event("azure", _sub, action, {}, [{"type": "Microsoft.Authorization", "uid": uid}])

test_findings_aws_scp_detached if {
	request := {"policyId": "p-examplepolicyid111", "targetId": "ou-abcd-11112222"}
	findings := rule.findings with input.events as [_aws("organizations:DetachPolicy", request)]
	test.assert_rule(findings, "SW-L6-006")
	some f in findings
	f.resource == "p-examplepolicyid111"
	contains(f.detail, "ou-abcd-11112222")
}

test_findings_aws_policy_type_disabled if {
	request := {"rootId": "r-ab12", "policyType": "SERVICE_CONTROL_POLICY"}
	findings := rule.findings with input.events as [_aws("organizations:DisablePolicyType", request)]
	some f in findings
	f.resource == "r-ab12"
}

test_findings_gcp_org_policy if {
	resources := [{"type": "project", "uid": "projects/demo-project"}]
	request := {"policy": {"constraint": "constraints/compute.vmExternalIpAccess"}}
	event := _event("gcp", "demo-project", "SetOrgPolicy", request, resources)
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == "projects/demo-project"
}

test_findings_gcp_org_policy_v2_by_name if {
	name := "projects/demo-project/policies/gcp.resourceLocations"
	event := _event("gcp", "demo-project", "google.cloud.orgpolicy.v2.OrgPolicy.DeletePolicy", {"name": name}, [])
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == name
}

test_findings_azure_lock_deleted if {
	uid := concat("", ["/subscriptions/", _sub, "/resourceGroups/aks-nodes/providers/Microsoft.Authorization/locks/keep"])
	findings := rule.findings with input.events as [_azure("microsoft.authorization/locks/delete", uid)]
	some f in findings
	f.resource == uid
}

test_findings_azure_policy_exemption if {
	uid := concat("", ["/subscriptions/", _sub, "/providers/Microsoft.Authorization/policyExemptions/skip-locations"])
	event := _azure("microsoft.authorization/policyexemptions/write", uid)
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_no_findings_autoscaler_day if {
	events := [
		_aws("autoscaling:UpdateAutoScalingGroup", {"autoScalingGroupName": "eks-ng"}),
		_azure("microsoft.containerservice/managedclusters/agentpools/write", "/subscriptions/x/agentPools/np"),
		_aws("organizations:DescribeOrganization", {}),
	]
	test.assert_empty(rule.findings) with input.events as events
}

test_no_findings_denied if {
	event := object.union(_aws("organizations:DeletePolicy", {"policyId": "p-1"}), {"status": "failure"})
	test.assert_empty(rule.findings) with input.events as [event]
}

test_findings_missing_request_falls_back_to_location if {
	event := json.remove(_aws("organizations:LeaveOrganization", {}), ["api/request"])
	findings := rule.findings with input.events as [event]
	some f in findings
	f.resource == "aws/123456789012/global/organizations:LeaveOrganization"
}
