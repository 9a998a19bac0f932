# Execution roles, one per function, least privilege. The actions come from permissions/<role>.json, which the
# contract test compares with the AWS SDK operations the function's code can reach (javap over the classes):
# a new SDK call without its permission fails the build. Here each statement only gets its resources.
locals {
  permissions = { for name, f in local.functions : name => jsondecode(file("${path.module}/${f.permissions}")) }

  findings_prefix_arn = "${aws_s3_bucket.findings.arn}/${var.findings_prefix}/*"
  # The read-only role in each listed account; with no accounts listed (organization fan-out names them per
  # message) the role of that name in any account: its trust policy and external id decide who gets in.
  aws_read_roles = try(var.aws_scan.read_role_name, null) == null ? [] : (
    length(var.aws_scan.accounts) == 0 ? ["arn:${local.partition}:iam::*:role/${var.aws_scan.read_role_name}"] : [
      for account in var.aws_scan.accounts : "arn:${local.partition}:iam::${account}:role/${var.aws_scan.read_role_name}" if account != local.account
  ])
  aws_trail_bucket = try(var.aws_scan.trail_bucket, null)

  # Resource sets the statements refer to by name; an empty set drops the statement.
  common_resources = {
    any                  = ["*"]
    none                 = []
    findings_bucket      = [aws_s3_bucket.findings.arn]
    findings_objects     = [local.findings_prefix_arn]
    security_hub_product = var.security_hub_enabled ? ["arn:${local.partition}:securityhub:${local.region}:${local.account}:product/${local.account}/default"] : []
    security_hub_hub     = var.security_hub_enabled ? ["arn:${local.partition}:securityhub:${local.region}:${local.account}:hub/default"] : []
    scanner_key          = [aws_kms_key.this.arn]
  }
  resources = {
    for name in keys(local.functions) : name => merge(local.common_resources, {
      log_group        = ["${aws_cloudwatch_log_group.function[name].arn}:*"]
      function_dlq     = [aws_sqs_queue.function_dlq[name].arn]
      scan_queue       = name != "dispatch" && var.organization_fanout != null ? [aws_sqs_queue.scan[name].arn] : []
      scan_queues      = name == "dispatch" ? [for q in aws_sqs_queue.scan : q.arn] : []
      event_data_store = name == "aws" && try(var.aws_scan.event_data_store_arn, null) != null ? [var.aws_scan.event_data_store_arn] : []
      own_roles        = name == "aws" ? ["arn:${local.partition}:iam::${local.account}:role/*"] : []
      iam_policies = name == "aws" ? [
        "arn:${local.partition}:iam::${local.account}:policy/*",
        "arn:${local.partition}:iam::aws:policy/*",
      ] : []
      trails        = name == "aws" ? ["arn:${local.partition}:cloudtrail:*:*:trail/*"] : []
      read_roles    = name == "aws" ? local.aws_read_roles : []
      trail_bucket  = name == "aws" && local.aws_trail_bucket != null ? ["arn:${local.partition}:s3:::${local.aws_trail_bucket}"] : []
      trail_objects = name == "aws" && local.aws_trail_bucket != null ? ["arn:${local.partition}:s3:::${local.aws_trail_bucket}/*"] : []
      trail_key     = name == "aws" && try(var.aws_scan.trail_kms_key_arn, null) != null ? [var.aws_scan.trail_kms_key_arn] : []
      credential_secret = compact([
        name == "gcp" ? try(var.gcp_scan.credential_secret_arn, null) : null,
        name == "azure" ? try(var.azure_scan.secret_arn, null) : null,
      ])
      secret_key = compact([
        name == "gcp" ? try(var.gcp_scan.credential_secret_kms, null) : null,
        name == "azure" ? try(var.azure_scan.secret_kms_key, null) : null,
      ])
    })
  }
}

data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_iam_role" "function" {
  for_each = local.functions

  name                 = "${local.function_names[each.key]}-function"
  description          = "Execution role of ${local.function_names[each.key]}"
  assume_role_policy   = data.aws_iam_policy_document.assume_lambda.json
  max_session_duration = 3600
  tags                 = local.tags
}

data "aws_iam_policy_document" "function" {
  for_each = local.functions

  dynamic "statement" {
    for_each = [for s in local.permissions[each.key].statements : s if length(local.resources[each.key][s.resources]) > 0]
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = local.resources[each.key][statement.value.resources]
    }
  }
}

resource "aws_iam_role_policy" "function" {
  for_each = local.functions

  name   = "scalewatch-least-privilege"
  role   = aws_iam_role.function[each.key].id
  policy = data.aws_iam_policy_document.function[each.key].json
}
