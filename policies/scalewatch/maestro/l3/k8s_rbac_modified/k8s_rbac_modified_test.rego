package scalewatch.maestro.l3.k8s_rbac_modified_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l3.k8s_rbac_modified as rule

_event(cloud, action, request, resources) := {
	"time_ms": 1732540000000,
	"cloud": cloud,
	"actor": {"principal": "castai-agent"},
	"api": {"action": action, "operation": action, "request": request},
	"resources": resources,
	"status": "success",
	"metadata": {"uid": concat("-", ["e", action])},
}

_aws := {"provider": "aws", "account": "111122223333", "region": "eu-west-1"}

_gcp := {"provider": "gcp", "account": "demo-project", "region": "europe-west1"}

_azure := {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "westeurope"}

_binding_request(role) := {
	"kind": "ClusterRoleBinding",
	"metadata": {"name": "admin-binding"},
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
	"subjects": [{"kind": "User", "name": "attacker@evil.example"}],
}

_associate := _event(
	_aws, "eks:AssociateAccessPolicy", {
		"clusterName": "prod-eks",
		"principalArn": "arn:aws:iam::999988887777:role/outside",
		"policyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
		"accessScope": {"type": "cluster"},
	},
	[],
)

_gke_binding := _event(
	_gcp, "io.k8s.authorization.rbac.v1.clusterrolebindings.create", _binding_request("cluster-admin"),
	[{"type": "k8s_cluster", "uid": "rbac.authorization.k8s.io/v1/clusterrolebindings/admin-binding"}],
)

_aks_binding := _event(
	_azure, "k8s.clusterrolebindings.create", _binding_request("system:masters"),
	[{"type": "clusterrolebindings", "uid": "clusterrolebindings/privilege-escalation"}],
)

test_findings_eks_access_policy_associated if {
	findings := rule.findings with input.events as [_associate]
	test.assert_rule(findings, "SW-L3-001")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/eu-west-1/arn:aws:iam::999988887777:role/outside"
	endswith(f.detail, "granting arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy")
}

test_findings_gke_cluster_admin_binding if {
	findings := rule.findings with input.events as [_gke_binding]
	some f in findings
	f.resource == "gcp/demo-project/europe-west1/rbac.authorization.k8s.io/v1/clusterrolebindings/admin-binding"
	endswith(f.detail, "granting cluster-admin")
}

test_findings_gke_short_method_name if {
	event := _event(
		_gcp, "io.k8s.rbac.v1.clusterrolebindings.create", _binding_request("admin"),
		[{"type": "k8s_cluster", "uid": "rbac.authorization.k8s.io/v1/clusterrolebindings/admin-binding"}],
	)
	test.assert_count(rule.findings, 1) with input.events as [event]
}

test_findings_aks_binding if {
	findings := rule.findings with input.events as [_aks_binding]
	some f in findings
	f.resource == "azure/0b1f6471-1bf0-4dda-aec3-cb9272f09590/westeurope/clusterrolebindings/privilege-escalation"
}

test_findings_denied_attempt if {
	findings := rule.findings with input.events as [object.union(_gke_binding, {"status": "failure"})]
	some f in findings
	startswith(f.detail, "tried (failed)")
}

test_no_findings_drain_day if {
	eviction := _event(
		_gcp, "io.k8s.core.v1.pods.eviction.create", {},
		[{"type": "k8s_cluster", "uid": "core/v1/namespaces/default/pods/web-1/eviction"}],
	)
	node_delete := _event(
		_gcp, "io.k8s.core.v1.nodes.delete", {},
		[{"type": "k8s_cluster", "uid": "core/v1/nodes/gke-pool-1-abc"}],
	)
	read := _event(_gcp, "io.k8s.authorization.rbac.v1.clusterrolebindings.list", {}, [])
	test.assert_empty(rule.findings) with input.events as [eviction, node_delete, read]
}

test_no_findings_in_progress if {
	test.assert_empty(rule.findings) with input.events as [object.union(_aks_binding, {"status": "in_progress"})]
}

test_findings_missing_request_and_resources if {
	bare := json.remove(_gke_binding, ["api/request", "resources", "status"])
	findings := rule.findings with input.events as [bare]
	some f in findings
	f.resource == "gcp/demo-project/europe-west1/io.k8s.authorization.rbac.v1.clusterrolebindings.create"
	not contains(f.detail, "granting")
}

test_findings_aks_binding_without_subscription_still_fires if {
	no_account := object.remove(_aks_binding, ["cloud"])
	event := object.union(no_account, {"cloud": {"provider": "azure"}})
	findings := rule.findings with input.events as [event]
	test.assert_rule(findings, "SW-L3-001")
	some f in findings
	f.resource == "azure///clusterrolebindings/privilege-escalation"
}

test_findings_arc_cluster_role_binding_written_through_arm if {
	action := "microsoft.kubernetes/connectedclusters/rbac.authorization.k8s.io/clusterrolebindings/write"
	event := _event(_azure, action, {}, [{"type": "clusterrolebindings", "uid": "clusterrolebindings/admin"}])
	findings := rule.findings with input.events as [event]
	test.assert_rule(findings, "SW-L3-001")
	test.assert_count(findings, 1)
}
