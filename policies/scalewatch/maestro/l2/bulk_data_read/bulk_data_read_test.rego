package scalewatch.maestro.l2.bulk_data_read_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l2.bulk_data_read as rule

_start := 1599990000000

_aws := {"provider": "aws", "account": "111122223333", "region": "us-east-1"}

_gcp := {"provider": "gcp", "account": "demo-project", "region": "us"}

_azure := {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "eastus"}

_event(cloud, action, request, resources, i) := {
	"time_ms": _start + (i * 1000),
	"cloud": cloud,
	"actor": {"principal": "castai-agent"},
	"api": {"action": action, "request": request},
	"resources": resources,
	"status": "success",
	"metadata": {"uid": sprintf("%s-%s-%d", [cloud.provider, action, i])},
}

_s3_reads(n) := [_event(
	_aws, "s3:GetObject",
	{"bucketName": "acme-customer-exports", "key": sprintf("exports/%d.csv", [i])}, [], i,
) |
	some i in numbers.range(1, n)
]

_secret_reads(n) := [_event(
	_aws, "secretsmanager:GetSecretValue",
	{"secretId": sprintf("prod/app-%d", [i])}, [], i,
) |
	some i in numbers.range(1, n)
]

_gcs_reads(n) := [_event(
	_gcp, "storage.objects.get", {},
	[{"type": "gcs_bucket", "uid": sprintf("projects/_/buckets/acme-ml-data/objects/shard-%d", [i])}], i,
) |
	some i in numbers.range(1, n)
]

_blob := "/subscriptions/0b1f6471/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acmedata"

_blob_reads(n) := [_event(
	_azure, "microsoft.storage/storageaccounts/blobservices/containers/blobs/read", {},
	[{"type": "blob", "uid": sprintf("%s/blobServices/default/containers/backups/blobs/b%d", [_blob, i])}], i,
) |
	some i in numbers.range(1, n)
]

test_stats_mix_objects_and_secrets if {
	s := rule.stats.l2_data_reads with input.events as array.concat(_s3_reads(60), _secret_reads(50))
	summary := s[sprintf("aws|111122223333|us-east-1|%d", [_start])]
	summary.count == 110
	summary.values == ["acme-customer-exports", "secretsmanager:GetSecretValue"]
}

test_findings_aws_exfiltration if {
	s := rule.stats with input.events as array.concat(_s3_reads(60), _secret_reads(50))
	findings := rule.findings with input.stats as s
	test.assert_rule(findings, "SW-L2-005")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/us-east-1"
	f.evidence.counts.reads == 110
}

test_findings_gcp_and_azure if {
	s := rule.stats with input.events as array.concat(_gcs_reads(101), _blob_reads(150))
	findings := rule.findings with input.stats as s
	{f.detail | some f in findings} == {
		"101 object or secret reads in 1 bucket(s) of 10 minutes above 100 each; from: acme-ml-data",
		"150 object or secret reads in 1 bucket(s) of 10 minutes above 100 each; from: acmedata/backups",
	}
}

test_no_findings_at_threshold if {
	s := rule.stats with input.events as _s3_reads(100)
	test.assert_empty(rule.findings) with input.stats as s
}

test_no_stats_for_failed_or_non_secret_reads if {
	denied := [object.union(e, {"status": "failure"}) | some e in _s3_reads(150)]
	karpenter := [_event(
		_aws, "ssm:GetParameter",
		{"name": "/aws/service/eks/optimized-ami/1.30/amazon-linux-2023/x86_64/standard/recommended/image_id"}, [], i,
	) |
		some i in numbers.range(1, 150)
	]
	test.assert_empty(rule.stats.l2_data_reads) with input.events as array.concat(denied, karpenter)
}

test_no_findings_without_stats if {
	test.assert_empty(rule.findings) with input.stats as {}
}

test_stats_missing_bucket_counts_as_unknown_store if {
	bare := [json.remove(e, ["api/request", "status"]) | some e in _s3_reads(3)]
	s := rule.stats.l2_data_reads with input.events as bare
	s[sprintf("aws|111122223333|us-east-1|%d", [_start])].values == ["unknown-store"]
}
