package scalewatch.lib.secrets_test

import rego.v1

import data.scalewatch.lib.secrets

_event(action, request) := {
	"cloud": {"provider": "aws", "account": "111122223333", "region": "us-east-1"},
	"api": {"action": action, "request": request},
	"src_endpoint": {"ip": "198.51.100.23"},
}

test_read_names_empty_for_other_classes if {
	secrets.read_names(_event("ec2:RunInstances", {"name": "x"})) == set()
	not secrets.is_read(_event("ec2:RunInstances", {"name": "x"}))
}

test_read_names_lists_batch_ids if {
	event := _event("secretsmanager:BatchGetSecretValue", {"secretIdList": ["a", "b"]})
	secrets.read_names(event) == {"a", "b"}
}

test_read_names_by_path_with_decryption if {
	event := _event("ssm:GetParametersByPath", {"path": "/prod/app", "withDecryption": true, "recursive": true})
	secrets.read_names(event) == {"/prod/app"}
}
