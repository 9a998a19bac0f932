/**
 * GCP live scanning: the Cloud Logging audit collector ({@code collect}), the IAM posture collector over the
 * Resource Manager and IAM REST APIs ({@code posture}) and credentials for both ({@code auth}). Parsing and
 * judging stay in scalewatch-core: these classes only do I/O and hand API answers to core's normalizer and
 * posture reader.
 */
package io.scalewatch.gcp;
