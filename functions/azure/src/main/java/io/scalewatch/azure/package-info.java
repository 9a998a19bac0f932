/**
 * Azure live scanning (planned, issue "GCP and Azure live scanning"): Azure Monitor Logs and role-assignment
 * collectors and the Lambda handler. Offline Azure parsing (Activity Log records, role assignment files)
 * lives in scalewatch-core.
 */
package io.scalewatch.azure;
