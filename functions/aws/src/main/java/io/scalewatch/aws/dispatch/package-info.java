/**
 * Organization fan-out: {@link io.scalewatch.aws.dispatch.DispatchHandler}, on a schedule, enumerates the targets
 * (AWS Organizations accounts x regions, configured GCP projects and Azure subscriptions) and enqueues one SQS
 * message per target for the scan functions, which consume them through
 * {@link io.scalewatch.core.dispatch.QueuedScans}.
 */
package io.scalewatch.aws.dispatch;
