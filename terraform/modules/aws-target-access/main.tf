data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account   = data.aws_caller_identity.current.account_id
  partition = data.aws_partition.current.partition

  # The actions come from permissions.json, contract-tested against the collectors' AWS SDK calls.
  permissions = jsondecode(file("${path.module}/permissions.json"))
  resources = {
    any               = ["*"]
    event_data_stores = ["arn:${local.partition}:cloudtrail:*:${local.account}:eventdatastore/*"]
    roles             = ["arn:${local.partition}:iam::${local.account}:role/*"]
    trails            = ["arn:${local.partition}:cloudtrail:*:*:trail/*"]
    policies = [
      "arn:${local.partition}:iam::${local.account}:policy/*",
      "arn:${local.partition}:iam::aws:policy/*",
    ]
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "ScalewatchScannerOnly"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [var.scanner_role_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [var.external_id]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.role_name
  description          = "scalewatch: read-only access to CloudTrail and IAM for the scanner"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = 3600
  tags                 = merge({ "scalewatch:component" = "target-access" }, var.tags)
}

data "aws_iam_policy_document" "read" {
  dynamic "statement" {
    for_each = local.permissions.statements
    content {
      sid       = statement.value.sid
      actions   = statement.value.actions
      resources = local.resources[statement.value.resources]
    }
  }
}

resource "aws_iam_role_policy" "read" {
  name   = "scalewatch-read-only"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.read.json
}
