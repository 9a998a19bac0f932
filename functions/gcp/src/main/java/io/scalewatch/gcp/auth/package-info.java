/**
 * Google credentials for a scanner running outside GCP: workload identity federation (external account, e.g.
 * from AWS) or a service-account key kept in a secret store.
 */
package io.scalewatch.gcp.auth;
