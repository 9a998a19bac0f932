output "function_arns" {
  description = "ARN of each deployed function (aws, gcp, azure, dispatch), by name."
  value       = { for name, f in aws_lambda_function.this : name => f.arn }
}

output "function_alias_arns" {
  description = "ARN of each function's live alias, which schedules and queues invoke."
  value       = { for name, a in aws_lambda_alias.live : name => a.arn }
}

output "function_role_arns" {
  description = "ARN of each function's execution role. Access modules take the same ARNs from execution_role_arns."
  value       = { for name, r in aws_iam_role.function : name => r.arn }
}

output "findings_bucket_name" {
  description = "Name of the findings bucket (findings, summaries, quarantine, checkpoints under findings_prefix)."
  value       = aws_s3_bucket.findings.bucket
}

output "findings_bucket_arn" {
  description = "ARN of the findings bucket."
  value       = aws_s3_bucket.findings.arn
}

output "kms_key_arn" {
  description = "ARN of the customer managed key encrypting the bucket, logs, queues and environment."
  value       = aws_kms_key.this.arn
}

output "log_group_names" {
  description = "CloudWatch log group of each function."
  value       = { for name, g in aws_cloudwatch_log_group.function : name => g.name }
}

output "scan_queue_urls" {
  description = "URL of each scan function's fan-out queue (empty without organization_fanout)."
  value       = { for name, q in aws_sqs_queue.scan : name => q.url }
}

output "dead_letter_queue_names" {
  description = "Every dead-letter queue the alarms watch."
  value       = local.dead_letter_queues
}

output "schedule_arns" {
  description = "ARN of each per-target schedule."
  value       = { for name, s in aws_scheduler_schedule.target : name => s.arn }
}

output "dispatch_schedule_arn" {
  description = "ARN of the dispatcher's schedule (null without organization_fanout)."
  value       = try(aws_scheduler_schedule.dispatch[0].arn, null)
}

output "security_hub_product_arn" {
  description = "The Security Hub product findings are imported through (this account's default product)."
  value       = "arn:${local.partition}:securityhub:${local.region}:${local.account}:product/${local.account}/default"
}

output "execution_role_arns" {
  description = "The ARN each function's execution role has (or will have), by function name, built from name_prefix alone. Access modules whose outputs feed this module's inputs (gcp-access, azure-access) take their trusted role from here, which avoids a dependency cycle."
  value       = { for name in keys(local.manifest) : name => "arn:${local.partition}:iam::${local.account}:role/${local.function_names[name]}-function" }
}
