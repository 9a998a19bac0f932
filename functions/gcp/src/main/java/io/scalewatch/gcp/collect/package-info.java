/**
 * Cloud Audit Logs of the watched service account, read from Cloud Logging ({@code entries.list} over gRPC)
 * one window at a time, with retries, deadline-aware stops and honest coverage.
 */
package io.scalewatch.gcp.collect;
