variable "project_id" {
  type        = string
  description = "Project that holds the workload identity pool and the reader service account (often a security tooling project)."
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a GCP project id (6-30 characters of a-z, 0-9 and -, starting with a letter)."
  }
}

variable "scanner_role_arn" {
  type        = string
  description = "ARN of the GCP scan function's execution role (scanner module output execution_role_arns[\"gcp\"]). Only sessions of this role may exchange AWS credentials for the reader's token."
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_-]+$", var.scanner_role_arn))
    error_message = "scanner_role_arn must be an IAM role ARN without a path (arn:aws:iam::<12 digits>:role/<name>)."
  }
}

variable "pool_id" {
  type        = string
  description = "Id of the workload identity pool to create."
  default     = "scalewatch-aws"
  validation {
    condition     = can(regex("^[a-z0-9-]{4,32}$", var.pool_id)) && !startswith(var.pool_id, "gcp-")
    error_message = "pool_id must be 4-32 characters of a-z, 0-9 and -, not starting with gcp-."
  }
}

variable "service_account_id" {
  type        = string
  description = "Account id (the part before @) of the reader service account to create."
  default     = "scalewatch-reader"
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.service_account_id))
    error_message = "service_account_id must be 6-30 characters of a-z, 0-9 and -, starting with a letter."
  }
}

variable "projects" {
  type        = list(string)
  description = "Project ids whose audit logs and IAM policies the scanner reads (the watched service account's project among them)."
  validation {
    condition     = length(var.projects) > 0 && alltrue([for p in var.projects : can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", p))])
    error_message = "projects must be a non-empty list of project ids."
  }
}

variable "folders" {
  type        = list(string)
  description = "Folders (folders/<number>) whose audit logs and IAM policies the scanner also reads (inherited bindings)."
  default     = []
  validation {
    condition     = alltrue([for f in var.folders : can(regex("^folders/[0-9]+$", f))])
    error_message = "folders must look like folders/<number>."
  }
}

variable "organizations" {
  type        = list(string)
  description = "Organizations (organizations/<number>) whose audit logs and IAM policies the scanner also reads."
  default     = []
  validation {
    condition     = alltrue([for o in var.organizations : can(regex("^organizations/[0-9]+$", o))])
    error_message = "organizations must look like organizations/<number>."
  }
}

variable "data_access_enabled" {
  type        = bool
  description = "Also read Data Access audit logs (roles/logging.privateLogViewer). Data Access logs must be turned on in the audit config, or there is nothing to read."
  default     = false
}

variable "enable_apis" {
  type        = bool
  description = "Enable the APIs federation and the scanner use (IAM, IAM Credentials, STS, Logging, Resource Manager) in project_id."
  default     = true
}
