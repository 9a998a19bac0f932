variable "role_name" {
  type        = string
  description = "Name of the read-only role; the scanner's aws_scan.read_role_name must be the same in every account."
  default     = "scalewatch-read"
  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.role_name))
    error_message = "role_name must be 1-64 characters of A-Z, a-z, 0-9 and +=,.@_-."
  }
}

variable "scanner_role_arn" {
  type        = string
  description = "ARN of the AWS scan function's execution role (scanner module output execution_role_arns[\"aws\"]): the only principal this role trusts."
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", var.scanner_role_arn))
    error_message = "scanner_role_arn must be an IAM role ARN (arn:aws:iam::<12 digits>:role/<name>)."
  }
}

variable "external_id" {
  type        = string
  description = "The sts:ExternalId the scanner must present (aws_scan.external_id): guards against a confused deputy."
  sensitive   = true
  validation {
    condition     = length(var.external_id) >= 16 && length(var.external_id) <= 1224 && can(regex("^[A-Za-z0-9+=,.@:/_-]+$", var.external_id))
    error_message = "external_id must be 16-1224 characters of A-Z, a-z, 0-9 and +=,.@:/_- (at least 16, so it cannot be guessed)."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags of the role."
  default     = {}
}
