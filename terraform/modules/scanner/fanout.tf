# Organization fan-out: the dispatcher (scheduled) sends one message per target to the scan function's FIFO
# queue, message group = the target, so one target's runs never overlap while different targets run side by
# side, at most maximum_concurrency per function. A message whose scan fails is reported back
# (ReportBatchItemFailures), redelivered, and after max_receive_count moved to the queue's dead-letter queue.
locals {
  fanout_functions = var.organization_fanout == null ? {} : local.scan_functions
}

resource "aws_sqs_queue" "scan_dlq" {
  for_each = local.fanout_functions

  name                              = "${local.function_names[each.key]}-scan-dlq.fifo"
  fifo_queue                        = true
  kms_master_key_id                 = aws_kms_key.this.arn
  kms_data_key_reuse_period_seconds = 3600
  message_retention_seconds         = 1209600
  tags                              = local.tags
}

resource "aws_sqs_queue" "scan" {
  for_each = local.fanout_functions

  name                              = "${local.function_names[each.key]}-scan.fifo"
  fifo_queue                        = true
  content_based_deduplication       = true
  deduplication_scope               = "messageGroup"
  fifo_throughput_limit             = "perMessageGroupId"
  kms_master_key_id                 = aws_kms_key.this.arn
  kms_data_key_reuse_period_seconds = 3600
  # AWS advises at least six times the function timeout, so a slow run is not delivered twice.
  visibility_timeout_seconds = 6 * var.timeout_seconds
  message_retention_seconds  = 345600
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.scan_dlq[each.key].arn
    maxReceiveCount     = var.organization_fanout.max_receive_count
  })
  tags = local.tags
}

resource "aws_sqs_queue_redrive_allow_policy" "scan_dlq" {
  for_each = local.fanout_functions

  queue_url = aws_sqs_queue.scan_dlq[each.key].id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.scan[each.key].arn]
  })
}

resource "aws_lambda_event_source_mapping" "scan" {
  for_each = local.fanout_functions

  event_source_arn        = aws_sqs_queue.scan[each.key].arn
  function_name           = aws_lambda_alias.live[each.key].arn
  batch_size              = var.organization_fanout.batch_size
  function_response_types = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.organization_fanout.maximum_concurrency
  }

  lifecycle {
    precondition {
      condition     = var.reserved_concurrency >= var.organization_fanout.maximum_concurrency
      error_message = "reserved_concurrency must be at least organization_fanout.maximum_concurrency, or Lambda throttles the queue's invocations."
    }
  }

  depends_on = [aws_iam_role_policy.function]
}

resource "aws_scheduler_schedule" "dispatch" {
  count = var.organization_fanout != null ? 1 : 0

  name                         = "${var.name_prefix}-dispatch"
  description                  = "scalewatch: organization fan-out"
  schedule_expression          = var.organization_fanout.schedule_expression
  schedule_expression_timezone = var.organization_fanout.timezone
  kms_key_arn                  = aws_kms_key.this.arn

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.live["dispatch"].arn
    role_arn = aws_iam_role.scheduler.arn
    input    = "{}"

    retry_policy {
      maximum_retry_attempts       = 2
      maximum_event_age_in_seconds = 3600
    }

    dead_letter_config {
      arn = aws_sqs_queue.scheduler_dlq.arn
    }
  }
}
