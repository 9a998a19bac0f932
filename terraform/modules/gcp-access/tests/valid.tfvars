project_id          = "security-tooling"
scanner_role_arn    = "arn:aws:iam::111122223333:role/scalewatch-gcp-function"
projects            = ["prod-project", "staging-project"]
folders             = ["folders/1234567890"]
organizations       = ["organizations/123456789012"]
data_access_enabled = true
