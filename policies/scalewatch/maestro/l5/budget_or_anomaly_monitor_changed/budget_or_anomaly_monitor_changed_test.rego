package scalewatch.maestro.l5.budget_or_anomaly_monitor_changed_test

import rego.v1

import data.scalewatch.lib.test
import data.scalewatch.maestro.l5.budget_or_anomaly_monitor_changed as rule

_event(cloud, action, api, resources) := {
	"time_ms": 1732540000000,
	"cloud": {"provider": cloud, "account": "123456789012", "region": "us-east-1"},
	"actor": {"principal": "arn:aws:iam::123456789012:role/castai-eks-demo"},
	"api": object.union({"action": action}, api),
	"resources": resources,
	"status": "success",
	"metadata": {"uid": "e-1"},
}

test_findings_budget_raised if {
	request := {"accountId": "123456789012", "newBudget": {
		"budgetName": "eks-monthly", "budgetType": "COST",
		"budgetLimit": {"amount": "1000000", "unit": "USD"}, "timeUnit": "MONTHLY",
	}}
	api := {"operation": "UpdateBudget", "request": request}
	findings := rule.findings with input.events as [_event("aws", "budgets:UpdateBudget", api, [])]
	test.assert_rule(findings, "SW-L5-003")
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "eks-monthly"
	f.detail == "UpdateBudget eks-monthly"
}

test_findings_anomaly_monitor_deleted if {
	monitor := "arn:aws:ce::123456789012:anomalymonitor/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
	api := {"request": {"monitorArn": monitor}}
	findings := rule.findings with input.events as [_event("aws", "ce:DeleteAnomalyMonitor", api, [])]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == monitor
}

test_findings_gcp_budget_updated if {
	budget := "billingAccounts/01ABCD-23EF45-6789AB/budgets/6a7b8c9d-0000-4000-8000-0123456789ab"
	request := {"budget": {"name": budget, "amount": {"specifiedAmount": {"units": "999999"}}}, "updateMask": "amount"}
	event := _event("gcp", "google.cloud.billing.budgets.v1.BudgetService.UpdateBudget", {"request": request}, [])
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == budget
}

test_findings_azure_budget_deleted_attempt if {
	budget := "/subscriptions/1111/providers/Microsoft.Consumption/budgets/aks-monthly"
	event := object.union(
		_event("azure", "microsoft.consumption/budgets/delete", {}, [{"uid": budget}]),
		{"status": "failure", "api": {"error": {"code": "AuthorizationFailed"}}},
	)
	findings := rule.findings with input.events as [event]
	test.assert_count(findings, 1)
	some f in findings
	f.detail == concat("", ["microsoft.consumption/budgets/delete ", budget, " (attempt failed: AuthorizationFailed)"])
}

test_no_findings_cost_reads if {
	events := [
		_event("aws", "ce:GetCostAndUsage", {}, []),
		_event("aws", "budgets:DescribeBudgets", {}, []),
		object.union(_event("azure", "microsoft.consumption/budgets/write", {}, []), {"status": "in_progress"}),
	]
	test.assert_empty(rule.findings) with input.events as events
}

test_findings_missing_request if {
	findings := rule.findings with input.events as [_event("aws", "budgets:DeleteBudget", {}, [])]
	test.assert_count(findings, 1)
	some f in findings
	f.resource == "aws/123456789012/us-east-1"
}
