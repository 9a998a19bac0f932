package scalewatch.lib.principal_test

import rego.v1

import data.scalewatch.lib.principal

_role := "arn:aws:iam::111122223333:role/ops/castai-eks-demo"

test_is_watched_actor_by_principal_session_key_or_all if {
	principal.is_watched_actor({"actor": {"principal": _role}}, _role)
	session := "arn:aws:sts::111122223333:assumed-role/castai-eks-demo/castai-1"
	principal.is_watched_actor({"actor": {"session": session}}, _role)
	principal.is_watched_actor({"actor": {"credential_id": "AKIAIOSFODNN7EXAMPLE"}}, "AKIAIOSFODNN7EXAMPLE")
	principal.is_watched_actor({"actor": {}}, "*")
	principal.is_watched_actor({"actor": {}}, "")
	not principal.is_watched_actor({"actor": {"principal": "arn:aws:iam::111122223333:role/other"}}, _role)
}

# The scan writes one principal per line (one per cloud), as in the demo's identities.txt.
_agent := concat("\n", [
	"arn:aws:iam::111122223333:role/castai-eks-demo", "arn:aws:iam::111122223333:user/cast-eks-demo",
	"castai-gke@demo-project.iam.gserviceaccount.com", "0b5c2f6e-1111-4111-8111-111111111111",
])

test_is_watched_actor_any_of_a_list if {
	session := "arn:aws:sts::111122223333:assumed-role/castai-eks-demo/castai-48134"
	principal.is_watched_actor({"actor": {"session": session}}, _agent)
	principal.is_watched_actor({"actor": {"principal": "CASTAI-GKE@demo-project.iam.gserviceaccount.com"}}, _agent)
	principal.is_watched_actor({"actor": {"principal": "arn:aws:iam::111122223333:user/cast-eks-demo"}}, _agent)
	not principal.is_watched_actor({"actor": {"principal": "arn:aws:iam::777766665555:role/ops-automation"}}, _agent)
	not principal.is_watched_actor({"actor": {"principal": ""}}, _agent)
}

test_is_watched_target_any_of_a_list if {
	principal.is_watched_target("arn:aws:iam::111122223333:role/castai-eks-demo", _agent)
	principal.is_watched_target("arn:aws:iam::111122223333:role/a,b", "arn:aws:iam::111122223333:role/a,b")
	principal.is_watched_target("x", "*")
	not principal.is_watched_target("arn:aws:iam::222233334444:role/OrganizationAccountAccessRole", _agent)
}

test_assumed_role_prefix_drops_path if {
	principal.assumed_role_prefix(_role) == "arn:aws:sts::111122223333:assumed-role/castai-eks-demo/"
	not principal.assumed_role_prefix("castai@demo.iam.gserviceaccount.com")
}

test_arn_account_and_sa_project if {
	principal.arn_account("arn:aws:iam::999988887777:root") == "999988887777"
	principal.arn_account("999988887777") == "999988887777"
	not principal.arn_account("AROAEXAMPLEID")
	principal.sa_project("agent@my-project.iam.gserviceaccount.com") == "my-project"
	not principal.sa_project("123-compute@developer.gserviceaccount.com")
}

test_mask_never_returns_full_id if {
	principal.mask("AKIAIOSFODNN7EXAMPLE") == "AKIA****MPLE"
	principal.mask("ABCDEFGH") == "****"
	principal.mask("") == "****"
}

test_partition_from_caller if {
	principal.partition({"actor": {"principal": "arn:aws-cn:iam::1:role/x"}}) == "aws-cn"
	principal.partition({"actor": {"principal": "ec2.amazonaws.com"}}) == "aws"
	principal.partition({}) == "aws"
}

test_iam_target_order if {
	aws := {"cloud": {"provider": "aws", "account": "1"}, "actor": {}}
	principal.iam_target(object.union(aws, {"api": {"request": {"userName": "u"}}})) == "arn:aws:iam::1:user/u"
	gcp := {"cloud": {"provider": "gcp", "account": "p", "region": "global"}, "api": {"action": "a"}}
	principal.iam_target(object.union(gcp, {"api": {"request": {"resource": "projects/p"}}})) == "projects/p"
	principal.iam_target(object.union(gcp, {"api": {"request": {"name": "projects/p/roles/r"}}})) == "projects/p/roles/r"
	principal.iam_target(gcp) == "gcp/p/global/a"
}

test_assumed_target_sources if {
	event := {"cloud": {"provider": "aws"}, "resources": [{"type": "AWS::IAM::Role", "uid": _role}]}
	principal.assumed_target(event) == _role
	other := {"cloud": {"provider": "azure"}, "resources": [{"type": "x", "uid": "/subscriptions/s/x"}]}
	principal.assumed_target(other) == "/subscriptions/s/x"
}

test_is_service_call_forms if {
	principal.is_service_call({"actor": {"type": "AWSService"}})
	principal.is_service_call({"actor": {"principal": "eks.amazonaws.com"}})
	principal.is_service_call({"actor": {}, "src_endpoint": {"ip": "autoscaling.amazonaws.com"}})
	principal.is_service_call({"actor": {}, "src_endpoint": {"ip": "AWS Internal"}})
	not principal.is_service_call({"actor": {"type": "AssumedRole"}, "src_endpoint": {"ip": "203.0.113.10"}})
}

test_own_instance_profile_with_path if {
	request := {"instanceProfileName": "demo_123", "path": "/karpenter/us-east-1/demo/uid/"}
	principal.is_own_instance_profile({"api": {"request": request}}, ["*karpenter*"])
	not principal.is_own_instance_profile({"api": {"request": {"instanceProfileName": "web"}}}, ["*karpenter*"])
	not principal.is_own_instance_profile({"api": {"request": {"roleName": "karpenter"}}}, ["*karpenter*"])
}
