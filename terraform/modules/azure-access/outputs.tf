output "tenant_id" {
  description = "Entra ID tenant of the app registration (the scanner's azure_scan.tenant_id)."
  value       = data.azuread_client_config.current.tenant_id
}

output "client_id" {
  description = "Application (client) id scalewatch signs in with (the scanner's azure_scan.client_id)."
  value       = azuread_application.this.client_id
}

output "service_principal_object_id" {
  description = "Object id of scalewatch's own service principal (not the watched one)."
  value       = azuread_service_principal.this.object_id
}

output "secret_arn" {
  description = "ARN of the Secrets Manager secret holding the client secret (the scanner's azure_scan.secret_arn)."
  value       = aws_secretsmanager_secret.this.arn
}

output "secret_kms_key_arn" {
  description = "ARN of the KMS key encrypting the secret (the scanner's azure_scan.secret_kms_key)."
  value       = aws_kms_key.secret.arn
}
