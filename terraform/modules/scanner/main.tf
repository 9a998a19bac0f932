data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name

  # One jar, four handlers: functions.json is read by Terraform and by the contract test
  # (functions/lambda, DeploymentContractTest), so a handler named here must exist in the code and the reverse.
  manifest = jsondecode(file("${path.module}/functions.json")).functions
  enabled = {
    aws      = var.aws_scan != null
    gcp      = var.gcp_scan != null
    azure    = var.azure_scan != null
    dispatch = var.organization_fanout != null
  }
  functions      = { for name, f in local.manifest : name => f if local.enabled[name] }
  scan_functions = { for name, f in local.functions : name => f if name != "dispatch" }
  function_names = { for name in keys(local.manifest) : name => "${var.name_prefix}-${name}" }

  tags = merge({ "scalewatch:component" = "scanner" }, var.tags)
}

resource "aws_lambda_function" "this" {
  #checkov:skip=CKV_AWS_117:the functions call public AWS, Google and Azure APIs; a VPC would need NAT or endpoints this module cannot assume
  #checkov:skip=CKV_AWS_272:code signing needs a signing profile and a signed jar from the customer's pipeline; the jar comes from a bucket the deployer controls
  for_each = local.functions

  function_name                  = local.function_names[each.key]
  description                    = each.value.description
  role                           = aws_iam_role.function[each.key].arn
  runtime                        = var.runtime
  handler                        = each.value.handler
  s3_bucket                      = var.artifact.s3_bucket
  s3_key                         = var.artifact.s3_key
  s3_object_version              = var.artifact.s3_object_version
  memory_size                    = each.key == "dispatch" ? var.organization_fanout.dispatcher_memory_mb : var.memory_mb
  timeout                        = each.key == "dispatch" ? var.organization_fanout.dispatcher_timeout : var.timeout_seconds
  reserved_concurrent_executions = each.key == "dispatch" ? 1 : var.reserved_concurrency
  kms_key_arn                    = aws_kms_key.this.arn
  publish                        = true

  environment {
    variables = local.environment[each.key]
  }

  dead_letter_config {
    target_arn = aws_sqs_queue.function_dlq[each.key].arn
  }

  tracing_config {
    mode = "Active"
  }

  dynamic "snap_start" {
    for_each = var.snap_start_enabled ? [1] : []
    content {
      apply_on = "PublishedVersions"
    }
  }

  tags = local.tags

  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.function]
}

# Schedules and queues invoke the alias, never $LATEST: SnapStart applies only to published versions.
resource "aws_lambda_alias" "live" {
  for_each = local.functions

  name             = "live"
  description      = "The published version schedules and queues invoke."
  function_name    = aws_lambda_function.this[each.key].function_name
  function_version = aws_lambda_function.this[each.key].version
}

# Asynchronous invocations (schedules) are retried twice by Lambda; after that the event goes to the DLQ.
resource "aws_lambda_function_event_invoke_config" "this" {
  for_each = local.functions

  function_name                = aws_lambda_function.this[each.key].function_name
  qualifier                    = aws_lambda_alias.live[each.key].name
  maximum_retry_attempts       = 2
  maximum_event_age_in_seconds = 21600
}

resource "aws_cloudwatch_log_group" "function" {
  for_each = local.functions

  name              = "/aws/lambda/${local.function_names[each.key]}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
  tags              = local.tags
}

resource "aws_sqs_queue" "function_dlq" {
  for_each = local.functions

  name                              = "${local.function_names[each.key]}-invoke-dlq"
  kms_master_key_id                 = aws_kms_key.this.arn
  kms_data_key_reuse_period_seconds = 3600
  message_retention_seconds         = 1209600
  tags                              = local.tags
}
