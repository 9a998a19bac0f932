/**
 * Where an AWS run's report goes: S3 (findings, summaries, quarantine; {@link io.scalewatch.aws.sink.S3Layout})
 * and AWS Security Hub (ASFF). Sinks retry with the SDK's strategies ({@link io.scalewatch.aws.sink.SinkRetry})
 * and fail with {@link io.scalewatch.aws.sink.SinkException}.
 */
package io.scalewatch.aws.sink;
