# expect-invalid: subscription_ids workspace_resource_ids scanner_role_arn secret_rotation_days
subscription_ids       = ["3A3B4C5D-0000-4000-8000-000000000003"]
workspace_resource_ids = ["/subscriptions/3a3b4c5d-0000-4000-8000-000000000003/resourceGroups/logs"]
scanner_role_arn       = "arn:aws:iam::111122223333:root"
secret_rotation_days   = 1
