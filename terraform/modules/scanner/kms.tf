# One customer managed key for everything the scanner stores: findings bucket, log groups, queues, the
# functions' environment. IAM policies decide who uses it (the key policy delegates to the account), except
# for CloudWatch Logs, which must be named in the key policy to encrypt a log group.
resource "aws_kms_key" "this" {
  description             = "scalewatch: findings, logs, queues and function environment"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = local.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name_prefix}"
  target_key_id = aws_kms_key.this.key_id
}

data "aws_iam_policy_document" "key" {
  #checkov:skip=CKV_AWS_109:a key policy's resource is always the key itself; the account root delegation lets IAM policies decide
  #checkov:skip=CKV_AWS_111:a key policy's resource is always the key itself; the account root delegation lets IAM policies decide
  #checkov:skip=CKV_AWS_356:a key policy's resource is always the key itself ("*" means this key)
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account}:root"]
    }
  }

  statement {
    sid       = "CloudWatchLogsEncryptsScannerLogGroups"
    actions   = ["kms:Decrypt*", "kms:Describe*", "kms:Encrypt*", "kms:GenerateDataKey*", "kms:ReEncrypt*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account}:log-group:/aws/lambda/${var.name_prefix}-*"]
    }
  }
}
