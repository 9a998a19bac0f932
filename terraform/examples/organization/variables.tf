variable "region" {
  type        = string
  description = "Region of the scanner (the security tooling or delegated administrator account)."
  default     = "us-east-1"
}

variable "scanned_regions" {
  type        = list(string)
  description = "Regions the dispatcher fans out to in every AWS account."
  default     = ["us-east-1", "us-west-2"]
}

variable "artifact_bucket" {
  type        = string
  description = "Bucket holding the uploaded Lambda jar."
}

variable "artifact_key" {
  type        = string
  description = "Key of the uploaded functions/lambda/target/scalewatch-lambda.jar."
  default     = "scalewatch/scalewatch-lambda.jar"
}

variable "watched_role_arn" {
  type        = string
  description = "The autoscaler's AWS role to watch (in every account it is deployed to)."
}

variable "workload_account_role_arn" {
  type        = string
  description = "A role Terraform assumes in one workload account to create the read-only role there (repeat the module per account, or deploy it with CloudFormation StackSets across the organization)."
}

variable "external_id" {
  type        = string
  description = "sts:ExternalId shared by the scanner and the read-only roles (at least 16 characters; keep it out of version control)."
  sensitive   = true
}

variable "gcp_project_id" {
  type        = string
  description = "GCP project for the workload identity pool and the reader service account."
}

variable "gcp_projects" {
  type        = list(string)
  description = "GCP projects to scan."
}

variable "gcp_watched_service_account" {
  type        = string
  description = "The autoscaler's GCP service account email."
}

variable "azure_subscription_ids" {
  type        = list(string)
  description = "Azure subscriptions to scan."
}

variable "azure_workspace_resource_ids" {
  type        = list(string)
  description = "Log Analytics workspaces that receive the subscriptions' Activity Log (resource ids)."
}

variable "azure_workspace_ids" {
  type        = list(string)
  description = "The same workspaces' workspace (customer) ids, GUIDs, which the Logs Query API takes."
}

variable "azure_watched_object_id" {
  type        = string
  description = "Object id of the autoscaler's service principal in Azure."
}

variable "alarm_topic_arn" {
  type        = string
  description = "Optional SNS topic notified by the alarms."
  default     = null
}
