package scalewatch.maestro.l6.golden_policy_drift_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l6.golden_policy_drift as rule

_role := "arn:aws:iam::111122223333:role/castai-eks-demo"

_cast_policy := "arn:aws:iam::111122223333:policy/CastEKSPolicy-demo"

_grant(actions, resources, conditions, source) := {
	"effect": "Allow", "actions": actions, "not_actions": [], "resources": resources, "not_resources": [],
	"conditions": conditions, "source": source,
}

_to_ec2 := {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}

_vendor_trust(conditions) := {
	"effect": "Allow", "principals": ["AWS:arn:aws:iam::444455556666:user/cast-crossrole-demo"],
	"actions": ["sts:AssumeRole"], "conditions": conditions, "source": concat("", ["trust:", _role, "#0"]),
}

_external_id := {"StringEquals": {"sts:ExternalId": "c9a1e0d2-7f3b-4c1e-9d2a-5b6c7d8e9f00"}}

# CAST AI's published role as the demo deploys it.
_cast_grants := [
	_grant(["iam:PassRole"], ["arn:aws:iam::*:role/*"], _to_ec2, concat("", [_cast_policy, "#PassRoleEC2"])),
	_grant(
		["iam:DeleteInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "ec2:CreateTags", "ec2:ImportKeyPair"],
		["*"], {}, concat("", [_cast_policy, "#NonResourcePermissions"]),
	),
	_grant(
		["ec2:RunInstances"], ["arn:aws:ec2:eu-central-1:111122223333:instance/*"],
		{"StringEquals": {"aws:RequestTag/kubernetes.io/cluster/demo": "owned"}},
		concat("", ["inline:", _role, ":castai-user-policy-demo#RunInstancesTagRestriction"]),
	),
	_grant(
		["eks:Describe*", "eks:List*"], ["arn:aws:eks:eu-central-1:111122223333:cluster/demo"], {},
		concat("", ["inline:", _role, ":castai-user-policy-demo#EKS"]),
	),
	_grant(["ec2:Describe*"], ["*"], {}, "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess#0"),
	{"effect": "Deny", "actions": ["*"], "resources": ["*"], "conditions": {}, "source": "deny#0"},
]

_aws_base := {"cloud": "aws", "identity": _role, "account": "111122223333"}

_aws(grants, trust) := object.union(_aws_base, {"grants": grants, "trust": trust})

test_no_findings_castai_as_published if {
	p := _aws(_cast_grants, [_vendor_trust(_external_id)])
	test.assert_empty(rule.findings) with input.posture as [p] with input.agent_profile as {"id": "castai"}
}

test_findings_castai_widened if {
	widened := array.concat(_cast_grants, [
		_grant(["iam:PassRole"], ["arn:aws:iam::*:role/*"], {}, "inline:widen#PassRole"),
		_grant(["iam:PutRolePolicy", "ec2:*"], ["*"], {}, "inline:widen#Extra"),
		_grant(["ec2:RunInstances"], ["*"], {}, "inline:widen#RunAnywhere"),
		object.union(_grant([], ["*"], {}, "inline:widen#NotAction"), {"not_actions": ["iam:*"]}),
	])
	trust := [_vendor_trust({}), object.union(_vendor_trust({}), {"principals": ["*"], "source": "trust#1"})]
	findings := rule.findings with input.posture as [_aws(widened, trust)] with input.agent_profile as {"id": "castai"}
	test.assert_rule(findings, "SW-L6-010")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == _role
	startswith(f.detail, concat("", [
		"wider than CAST AI EKS cross-account role (CastEKSPolicy + castai-user-policy) ",
		"(terraform-provider-castai castai/policies/eks at 9a3eeca957cab9cd1cd5f1aa55f9ee4535e4c01d): ",
	]))
	contains(f.detail, "ec2:*: wildcard action where the reference names actions")
	contains(f.detail, "iam:PutRolePolicy: not in the reference")
	contains(f.detail, "iam:PassRole: drops condition iam:passedtoservice")
	contains(f.detail, "ec2:RunInstances: on * where the reference allows arn:aws:ec2:${ARN}:instance/*")
	contains(f.detail, "every action but: iam:* (NotAction statement)")
	contains(f.detail, "trust admits * (reference: AWS:*)")
	contains(f.detail, "trust admits AWS:arn:aws:iam::444455556666:user/cast-crossrole-demo without sts:ExternalId")
	f.evidence.sources == [
		"inline:widen#Extra", "inline:widen#NotAction", "inline:widen#PassRole", "inline:widen#RunAnywhere",
		"trust#1", concat("", ["trust:", _role, "#0"]),
	]
}

_karpenter := "arn:aws:iam::123456789012:role/KarpenterControllerRole-demo"

_irsa(conditions) := {
	"effect": "Allow",
	"principals": ["Federated:arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE"],
	"actions": ["sts:AssumeRoleWithWebIdentity"], "conditions": conditions, "source": "trust:karpenter#0",
}

_karpenter_base := {"cloud": "aws", "identity": _karpenter, "account": "123456789012"}

_karpenter_posture(grants, trust) := object.union(_karpenter_base, {"grants": grants, "trust": trust})

_with_tags := {
	"StringEquals": {
		"aws:RequestTag/kubernetes.io/cluster/demo": "owned",
		"aws:RequestTag/eks:eks-cluster-name": "demo",
	},
	"StringLike": {"aws:RequestTag/karpenter.sh/nodepool": "*"},
}

test_no_findings_karpenter_as_published if {
	grants := [
		_grant(
			["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
			["arn:aws:ec2:eu-west-1:*:instance/*", "arn:aws:ec2:eu-west-1:*:fleet/*"], _with_tags, "k#1",
		),
		_grant(
			["iam:PassRole"], ["arn:aws:iam::123456789012:role/KarpenterNodeRole-demo"],
			{"StringEquals": {"iam:PassedToService": ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"]}}, "k#2",
		),
		_grant(["pricing:GetProducts"], ["*"], {}, "k#3"),
	]
	service_account := "system:serviceaccount:kube-system:karpenter"
	sub := {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE:sub": service_account}}
	p := _karpenter_posture(grants, [_irsa(sub)])
	test.assert_empty(rule.findings) with input.posture as [p] with input.agent_profile as {"id": "karpenter"}
}

test_findings_karpenter_dropped_tag_and_open_oidc if {
	grants := [_grant(
		["ec2:RunInstances"], ["arn:aws:ec2:eu-west-1:*:instance/*"],
		{"StringEquals": {"aws:RequestTag/kubernetes.io/cluster/demo": "owned"}}, "k#1",
	)]
	aud := {"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE:aud": "sts.amazonaws.com"}}
	p := _karpenter_posture(grants, [_irsa(aud)])
	findings := rule.findings with input.posture as [p] with input.agent_profile as {"id": "karpenter"}
	some f in findings
	contains(f.detail, concat("", [
		"ec2:RunInstances: drops condition aws:requesttag/eks:eks-cluster-name, ",
		"aws:requesttag/karpenter.sh/nodepool",
	]))
	contains(f.detail, "drops condition *:sub")
}

test_findings_cluster_autoscaler_wildcard if {
	autoscaler := {"identity": "arn:aws:iam::123456789012:role/cluster-autoscaler"}
	p := object.union(_karpenter_posture([_grant(["autoscaling:*"], ["*"], {}, "ca#0")], []), autoscaler)
	findings := rule.findings with input.posture as [p] with input.agent_profile as {"id": "cluster-autoscaler"}
	some f in findings
	endswith(f.detail, "): autoscaling:*: wildcard action where the reference names actions")
}

_sa := "castai-gke@demo-project.iam.gserviceaccount.com"

_gcp_grant(role, actions, resource) := {
	"effect": "Allow", "actions": actions, "not_actions": [], "resources": [resource],
	"conditions": {}, "source": concat("", [resource, "#", role]), "role": role,
}

test_findings_gcp_extra_role_and_folder_binding if {
	p := {"cloud": "gcp", "identity": _sa, "account": "demo-project", "grants": [
		_gcp_grant("roles/container.developer", ["container.pods.exec"], "projects/demo-project"),
		_gcp_grant(
			"projects/demo-project/roles/castai.gkeAccess",
			["compute.instances.create", "compute.instances.setMetadata"], "projects/demo-project",
		),
		_gcp_grant("roles/storage.admin", ["storage.buckets.delete", "storage.objects.get"], "projects/demo-project"),
		_gcp_grant("roles/iam.serviceAccountUser", ["iam.serviceAccounts.actAs"], "folders/1234"),
	]}
	findings := rule.findings with input.posture as [p] with input.agent_profile as {"id": "castai"}
	some f in findings
	contains(f.detail, "roles/storage.admin adds storage.buckets.delete, storage.objects.get")
	contains(f.detail, "roles/iam.serviceAccountUser on folders/1234 where the reference is scoped to projects/*")
	not contains(f.detail, "castai.gkeAccess adds")
	f.evidence.sources == ["folders/1234#roles/iam.serviceAccountUser", "projects/demo-project#roles/storage.admin"]
}

test_findings_azure_wildcard_at_subscription if {
	sub := "/subscriptions/3f2b8c1d-4e5a-4b6c-9d7e-8f9a0b1c2d3e"
	rg := concat("", [sub, "/resourceGroups/MC_demo_demo_westeurope"])
	p := {"cloud": "azure", "identity": "0b5c2f6e-1111-4111-8111-111111111111", "account": "3f2b8c1d", "grants": [
		_gcp_grant("CastAKSRole-demo", ["Microsoft.Compute/virtualMachines/*", "Microsoft.Network/*/read"], rg),
		_gcp_grant("Contributor", ["*"], sub),
	]}
	findings := rule.findings with input.posture as [p] with input.agent_profile as {"id": "castai"}
	some f in findings
	contains(f.detail, "Contributor adds *")
	contains(f.detail, concat("", [
		"Contributor on ", sub,
		" where the reference is scoped to /subscriptions/*/resourcegroups/*",
	]))
	not contains(f.detail, "CastAKSRole-demo adds")
}

test_no_findings_without_profile_or_reference if {
	p := _aws([_grant(["*"], ["*"], {}, "admin")], [])
	test.assert_empty(rule.findings) with input.posture as [p]
	test.assert_empty(rule.findings) with input.posture as [p] with input.agent_profile as {"id": "custom-agent"}
	gcp := {"cloud": "gcp", "identity": _sa, "account": "p", "grants": []}
	test.assert_empty(rule.findings) with input.posture as [gcp] with input.agent_profile as {"id": "karpenter"}
}

test_findings_missing_fields_and_reference_override if {
	bare := {"effect": "Allow", "actions": ["s3:GetObject"]}
	p := {"cloud": "aws", "identity": _role, "account": "111122223333", "grants": [bare]}
	findings := rule.findings with input.posture as [p] with input.config as {"golden_drift": {"reference": "karpenter"}}
	some f in findings
	endswith(f.detail, "): s3:GetObject: not in the reference")
	f.evidence.sources == ["unknown source"]
}

test_list_caps_items if {
	grants := [grant |
		some n in numbers.range(1, 14)
		grant := _grant([concat("", ["svc:Action", format_int(n, 10)])], ["*"], {}, concat("", ["g#", format_int(n, 10)]))
	]
	findings := rule.findings with input.posture as [_aws(grants, [])] with input.agent_profile as {"id": "castai"}
	some f in findings
	endswith(f.detail, " and 2 more")
}

test_findings_not_resource_and_role_less_azure_grant if {
	not_resource := object.union(
		_grant(["ec2:TerminateInstances"], [], {}, "inline:widen#AllButProd"),
		{"not_resources": ["arn:aws:ec2:eu-central-1:111122223333:instance/i-prod"]},
	)
	aws := rule.findings with input.posture as [_aws([not_resource], [])] with input.agent_profile as {"id": "castai"}
	some f in aws
	endswith(f.detail, "): ec2:TerminateInstances: NotResource statement (every resource but the listed ones)")
	storage := {"effect": "Allow", "actions": ["Microsoft.Storage/*"], "source": "assignment-1"}
	azure := {"cloud": "azure", "identity": "0b5c2f6e", "account": "3f2b8c1d", "grants": [storage]}
	findings := rule.findings with input.posture as [azure] with input.agent_profile as {"id": "castai"}
	some g in findings
	contains(g.detail, "assignment-1 adds Microsoft.Storage/*")
	contains(g.detail, "assignment-1 on * where the reference is scoped to")
}
