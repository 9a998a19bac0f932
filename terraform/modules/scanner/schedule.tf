# One EventBridge Scheduler schedule per target (var.schedules), invoking the scan function's live alias with the
# target's config override as the event. The scheduler's role may invoke exactly these aliases.
resource "aws_scheduler_schedule" "target" {
  for_each = var.schedules

  name                         = "${var.name_prefix}-${each.key}"
  description                  = "scalewatch: ${each.value.function} scan, target ${each.key}"
  schedule_expression          = each.value.expression
  schedule_expression_timezone = each.value.timezone
  state                        = each.value.enabled ? "ENABLED" : "DISABLED"
  kms_key_arn                  = aws_kms_key.this.arn

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.live[each.value.function].arn
    role_arn = aws_iam_role.scheduler.arn
    input    = each.value.input_json

    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 3600
    }

    dead_letter_config {
      arn = aws_sqs_queue.scheduler_dlq.arn
    }
  }

  lifecycle {
    precondition {
      condition     = local.enabled[each.value.function]
      error_message = "schedule ${each.key} invokes the ${each.value.function} function, which is not deployed: set var.${each.value.function}_scan."
    }
  }
}

resource "aws_sqs_queue" "scheduler_dlq" {
  name                              = "${var.name_prefix}-scheduler-dlq"
  kms_master_key_id                 = aws_kms_key.this.arn
  kms_data_key_reuse_period_seconds = 3600
  message_retention_seconds         = 1209600
  tags                              = local.tags
}

data "aws_iam_policy_document" "assume_scheduler" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${var.name_prefix}-scheduler"
  description        = "EventBridge Scheduler invoking the scalewatch functions"
  assume_role_policy = data.aws_iam_policy_document.assume_scheduler.json
  tags               = local.tags
}

data "aws_iam_policy_document" "scheduler" {
  statement {
    sid       = "InvokeScanners"
    actions   = ["lambda:InvokeFunction"]
    resources = [for a in aws_lambda_alias.live : a.arn]
  }
  statement {
    sid       = "DeadLetter"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.scheduler_dlq.arn]
  }
  statement {
    sid       = "EncryptedQueueAndSchedules"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.this.arn]
  }
}

resource "aws_iam_role_policy" "scheduler" {
  name   = "scalewatch-invoke"
  role   = aws_iam_role.scheduler.id
  policy = data.aws_iam_policy_document.scheduler.json
}
