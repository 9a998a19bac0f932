artifact           = { s3_bucket = "my-artifacts", s3_key = "scalewatch/scalewatch-lambda.jar", s3_object_version = "3" }
snap_start_enabled = true
object_lock        = { mode = "COMPLIANCE", days = 365 }
findings_lifecycle = { transition_to_ia_days = 30, expiration_days = 730 }
aws_scan = {
  identity       = "arn:aws:iam::111122223333:role/castai-eks-demo"
  accounts       = ["111122223333", "444455556666"]
  regions        = ["us-east-1", "eu-west-1"]
  mode           = "s3"
  trail_bucket   = "org-trail-logs"
  read_role_name = "scalewatch-read"
  external_id    = "0123456789abcdef0123"
  settings_json  = "{\"allowed_regions\": [\"us-east-1\"]}"
}
gcp_scan = {
  identity               = "castai-agent@prod-project.iam.gserviceaccount.com"
  projects               = ["prod-project"]
  folders                = ["folders/1234567890"]
  credential_config_json = "{\"type\": \"external_account\"}"
}
azure_scan = {
  tenant_id        = "0b5c2f6e-1111-4111-8111-111111111111"
  client_id        = "6f1e1d2c-0000-4000-8000-000000000001"
  secret_arn       = "arn:aws:secretsmanager:us-east-1:111122223333:secret:scalewatch/azure-client-secret-AbCdEf"
  workspace_ids    = ["2a3b4c5d-0000-4000-8000-000000000002"]
  subscription_ids = ["3a3b4c5d-0000-4000-8000-000000000003"]
  object_id        = "0b5c2f6e-1111-4111-8111-111111111111"
}
schedules = {
  aws-prod = { function = "aws", expression = "cron(0 * * * ? *)", input_json = "{\"accounts\": [\"444455556666\"]}" }
  gcp-prod = { function = "gcp", expression = "rate(2 hours)" }
}
organization_fanout  = { schedule_expression = "rate(6 hours)", regions = ["us-east-1"], maximum_concurrency = 5 }
reserved_concurrency = 5
suppressions_json    = <<-JSON
  {"version": 1, "suppressions": [{"rule": "SW-L4-001", "account": "111122223333", "owner": "ml-platform@example.com",
    "reason": "GPU pool for the ML team; accepted in OPS-412", "expires": "2027-03-01"}]}
JSON
suppression_max_days = 180
