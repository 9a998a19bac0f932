package io.scalewatch.cli.demo;

/** The on-disk shape of a demo data file, as the real delivery path writes it. */
enum DemoFormat {
    /** CloudTrail log file as S3 delivery writes it: gzip of {@code {"Records":[...]}}. */
    CLOUDTRAIL_RECORDS,
    /** Cloud Audit Logs LogEntry objects, one per line (gzip). */
    GCP_LOG_ENTRIES,
    /** Azure Monitor diagnostic-settings export (Event Hub message body): gzip of {@code {"records":[...]}}. */
    AZURE_RECORDS,
    /** Log Analytics Query API response over the AzureActivity table: gzip of {@code {"tables":[...]}}. */
    AZURE_LOG_ANALYTICS
}
