provider "aws" {
  region = var.region
}

provider "aws" {
  alias  = "workload"
  region = var.region
  assume_role {
    role_arn = var.workload_account_role_arn
  }
}

provider "google" {
  project = var.gcp_project_id
}

provider "azuread" {}

provider "azurerm" {
  features {}
  subscription_id = var.azure_subscription_ids[0]
}

locals {
  name_prefix    = "scalewatch"
  read_role_name = "scalewatch-read"
}

# The scanner in the security tooling account: a dispatcher lists the organization's accounts every six hours
# and queues one message per account x region (and per GCP project / Azure subscription); each cloud's scan
# function works through its queue, at most five targets at a time, never two runs of one target at once.
module "scanner" {
  source = "../../modules/scanner"

  name_prefix = local.name_prefix
  artifact = {
    s3_bucket = var.artifact_bucket
    s3_key    = var.artifact_key
  }
  snap_start_enabled   = true
  reserved_concurrency = 5

  aws_scan = {
    identity       = var.watched_role_arn
    mode           = "lookup"
    read_role_name = local.read_role_name
    external_id    = var.external_id
  }

  gcp_scan = {
    identity               = var.gcp_watched_service_account
    projects               = var.gcp_projects
    credential_config_json = module.gcp_access.credential_config_json
  }

  azure_scan = {
    tenant_id        = module.azure_access.tenant_id
    client_id        = module.azure_access.client_id
    secret_arn       = module.azure_access.secret_arn
    secret_kms_key   = module.azure_access.secret_kms_key_arn
    workspace_ids    = var.azure_workspace_ids
    subscription_ids = var.azure_subscription_ids
    object_id        = var.azure_watched_object_id
  }

  organization_fanout = {
    schedule_expression = "rate(6 hours)"
    regions             = var.scanned_regions
    maximum_concurrency = 5
  }

  alarm_actions = compact([var.alarm_topic_arn])
}

# In each workload account: the read-only role only the AWS scan function's role may assume, with the external id.
module "target_access" {
  source    = "../../modules/aws-target-access"
  providers = { aws = aws.workload }

  role_name        = local.read_role_name
  scanner_role_arn = module.scanner.execution_role_arns["aws"]
  external_id      = var.external_id
}

# GCP: keyless federation from the GCP scan function's role to a reader service account.
module "gcp_access" {
  source = "../../modules/gcp-access"

  project_id       = var.gcp_project_id
  scanner_role_arn = module.scanner.execution_role_arns["gcp"]
  projects         = var.gcp_projects
}

# Azure: scalewatch's app registration, Reader and Log Analytics Reader, its secret in Secrets Manager.
module "azure_access" {
  source = "../../modules/azure-access"

  subscription_ids       = var.azure_subscription_ids
  workspace_resource_ids = var.azure_workspace_resource_ids
  scanner_role_arn       = module.scanner.execution_role_arns["azure"]
}
