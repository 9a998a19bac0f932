/**
 * GCP live scanning (planned, issue "GCP and Azure live scanning"): Cloud Logging and IAM collectors and
 * the Lambda handler. Offline GCP parsing (LogEntry / AuditLog, IAM policy files) lives in scalewatch-core.
 */
package io.scalewatch.gcp;
