subscription_ids       = ["3a3b4c5d-0000-4000-8000-000000000003"]
workspace_resource_ids = ["/subscriptions/3a3b4c5d-0000-4000-8000-000000000003/resourceGroups/logs/providers/Microsoft.OperationalInsights/workspaces/activity"]
scanner_role_arn       = "arn:aws:iam::111122223333:role/scalewatch-azure-function"
graph_read_enabled     = true
