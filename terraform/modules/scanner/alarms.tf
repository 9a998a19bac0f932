# Alarms: Lambda errors (crashes and timeouts; a scan answers a failed run without throwing), throttles, every
# dead-letter queue's depth, and failed runs as the scan functions log them (`event=run_end ... status=failed`,
# docs/aws.md), counted by a metric filter.
locals {
  dead_letter_queues = merge(
    { for name, q in aws_sqs_queue.function_dlq : "${name}-invoke" => q.name },
    { for name, q in aws_sqs_queue.scan_dlq : "${name}-scan" => q.name },
    { scheduler = aws_sqs_queue.scheduler_dlq.name },
  )
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  for_each = local.functions

  alarm_name          = "${local.function_names[each.key]}-errors"
  alarm_description   = "scalewatch ${each.key}: the function crashed or timed out (a failed scan is the failed-runs alarm)"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.this[each.key].function_name }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "throttles" {
  for_each = local.functions

  alarm_name          = "${local.function_names[each.key]}-throttles"
  alarm_description   = "scalewatch ${each.key}: invocations throttled by reserved concurrency (schedules firing together; Lambda retries them, but stagger the schedules)"
  namespace           = "AWS/Lambda"
  metric_name         = "Throttles"
  dimensions          = { FunctionName = aws_lambda_function.this[each.key].function_name }
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "dead_letters" {
  for_each = local.dead_letter_queues

  alarm_name          = "${var.name_prefix}-${each.key}-dead-letters"
  alarm_description   = "scalewatch: messages in dead-letter queue ${each.value} (an invocation or a target's scan gave up)"
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = each.value }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_log_metric_filter" "failed_runs" {
  for_each = local.scan_functions

  name           = "${local.function_names[each.key]}-failed-runs"
  log_group_name = aws_cloudwatch_log_group.function[each.key].name
  pattern        = "\"event=run_end\" \"status=failed\""

  metric_transformation {
    name          = "FailedRuns"
    namespace     = "scalewatch/${local.function_names[each.key]}"
    value         = "1"
    default_value = "0"
    unit          = "Count"
  }
}

resource "aws_cloudwatch_metric_alarm" "failed_runs" {
  for_each = local.scan_functions

  alarm_name          = "${local.function_names[each.key]}-failed-runs"
  alarm_description   = "scalewatch ${each.key}: a scan run ended with status=failed (a target or the run failed; its checkpoint did not move)"
  namespace           = "scalewatch/${local.function_names[each.key]}"
  metric_name         = "FailedRuns"
  statistic           = "Sum"
  period              = 3600
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
  depends_on          = [aws_cloudwatch_log_metric_filter.failed_runs]
}
