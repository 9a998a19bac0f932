# expect-invalid: artifact memory_mb timeout_seconds log_retention_days findings_prefix object_lock schedules organization_fanout suppressions_json suppression_max_days
artifact             = { s3_bucket = "my-artifacts", s3_key = "scalewatch/scalewatch-lambda.zip" }
memory_mb            = 128
timeout_seconds      = 60
log_retention_days   = 42
findings_prefix      = "scale/watch"
object_lock          = { mode = "LEGAL_HOLD", days = 1 }
schedules            = { "bad key" = { function = "k8s", expression = "every hour" } }
organization_fanout  = { schedule_expression = "rate(6 hours)", regions = ["us-east-1"], maximum_concurrency = 1 }
suppressions_json    = "[]"
suppression_max_days = 0
