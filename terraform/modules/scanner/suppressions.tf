# The suppression file lives beside the findings it accepts, reviewed in the deployment's own repository. Every scan
# function reads it at the start of a run (GetObject under the findings prefix, statement FindingsReadWrite); a
# file that does not validate stops the run as invalid config rather than raising or hiding findings.
resource "aws_s3_object" "suppressions" {
  count = var.suppressions_json == null ? 0 : 1

  bucket                 = aws_s3_bucket.findings.id
  key                    = "${var.findings_prefix}/config/suppressions.json"
  content                = var.suppressions_json
  content_type           = "application/json"
  server_side_encryption = "aws:kms"
  kms_key_id             = aws_kms_key.this.arn
  tags                   = var.tags
}

locals {
  suppressions_url = var.suppressions_json == null ? null : "s3://${aws_s3_bucket.findings.bucket}/${aws_s3_object.suppressions[0].key}"
}
