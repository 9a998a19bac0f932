/**
 * The watched service account's IAM posture: getIamPolicy of projects, folders, organizations and the account
 * itself, role definitions and user-managed keys, over REST, mapped by core's GcpPostureReader.
 */
package io.scalewatch.gcp.posture;
