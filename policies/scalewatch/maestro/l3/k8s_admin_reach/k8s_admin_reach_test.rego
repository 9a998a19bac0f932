package scalewatch.maestro.l3.k8s_admin_reach_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l3.k8s_admin_reach as rule

_grant(actions, source) := {
	"effect": "Allow", "actions": actions, "not_actions": [], "resources": ["*"],
	"conditions": {}, "source": source,
}

_posture(cloud, identity, grants) := {"cloud": cloud, "identity": identity, "account": "acct", "grants": grants}

# the CAST AI GKE custom role, expanded to permissions as the GCP posture collector delivers it
_castai_gke_role := object.union(
	_grant(
		[
			"compute.instances.create", "compute.instances.delete", "compute.instanceGroupManagers.update",
			"container.clusters.update", "container.certificateSigningRequests.approve",
		],
		"projects/demo-project/roles/castai.gkeAccess",
	),
	{"role": "projects/demo-project/roles/castai.gkeAccess"},
)

test_findings_castai_gke_csr_approve if {
	p := _posture("gcp", "castai-gke-tf-1a2b@demo-project.iam.gserviceaccount.com", [_castai_gke_role])
	findings := rule.findings with input.posture as [p]
	test.assert_rule(findings, "SW-L3-006")
	test.assert_count(findings, 1)
	some f in findings
	f.detail == "may container.certificateSigningRequests.approve"
	f.evidence.sources == ["projects/demo-project/roles/castai.gkeAccess"]
}

test_findings_aws_eks_access_entries if {
	grant := _grant(["eks:*"], "arn:aws:iam::111122223333:policy/agent#Eks")
	p := _posture("aws", "arn:aws:iam::111122223333:role/castai-eks-demo", [grant])
	findings := rule.findings with input.posture as [p]
	some f in findings
	f.detail == "may eks:AssociateAccessPolicy, eks:CreateAccessEntry, eks:UpdateAccessEntry"
}

test_findings_azure_container_service_wildcard if {
	grant := _grant(["Microsoft.ContainerService/*"], "/subscriptions/0b1f6471/roleAssignments/3")
	p := _posture("azure", "6f1e2c3d-0000-4a5b-9c8d-112233445566", [grant])
	findings := rule.findings with input.posture as [p]
	some f in findings
	contains(f.detail, "Microsoft.ContainerService/managedClusters/rbac.authorization.k8s.io/clusterrolebindings/write")
	contains(f.detail, "Microsoft.ContainerService/managedClusters/runCommand/action")
}

test_no_findings_node_only_roles if {
	aws := _posture("aws", "arn:aws:iam::111122223333:role/karpenter", [_grant(
		["ec2:RunInstances", "ec2:CreateFleet", "ec2:TerminateInstances", "eks:DescribeCluster"],
		"arn:aws:iam::111122223333:policy/KarpenterControllerPolicy",
	)])
	azure := _posture("azure", "6f1e2c3d", [_grant(
		["Microsoft.Compute/virtualMachines/*", "Microsoft.ContainerService/managedClusters/agentPools/*"],
		"/subscriptions/0b1f6471/roleAssignments/4",
	)])
	test.assert_empty(rule.findings) with input.posture as [aws, azure]
}

test_no_findings_without_grants if {
	test.assert_empty(rule.findings) with input.posture as [_posture("gcp", "sa", [])]
}
