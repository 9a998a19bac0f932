locals {
  findings_bucket_name = coalesce(var.findings_bucket_name, "${var.name_prefix}-findings-${local.account}-${local.region}")
}

resource "aws_s3_bucket" "findings" {
  #checkov:skip=CKV_AWS_144:cross-region replication is a customer decision (a second bucket and key in another region); versioning and Object Lock are here
  #checkov:skip=CKV2_AWS_62:nothing consumes object-created events; Athena and Security Hub read on their own schedule
  #checkov:skip=CKV_AWS_18:server access logs need a separate log bucket the customer owns; CloudTrail data events are the better record and are the customer's choice
  bucket              = local.findings_bucket_name
  object_lock_enabled = var.object_lock != null
  tags                = local.tags
}

resource "aws_s3_bucket_versioning" "findings" {
  bucket = aws_s3_bucket.findings.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "findings" {
  bucket                  = aws_s3_bucket.findings.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "findings" {
  bucket = aws_s3_bucket.findings.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "findings" {
  bucket = aws_s3_bucket.findings.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.this.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "findings" {
  bucket = aws_s3_bucket.findings.id

  rule {
    id     = "findings"
    status = "Enabled"
    filter {
      prefix = "${var.findings_prefix}/"
    }
    transition {
      days          = var.findings_lifecycle.transition_to_ia_days
      storage_class = "STANDARD_IA"
    }
    dynamic "expiration" {
      for_each = var.findings_lifecycle.expiration_days > 0 ? [1] : []
      content {
        days = var.findings_lifecycle.expiration_days
      }
    }
    noncurrent_version_expiration {
      noncurrent_days = var.findings_lifecycle.noncurrent_expiration_days
    }
  }

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

resource "aws_s3_bucket_object_lock_configuration" "findings" {
  count = var.object_lock != null ? 1 : 0

  bucket = aws_s3_bucket.findings.id
  rule {
    default_retention {
      mode = var.object_lock.mode
      days = var.object_lock.days
    }
  }
  depends_on = [aws_s3_bucket_versioning.findings]
}

resource "aws_s3_bucket_policy" "findings" {
  bucket     = aws_s3_bucket.findings.id
  policy     = data.aws_iam_policy_document.findings_bucket.json
  depends_on = [aws_s3_bucket_public_access_block.findings]
}

data "aws_iam_policy_document" "findings_bucket" {
  statement {
    sid     = "TlsOnly"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.findings.arn,
      "${aws_s3_bucket.findings.arn}/*",
    ]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid       = "KmsOnly"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.findings.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEqualsIfExists"
      variable = "s3:x-amz-server-side-encryption"
      values   = ["aws:kms"]
    }
  }
}
