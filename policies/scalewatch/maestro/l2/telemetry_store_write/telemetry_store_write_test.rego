package scalewatch.maestro.l2.telemetry_store_write_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l2.telemetry_store_write as rule

_event(cloud, action, request, resources) := {
	"time_ms": 1732540000000,
	"cloud": cloud,
	"actor": {"principal": "castai-agent"},
	"api": {"action": action, "operation": action, "request": request},
	"resources": resources,
	"status": "success",
	"metadata": {"uid": concat("-", ["e", action])},
}

_aws := {"provider": "aws", "account": "111122223333", "region": "us-east-1"}

_gcp := {"provider": "gcp", "account": "demo-project", "region": "us"}

_azure := {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "eastus"}

_cur_put := _event(
	_aws, "s3:PutObject",
	{"bucketName": "acme-cur-reports", "key": "cur/hourly-cur/20241101-20241201/hourly-cur-00001.snappy.parquet"},
	[
		{"type": "AWS::S3::Object", "uid": "arn:aws:s3:::acme-cur-reports/cur/hourly-cur/part-00001.parquet"},
		{"type": "AWS::S3::Bucket", "uid": "arn:aws:s3:::acme-cur-reports"},
	],
)

_gcs_delete := _event(
	_gcp, "storage.objects.delete", {},
	[{"type": "gcs_bucket", "uid": "projects/_/buckets/acme-thanos-metrics/objects/01HZX3/chunks/000001"}],
)

_blob := concat("/", [
	"/subscriptions/0b1f6471/resourceGroups/finops-rg/providers/Microsoft.Storage/storageAccounts/acmefinops",
	"blobServices/default/containers/costexports/blobs/daily/part0.csv",
])

_blob_write := _event(
	_azure, "microsoft.storage/storageaccounts/blobservices/containers/blobs/write", {},
	[{"type": "Microsoft.Storage/storageAccounts/blobServices/containers/blobs", "uid": _blob}],
)

_put_metric := _event(_aws, "cloudwatch:PutMetricData", {"namespace": "ContainerInsights"}, [])

_create_time_series := _event(
	_gcp, "google.monitoring.v3.MetricService.CreateTimeSeries", {
		"name": "projects/demo-project",
		"timeSeries": [{"metric": {"type": "custom.googleapis.com/node/cpu_utilization"}}],
	},
	[],
)

test_findings_aws_cur_bucket_write if {
	findings := rule.findings with input.events as [_cur_put]
	test.assert_rule(findings, "SW-L2-003")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/us-east-1/acme-cur-reports"
}

test_findings_gcp_metrics_bucket_delete if {
	findings := rule.findings with input.events as [_gcs_delete]
	some f in findings
	f.resource == "gcp/demo-project/us/acme-thanos-metrics"
}

test_findings_azure_cost_export_container_write if {
	findings := rule.findings with input.events as [_blob_write]
	some f in findings
	f.resource == "azure/0b1f6471-1bf0-4dda-aec3-cb9272f09590/eastus/acmefinops/costexports"
}

test_findings_custom_metric_writes if {
	findings := rule.findings with input.events as [_put_metric, _create_time_series]
	{f.resource | some f in findings} == {
		"aws/111122223333/us-east-1/metrics/ContainerInsights",
		"gcp/demo-project/us/metrics/custom.googleapis.com/node/cpu_utilization",
	}
}

test_findings_store_from_object_arn_only if {
	arn_only := json.remove(_cur_put, ["api/request"])
	findings := rule.findings with input.events as [arn_only]
	some f in findings
	f.resource == "aws/111122223333/us-east-1/acme-cur-reports"
}

# The demo's 14:21 writes, judged with its settings, which name the stores as IAM resources do.
test_findings_patterns_as_resource_names if {
	put := _event(
		_aws, "s3:PutObject",
		{"bucketName": "demo-cur-111122223333", "key": "cur/demo-cur/20261101-20261201/demo-cur-00001.snappy.parquet"},
		[{"type": "AWS::S3::Bucket", "uid": "arn:aws:s3:::demo-cur-111122223333"}],
	)
	delete := object.union(_gcs_delete, {"metadata": {"uid": "g-2"}})
	patterns := ["arn:aws:s3:::demo-cur-*", "projects/_/buckets/acme-thanos-*"]
	findings := rule.findings with input.events as [put, delete]
		with input.config as {"telemetry_store_patterns": patterns}
	{f.resource | some f in findings} == {
		"aws/111122223333/us-east-1/demo-cur-111122223333",
		"gcp/demo-project/us/acme-thanos-metrics",
	}
}

test_no_findings_arn_pattern_of_another_bucket if {
	test.assert_empty(rule.findings) with input.events as [_cur_put]
		with input.config as {"telemetry_store_patterns": ["arn:aws:s3:::demo-cur-*"]}
}

test_no_findings_security_bucket_not_taken_for_cur if {
	other := _event(_aws, "s3:PutObject", {"bucketName": "security-scan-results", "key": "r.json"}, [])
	test.assert_empty(rule.findings) with input.events as [other]
}

test_no_findings_metric_writes_allowed if {
	test.assert_empty(rule.findings) with input.events as [_put_metric]
		with input.config as {"allow_metric_writes": true}
}

test_no_findings_reads_and_in_progress if {
	read := _event(_aws, "s3:GetObject", {"bucketName": "acme-cur-reports", "key": "cur/manifest.json"}, [])
	started := object.union(_blob_write, {"status": "in_progress"})
	test.assert_empty(rule.findings) with input.events as [read, started]
}

test_findings_unknown_store_reported if {
	bare := json.remove(_cur_put, ["api/request", "resources", "status"])
	findings := rule.findings with input.events as [bare]
	some f in findings
	f.resource == "aws/111122223333/us-east-1/unknown-store"
}

test_findings_denied_write_is_reported if {
	findings := rule.findings with input.events as [object.union(_cur_put, {"status": "failure"})]
	some f in findings
	startswith(f.detail, "tried (failed)")
}
