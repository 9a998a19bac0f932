# expect-invalid: aws_scan gcp_scan azure_scan
artifact = { s3_bucket = "my-artifacts", s3_key = "scalewatch/scalewatch-lambda.jar" }
aws_scan = { identity = "arn:aws:iam::111122223333:role/castai-eks-demo", mode = "s3", read_role_name = "scalewatch-read" }
gcp_scan = { identity = "castai-agent@prod-project.iam.gserviceaccount.com", projects = ["prod-project"] }
azure_scan = {
  tenant_id        = "not-a-guid"
  client_id        = "6f1e1d2c-0000-4000-8000-000000000001"
  secret_arn       = "arn:aws:secretsmanager:us-east-1:111122223333:secret:x"
  workspace_ids    = []
  subscription_ids = []
}
