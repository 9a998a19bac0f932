/**
 * Cloud-neutral side of the organization fan-out: a scan function fed by an SQS queue runs each record's body
 * as one invocation and answers with SQS's partial batch response ({@link io.scalewatch.core.dispatch.QueuedScans}).
 */
package io.scalewatch.core.dispatch;
