# Alarms: Lambda errors (crashes and timeouts; a scan answers a failed run without throwing), throttles, every
# dead-letter queue's depth, and failed runs as the scan functions log them (`event=run_end ... status=failed`,
# docs/aws.md), counted by a metric filter.
locals {
  dead_letter_queues = merge(
    { for name, q in aws_sqs_queue.function_dlq : "${name}-invoke" => q.name },
    { for name, q in aws_sqs_queue.scan_dlq : "${name}-scan" => q.name },
    { scheduler = aws_sqs_queue.scheduler_dlq.name },
  )

  # One alarm per function and Lambda metric; they differ only in the metric and what it means.
  lambda_metrics = {
    errors    = { metric = "Errors", description = "the function crashed or timed out (a failed scan is the failed-runs alarm)" }
    throttles = { metric = "Throttles", description = "invocations throttled by reserved concurrency (schedules firing together; Lambda retries them, but stagger the schedules)" }
  }
  lambda_alarms = merge([
    for fn in keys(local.functions) : {
      for suffix, m in local.lambda_metrics : "${fn}-${suffix}" => merge(m, { function = fn, suffix = suffix })
    }
  ]...)
}

resource "aws_cloudwatch_metric_alarm" "lambda" {
  for_each = local.lambda_alarms

  alarm_name          = "${local.function_names[each.value.function]}-${each.value.suffix}"
  alarm_description   = "scalewatch ${each.value.function}: ${each.value.description}"
  namespace           = "AWS/Lambda"
  metric_name         = each.value.metric
  dimensions          = { FunctionName = aws_lambda_function.this[each.value.function].function_name }
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
