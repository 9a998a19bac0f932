/**
 * Azure live scanning: the AzureActivity collector over Azure Monitor Logs ({@code collect}), the role-assignment
 * posture collector over ARM and Microsoft Graph ({@code posture}), and credentials from an injected secret
 * supplier ({@code auth}). Shared here: retry waits, the sleeper and safe error text. Parsing and judging stay in
 * scalewatch-core; this module only does I/O and maps API shapes onto core's contracts (docs/azure.md).
 */
package io.scalewatch.azure;
