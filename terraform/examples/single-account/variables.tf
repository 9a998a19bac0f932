variable "region" {
  type        = string
  description = "Region the scanner runs in (and scans)."
  default     = "us-east-1"
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
  description = "The autoscaler's role to watch, e.g. arn:aws:iam::111122223333:role/castai-eks-demo."
}

variable "alarm_topic_arn" {
  type        = string
  description = "Optional SNS topic notified by the alarms."
  default     = null
}
