variable "display_name" {
  type        = string
  description = "Display name of the app registration scalewatch signs in as."
  default     = "scalewatch-reader"
  validation {
    condition     = length(var.display_name) >= 3 && length(var.display_name) <= 120
    error_message = "display_name must be 3-120 characters."
  }
}

variable "subscription_ids" {
  type        = list(string)
  description = "Subscriptions whose role assignments the scanner reads (Reader on each)."
  validation {
    condition     = length(var.subscription_ids) > 0 && alltrue([for s in var.subscription_ids : can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", s))])
    error_message = "subscription_ids must be a non-empty list of lowercase GUIDs."
  }
}

variable "workspace_resource_ids" {
  type        = list(string)
  description = "Resource ids of the Log Analytics workspaces holding the AzureActivity table (Log Analytics Reader on each)."
  validation {
    condition     = length(var.workspace_resource_ids) > 0 && alltrue([for w in var.workspace_resource_ids : can(regex("(?i)^/subscriptions/[0-9a-f-]{36}/resourcegroups/[^/]+/providers/microsoft.operationalinsights/workspaces/[^/]+$", w))])
    error_message = "workspace_resource_ids must be Log Analytics workspace resource ids (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>)."
  }
}

variable "graph_read_enabled" {
  type        = bool
  description = "Grant Microsoft Graph Application.Read.All (application permission, admin consent given here) so the scanner reads the watched principal's credentials. Needs a Graph admin to apply."
  default     = false
}

variable "secret_rotation_days" {
  type        = number
  description = "Days after which Terraform replaces the client secret (the old one stays valid for the same period again, so a running scan is not cut off)."
  default     = 90
  validation {
    condition     = var.secret_rotation_days >= 7 && var.secret_rotation_days <= 365
    error_message = "secret_rotation_days must be within 7..365."
  }
}

variable "secret_name" {
  type        = string
  description = "Name of the AWS Secrets Manager secret that receives the client secret (the scanner's azure_scan.secret_arn)."
  default     = "scalewatch/azure-client-secret"
  validation {
    condition     = can(regex("^[A-Za-z0-9/_+=.@-]{1,512}$", var.secret_name))
    error_message = "secret_name must be 1-512 characters of A-Z, a-z, 0-9 and /_+=.@-."
  }
}

variable "scanner_role_arn" {
  type        = string
  description = "ARN of the Azure scan function's execution role (scanner module output execution_role_arns[\"azure\"]): the only principal the secret's resource policy lets read it."
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", var.scanner_role_arn))
    error_message = "scanner_role_arn must be an IAM role ARN."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags of the AWS resources (secret, key)."
  default     = {}
}
