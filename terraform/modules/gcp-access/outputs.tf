output "service_account_email" {
  description = "Email of the reader service account the scanner impersonates."
  value       = google_service_account.reader.email
}

output "workload_identity_provider_name" {
  description = "Full resource name of the AWS provider (projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<id>)."
  value       = google_iam_workload_identity_pool_provider.aws.name
}

output "credential_config_json" {
  description = "The external_account credential configuration (what gcloud iam workload-identity-pools create-cred-config --aws writes) for the scanner's gcp_scan.credential_config_json. Holds no secret: google-auth signs an STS GetCallerIdentity request with the Lambda's own AWS credentials."
  value = jsonencode({
    type                              = "external_account"
    audience                          = "//iam.googleapis.com/${google_iam_workload_identity_pool_provider.aws.name}"
    subject_token_type                = "urn:ietf:params:aws:token-type:aws4_request"
    token_url                         = "https://sts.googleapis.com/v1/token"
    service_account_impersonation_url = "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${google_service_account.reader.email}:generateAccessToken"
    credential_source = {
      environment_id                 = "aws1"
      region_url                     = "http://169.254.169.254/latest/meta-data/placement/availability-zone"
      url                            = "http://169.254.169.254/latest/meta-data/iam/security-credentials"
      regional_cred_verification_url = "https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15"
    }
  })
}

output "granted_roles" {
  description = "The roles granted to the reader on each project, folder and organization."
  value       = local.roles
}
