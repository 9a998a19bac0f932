output "role_arn" {
  description = "ARN of the read-only role."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the read-only role (the scanner's aws_scan.read_role_name)."
  value       = aws_iam_role.this.name
}
