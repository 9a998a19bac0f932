output "function_arns" {
  description = "The deployed function(s)."
  value       = module.scanner.function_arns
}

output "findings_bucket_name" {
  description = "Where findings, summaries and checkpoints land."
  value       = module.scanner.findings_bucket_name
}

output "security_hub_product_arn" {
  description = "The product the findings are imported through."
  value       = module.scanner.security_hub_product_arn
}

output "log_group_names" {
  description = "The functions' log groups."
  value       = module.scanner.log_group_names
}
