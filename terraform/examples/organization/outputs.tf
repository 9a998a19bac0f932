output "function_arns" {
  description = "The deployed functions (aws, gcp, azure, dispatch)."
  value       = module.scanner.function_arns
}

output "scan_queue_urls" {
  description = "The per-cloud fan-out queues."
  value       = module.scanner.scan_queue_urls
}

output "findings_bucket_name" {
  description = "Where findings, summaries and checkpoints land."
  value       = module.scanner.findings_bucket_name
}

output "read_role_arn" {
  description = "The read-only role in the workload account."
  value       = module.target_access.role_arn
}

output "gcp_reader_service_account" {
  description = "The GCP reader service account the scanner impersonates."
  value       = module.gcp_access.service_account_email
}

output "azure_client_id" {
  description = "scalewatch's Azure app registration."
  value       = module.azure_access.client_id
}

output "security_hub_product_arn" {
  description = "The product the findings are imported through."
  value       = module.scanner.security_hub_product_arn
}
