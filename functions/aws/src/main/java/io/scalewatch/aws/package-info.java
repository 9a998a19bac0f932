/**
 * AWS live scanning (planned, issue "AWS live scanning"): CloudTrail LookupEvents / S3 / Lake collectors,
 * IAM posture collector, S3 and Security Hub sinks, S3 checkpoints and the Lambda handler. Offline AWS
 * parsing (CloudTrail records, IAM authorization details) lives in scalewatch-core.
 */
package io.scalewatch.aws;
