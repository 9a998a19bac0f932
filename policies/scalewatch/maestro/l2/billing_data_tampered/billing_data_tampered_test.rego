package scalewatch.maestro.l2.billing_data_tampered_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l2.billing_data_tampered as rule

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

_gcp := {"provider": "gcp", "account": "billing-admin-project", "region": "global"}

_azure := {"provider": "azure", "account": "0b1f6471-1bf0-4dda-aec3-cb9272f09590", "region": "global"}

_put_report := _event(
	_aws, "cur:PutReportDefinition", {"reportDefinition": {
		"reportName": "hourly-cur", "timeUnit": "HOURLY", "format": "Parquet",
		"s3Bucket": "acme-cur-reports", "s3Prefix": "cur", "s3Region": "us-east-1",
	}},
	[],
)

_update_export := _event(
	_aws, "bcm-data-exports:UpdateExport", {
		"exportArn": "arn:aws:bcm-data-exports:us-east-1:111122223333:export/focus-daily-1a2b",
		"export": {"name": "focus-daily"},
	},
	[],
)

_billing_table := "projects/billing-admin-project/datasets/billing_export/tables/gcp_billing_export_v1_01A2B3"

_delete_table := _event(
	_gcp, "google.cloud.bigquery.v2.TableService.DeleteTable", {},
	[{"type": "bigquery_table", "uid": _billing_table}],
)

_azure_export := concat("/", [
	"/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590",
	"providers/Microsoft.CostManagement/exports/daily-actual-cost",
])

_delete_export := _event(
	_azure, "microsoft.costmanagement/exports/delete", {},
	[{"type": "Microsoft.CostManagement/exports", "uid": _azure_export}],
)

test_findings_aws_cur_redefined if {
	findings := rule.findings with input.events as [_put_report]
	test.assert_rule(findings, "SW-L2-002")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/111122223333/us-east-1/hourly-cur"
}

test_findings_aws_data_export_updated if {
	findings := rule.findings with input.events as [_update_export]
	some f in findings
	f.resource == "aws/111122223333/us-east-1/arn:aws:bcm-data-exports:us-east-1:111122223333:export/focus-daily-1a2b"
}

test_findings_gcp_billing_table_deleted if {
	findings := rule.findings with input.events as [_delete_table]
	some f in findings
	f.resource == concat("/", ["gcp/billing-admin-project/global", _billing_table])
}

test_findings_azure_cost_export_deleted if {
	findings := rule.findings with input.events as [_delete_export]
	some f in findings
	f.resource == concat("/", ["azure/0b1f6471-1bf0-4dda-aec3-cb9272f09590/global", _azure_export])
}

test_findings_failed_attempt if {
	findings := rule.findings with input.events as [object.union(_put_report, {"status": "failure"})]
	some f in findings
	startswith(f.detail, "tried (failed)")
}

test_no_findings_finops_reads if {
	reads := [
		_event(_aws, "ce:GetCostAndUsage", {"granularity": "DAILY"}, []),
		_event(_aws, "ec2:DescribeSpotPriceHistory", {"instanceTypeSet": {}}, []),
		_event(_aws, "pricing:GetProducts", {"serviceCode": "AmazonEC2"}, []),
	]
	test.assert_empty(rule.findings) with input.events as reads
}

test_no_findings_in_progress if {
	test.assert_empty(rule.findings) with input.events as [object.union(_delete_export, {"status": "in_progress"})]
}

test_findings_missing_request_falls_back_to_action if {
	bare := json.remove(_put_report, ["api/request", "resources", "status"])
	findings := rule.findings with input.events as [bare]
	some f in findings
	f.resource == "aws/111122223333/us-east-1/cur:PutReportDefinition"
}
