# The functions' environment, one map per function in this one locals block. Every name is a constant of the
# function's Environment class (functions.json: environment_class: AwsEnvironment, GcpEnvironment,
# AzureEnvironment, DispatchEnvironment); the contract test (functions/lambda,
# DeploymentContractTest) reads the names below, so keep one `NAME = value` per line inside each *_environment map.
# Unset (null or empty) values are dropped: the code's default applies.
locals {
  shared_environment = {
    SCALEWATCH_FINDINGS_BUCKET      = aws_s3_bucket.findings.bucket
    SCALEWATCH_FINDINGS_PREFIX      = var.findings_prefix
    SCALEWATCH_KMS_KEY_ID           = aws_kms_key.this.arn
    SCALEWATCH_SECURITY_HUB_ENABLED = tostring(var.security_hub_enabled)
    SCALEWATCH_SUPPRESSIONS         = local.suppressions_url
    SCALEWATCH_SUPPRESSION_MAX_DAYS = tostring(var.suppression_max_days)
  }

  aws_environment = var.aws_scan == null ? {} : {
    SCALEWATCH_IDENTITY            = var.aws_scan.identity
    SCALEWATCH_ACCOUNTS            = join(",", var.aws_scan.accounts)
    SCALEWATCH_REGIONS             = join(",", var.aws_scan.regions)
    SCALEWATCH_MODE                = var.aws_scan.mode
    SCALEWATCH_TRAIL_BUCKET        = var.aws_scan.trail_bucket
    SCALEWATCH_TRAIL_PREFIX        = var.aws_scan.trail_prefix
    SCALEWATCH_TRAIL_BUCKET_REGION = var.aws_scan.trail_bucket_region
    SCALEWATCH_ORGANIZATION_ID     = var.aws_scan.organization_id
    SCALEWATCH_EVENT_DATA_STORE    = var.aws_scan.event_data_store_arn
    SCALEWATCH_READ_ROLE           = var.aws_scan.read_role_name
    SCALEWATCH_EXTERNAL_ID         = var.aws_scan.external_id
    SCALEWATCH_PROFILE             = var.aws_scan.profile
    SCALEWATCH_SETTINGS            = var.aws_scan.settings_json
  }

  gcp_environment = var.gcp_scan == null ? {} : {
    SCALEWATCH_IDENTITY               = var.gcp_scan.identity
    SCALEWATCH_GCP_PROJECTS           = join(",", var.gcp_scan.projects)
    SCALEWATCH_GCP_FOLDERS            = join(",", var.gcp_scan.folders)
    SCALEWATCH_GCP_ORGANIZATIONS      = join(",", var.gcp_scan.organizations)
    SCALEWATCH_GCP_DATA_ACCESS        = tostring(var.gcp_scan.data_access)
    SCALEWATCH_GCP_CREDENTIALS_CONFIG = var.gcp_scan.credential_config_json
    SCALEWATCH_GCP_KEY_SECRET         = var.gcp_scan.credential_secret_arn
    SCALEWATCH_PROFILE                = var.gcp_scan.profile
    SCALEWATCH_SETTINGS               = var.gcp_scan.settings_json
  }

  azure_environment = var.azure_scan == null ? {} : {
    SCALEWATCH_IDENTITY            = var.azure_scan.object_id
    SCALEWATCH_AZURE_APP_ID        = var.azure_scan.app_id
    SCALEWATCH_AZURE_WORKSPACES    = join(",", var.azure_scan.workspace_ids)
    SCALEWATCH_AZURE_SUBSCRIPTIONS = join(",", var.azure_scan.subscription_ids)
    SCALEWATCH_AZURE_GRAPH_ENABLED = tostring(var.azure_scan.graph_enabled)
    SCALEWATCH_AZURE_TENANT_ID     = var.azure_scan.tenant_id
    SCALEWATCH_AZURE_CLIENT_ID     = var.azure_scan.client_id
    SCALEWATCH_AZURE_SECRET        = var.azure_scan.secret_arn
    SCALEWATCH_PROFILE             = var.azure_scan.profile
    SCALEWATCH_SETTINGS            = var.azure_scan.settings_json
  }

  # Names: io.scalewatch.aws.dispatch.DispatchEnvironment.
  dispatch_environment = var.organization_fanout == null ? {} : {
    SCALEWATCH_AWS_QUEUE_URL             = try(aws_sqs_queue.scan["aws"].url, null)
    SCALEWATCH_GCP_QUEUE_URL             = try(aws_sqs_queue.scan["gcp"].url, null)
    SCALEWATCH_AZURE_QUEUE_URL           = try(aws_sqs_queue.scan["azure"].url, null)
    SCALEWATCH_DISPATCH_REGIONS          = join(",", var.organization_fanout.regions)
    SCALEWATCH_DISPATCH_ACCOUNTS         = join(",", var.organization_fanout.accounts)
    SCALEWATCH_DISPATCH_INCLUDE_OUS      = join(",", var.organization_fanout.include_ous)
    SCALEWATCH_DISPATCH_EXCLUDE_OUS      = join(",", var.organization_fanout.exclude_ous)
    SCALEWATCH_DISPATCH_EXCLUDE_ACCOUNTS = join(",", var.organization_fanout.exclude_accounts)
    SCALEWATCH_GCP_PROJECTS              = var.gcp_scan == null ? "" : join(",", var.gcp_scan.projects)
    SCALEWATCH_AZURE_WORKSPACES          = var.azure_scan == null ? "" : join(",", var.azure_scan.workspace_ids)
  }

  environment = {
    for name, env in {
      aws      = merge(local.shared_environment, local.aws_environment)
      gcp      = merge(local.shared_environment, local.gcp_environment)
      azure    = merge(local.shared_environment, local.azure_environment)
      dispatch = local.dispatch_environment
    } : name => { for k, v in env : k => v if v != null && v != "" }
  }
}
