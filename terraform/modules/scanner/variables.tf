variable "name_prefix" {
  type        = string
  description = "Prefix of every resource name (functions, roles, queues, bucket, schedules)."
  default     = "scalewatch"
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,22}$", var.name_prefix))
    error_message = "name_prefix must be 2-23 characters of a-z, 0-9 and -, starting with a letter (function and role names derive from it)."
  }
}

variable "artifact" {
  type = object({
    s3_bucket         = string
    s3_key            = string
    s3_object_version = optional(string)
  })
  description = "Where the Lambda jar (functions/lambda/target/scalewatch-lambda.jar, one jar for every function) was uploaded. Jars over 50 MB must come from S3."
  validation {
    condition     = length(var.artifact.s3_bucket) > 2 && endswith(var.artifact.s3_key, ".jar")
    error_message = "artifact.s3_bucket must be a bucket name and artifact.s3_key must end in .jar."
  }
}

variable "runtime" {
  type        = string
  description = "Lambda runtime of every function. The code is compiled for Java 17 and runs on both."
  default     = "java21"
  validation {
    condition     = contains(["java17", "java21"], var.runtime)
    error_message = "runtime must be java17 or java21."
  }
}

variable "snap_start_enabled" {
  type        = bool
  description = "Turn on Lambda SnapStart for published versions: the compiled policy engine is restored from a snapshot instead of compiled on every cold start. Schedules and queues always invoke the live alias, so the setting takes effect without other changes."
  default     = false
}

variable "memory_mb" {
  type        = number
  description = "Memory of each scan function in MB (CPU grows with it; the Wasm policy engine and chunked evaluation like 2048 or more)."
  default     = 2048
  validation {
    condition     = var.memory_mb >= 512 && var.memory_mb <= 10240
    error_message = "memory_mb must be within 512..10240."
  }
}

variable "timeout_seconds" {
  type        = number
  description = "Timeout of each scan function in seconds. A run near the deadline stops collecting and checkpoints where it stopped (deadlineReserve, 60 s, is kept for publishing)."
  default     = 900
  validation {
    condition     = var.timeout_seconds >= 120 && var.timeout_seconds <= 900
    error_message = "timeout_seconds must be within 120..900 (the scan keeps 60 s in reserve; Lambda allows at most 900)."
  }
}

variable "reserved_concurrency" {
  type        = number
  description = "Reserved concurrency of each scan function. With schedules invoking a function directly, 1 (the default) serializes its runs, so two runs for one target never overlap (a throttled asynchronous invocation is retried by Lambda). With organization fan-out the queues are FIFO with one message group per target, and this must be at least organization_fanout.maximum_concurrency."
  default     = 1
  validation {
    condition     = var.reserved_concurrency >= 1 && var.reserved_concurrency <= 100
    error_message = "reserved_concurrency must be within 1..100."
  }
}

variable "log_retention_days" {
  type        = number
  description = "Retention of the functions' CloudWatch log groups, in days."
  default     = 365
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a value CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)."
  }
}

variable "findings_bucket_name" {
  type        = string
  description = "Name of the findings bucket to create. Default: <name_prefix>-findings-<account>-<region>."
  default     = null
  validation {
    condition     = var.findings_bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.findings_bucket_name))
    error_message = "findings_bucket_name must be a valid S3 bucket name (3-63 characters of a-z, 0-9, . and -)."
  }
}

variable "findings_prefix" {
  type        = string
  description = "Key prefix of everything scalewatch writes in the findings bucket (findings/, summaries/, quarantine/, state/). The execution roles may write only below it."
  default     = "scalewatch"
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._-]{0,62}$", var.findings_prefix))
    error_message = "findings_prefix must be 1-63 characters of a-z, 0-9, ., _ and -, without slashes."
  }
}

variable "findings_lifecycle" {
  type = object({
    transition_to_ia_days      = optional(number, 90)
    expiration_days            = optional(number, 0)
    noncurrent_expiration_days = optional(number, 90)
  })
  description = "Lifecycle of the findings bucket: move objects to STANDARD_IA after transition_to_ia_days, expire them after expiration_days (0: keep), remove noncurrent versions after noncurrent_expiration_days."
  default     = {}
  validation {
    condition     = var.findings_lifecycle.transition_to_ia_days >= 30 && var.findings_lifecycle.noncurrent_expiration_days >= 1 && (var.findings_lifecycle.expiration_days == 0 || var.findings_lifecycle.expiration_days > var.findings_lifecycle.transition_to_ia_days)
    error_message = "findings_lifecycle: transition_to_ia_days must be at least 30 (an S3 minimum), noncurrent_expiration_days at least 1, and expiration_days 0 or later than the transition."
  }
}

variable "object_lock" {
  type = object({
    mode = string
    days = number
  })
  description = "Optional S3 Object Lock default retention of the findings bucket (WORM evidence). null: no Object Lock. Only findings, summaries and quarantine are never overwritten; latest.json and checkpoints are replaced, which Object Lock keeps as versions."
  default     = null
  validation {
    condition     = var.object_lock == null || (contains(["GOVERNANCE", "COMPLIANCE"], try(var.object_lock.mode, "")) && try(var.object_lock.days, 0) >= 1)
    error_message = "object_lock.mode must be GOVERNANCE or COMPLIANCE and object_lock.days at least 1."
  }
}

variable "security_hub_enabled" {
  type        = bool
  description = "Import findings into AWS Security Hub (default product of this account and region). Security Hub must be enabled in the account; the module does not enable it."
  default     = true
}

variable "aws_scan" {
  type = object({
    identity             = string
    accounts             = optional(list(string), [])
    regions              = optional(list(string), [])
    mode                 = optional(string, "lookup")
    trail_bucket         = optional(string)
    trail_prefix         = optional(string)
    trail_bucket_region  = optional(string)
    trail_kms_key_arn    = optional(string)
    organization_id      = optional(string)
    event_data_store_arn = optional(string)
    read_role_name       = optional(string)
    external_id          = optional(string)
    profile              = optional(string, "castai")
    settings_json        = optional(string)
  })
  description = "The AWS scan function's defaults (docs/aws.md, Config). null: no AWS function. accounts/regions empty: the function's own account/region. Other accounts are read through read_role_name (module aws-target-access) with external_id."
  default     = null
  validation {
    condition = var.aws_scan == null ? true : (
      can(regex("^(arn:aws[a-z-]*:(iam|sts)::[0-9]{12}:.+|(AKIA|ASIA)[A-Z0-9]{16})$", var.aws_scan.identity)) &&
      contains(["lookup", "s3", "lake"], var.aws_scan.mode) &&
      alltrue([for a in var.aws_scan.accounts : can(regex("^[0-9]{12}$", a))]) &&
      alltrue([for r in var.aws_scan.regions : can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", r))]) &&
      (var.aws_scan.mode != "s3" || var.aws_scan.trail_bucket != null) &&
      (var.aws_scan.mode != "lake" || can(regex("^arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:[0-9]{12}:eventdatastore/.+$", var.aws_scan.event_data_store_arn))) &&
      ((var.aws_scan.read_role_name == null) == (var.aws_scan.external_id == null)) &&
      (var.aws_scan.settings_json == null || can(jsondecode(var.aws_scan.settings_json)))
    )
    error_message = "aws_scan: identity must be a role/user ARN or an access key id; mode lookup, s3 (with trail_bucket) or lake (with event_data_store_arn); accounts 12 digits; regions region names; read_role_name and external_id set together; settings_json a JSON object."
  }
}

variable "gcp_scan" {
  type = object({
    identity               = string
    projects               = list(string)
    folders                = optional(list(string), [])
    organizations          = optional(list(string), [])
    data_access            = optional(bool, false)
    credential_config_json = optional(string)
    credential_secret_arn  = optional(string)
    credential_secret_kms  = optional(string)
    profile                = optional(string, "castai")
    settings_json          = optional(string)
  })
  description = "The GCP scan function's defaults (docs/gcp.md). null: no GCP function. identity is the watched service account's email; credentials come from credential_config_json (workload identity federation, output of module gcp-access) or, as a fallback, a service-account key in credential_secret_arn."
  default     = null
  validation {
    condition = var.gcp_scan == null ? true : (
      can(regex("^[a-z0-9._+-]+@[a-z0-9.-]+$", var.gcp_scan.identity)) &&
      length(var.gcp_scan.projects) > 0 &&
      alltrue([for p in var.gcp_scan.projects : can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", p))]) &&
      alltrue([for f in var.gcp_scan.folders : can(regex("^folders/[0-9]+$", f))]) &&
      alltrue([for o in var.gcp_scan.organizations : can(regex("^organizations/[0-9]+$", o))]) &&
      ((var.gcp_scan.credential_config_json == null) != (var.gcp_scan.credential_secret_arn == null))
    )
    error_message = "gcp_scan: identity must be a service-account email; projects non-empty project ids; folders folders/<n>; organizations organizations/<n>; exactly one of credential_config_json and credential_secret_arn."
  }
}

variable "azure_scan" {
  type = object({
    tenant_id        = string
    client_id        = string
    secret_arn       = string
    secret_kms_key   = optional(string)
    workspace_ids    = list(string)
    subscription_ids = list(string)
    object_id        = string
    app_id           = optional(string)
    graph_enabled    = optional(bool, false)
    profile          = optional(string, "castai")
    settings_json    = optional(string)
  })
  description = "The Azure scan function's defaults (docs/azure.md). null: no Azure function. tenant_id/client_id/secret_arn are scalewatch's own app registration (module azure-access); object_id (and app_id) name the watched service principal; graph_enabled reads its credentials from Microsoft Graph (azure-access graph_read_enabled must grant Application.Read.All)."
  default     = null
  validation {
    condition = var.azure_scan == null ? true : (
      alltrue([for g in concat([var.azure_scan.tenant_id, var.azure_scan.client_id, var.azure_scan.object_id], var.azure_scan.workspace_ids, var.azure_scan.subscription_ids, compact([var.azure_scan.app_id])) : can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", g))]) &&
      length(var.azure_scan.workspace_ids) > 0 &&
      can(regex("^arn:aws[a-z-]*:secretsmanager:", var.azure_scan.secret_arn))
    )
    error_message = "azure_scan: tenant, client, object, app, workspace and subscription ids must be lowercase GUIDs; at least one workspace; secret_arn a Secrets Manager ARN."
  }
}

variable "schedules" {
  type = map(object({
    function   = string
    expression = string
    input_json = optional(string, "{}")
    timezone   = optional(string, "UTC")
    enabled    = optional(bool, true)
  }))
  description = "EventBridge Scheduler schedules, one per target, each invoking a scan function (aws, gcp or azure) with input_json as the event: config fields that override the function's environment (e.g. {\"accounts\": [\"111122223333\"], \"regions\": [\"us-east-1\"]})."
  default     = {}
  validation {
    condition = alltrue([for k, s in var.schedules :
      contains(["aws", "gcp", "azure"], s.function) &&
      can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\)|at\\(.+\\))$", s.expression)) &&
      can(jsondecode(s.input_json)) &&
      can(regex("^[a-zA-Z0-9_-]{1,40}$", k))
    ])
    error_message = "schedules: function must be aws, gcp or azure; expression rate(...), cron(...) or at(...); input_json valid JSON; keys 1-40 of a-z, A-Z, 0-9, _ and -."
  }
}

variable "organization_fanout" {
  type = object({
    schedule_expression  = string
    timezone             = optional(string, "UTC")
    regions              = list(string)
    accounts             = optional(list(string), [])
    include_ous          = optional(list(string), [])
    exclude_ous          = optional(list(string), [])
    exclude_accounts     = optional(list(string), [])
    maximum_concurrency  = optional(number, 5)
    max_receive_count    = optional(number, 3)
    batch_size           = optional(number, 1)
    dispatcher_memory_mb = optional(number, 512)
    dispatcher_timeout   = optional(number, 120)
  })
  description = "Organization fan-out: a scheduled dispatcher sends one message per target to a per-cloud FIFO queue (message group = target, so one target's runs never overlap); each queue triggers its scan function with at most maximum_concurrency concurrent runs; a message failing max_receive_count times moves to the queue's dead-letter queue. null: no fan-out."
  default     = null
  validation {
    condition = var.organization_fanout == null ? true : (
      can(regex("^(rate|cron)\\(.+\\)$", try(var.organization_fanout.schedule_expression, ""))) &&
      length(try(var.organization_fanout.regions, [])) > 0 &&
      try(var.organization_fanout.maximum_concurrency >= 2 && var.organization_fanout.maximum_concurrency <= 1000, false) &&
      try(var.organization_fanout.max_receive_count >= 1 && var.organization_fanout.max_receive_count <= 1000, false) &&
      try(var.organization_fanout.batch_size >= 1 && var.organization_fanout.batch_size <= 10, false) &&
      try(var.organization_fanout.dispatcher_timeout >= 30 && var.organization_fanout.dispatcher_timeout <= 900, false)
    )
    error_message = "organization_fanout: schedule_expression rate(...) or cron(...); at least one region; maximum_concurrency 2..1000 (the event source mapping's range); max_receive_count 1..1000; batch_size 1..10 (FIFO); dispatcher_timeout 30..900."
  }
}

variable "alarm_actions" {
  type        = list(string)
  description = "ARNs (e.g. SNS topics) notified when an alarm fires: function errors, throttles, dead-letter depth, failed runs."
  default     = []
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default     = {}
}

variable "suppressions_json" {
  type        = string
  description = "Optional suppression file (docs/suppressions.md): JSON with version 1 and a suppressions list, each entry with rule, owner, reason and expires. The module stores it as <findings_prefix>/config/suppressions.json (SSE-KMS) and points every scan function at it. null: no suppressions."
  default     = null
  validation {
    condition     = var.suppressions_json == null || can(tolist(jsondecode(var.suppressions_json).suppressions))
    error_message = "suppressions_json must be a JSON object with a suppressions list (see docs/suppressions.md)."
  }
}

variable "suppression_max_days" {
  type        = number
  description = "Furthest ahead a suppression may expire, in days; a file with a later expiry stops the run as invalid config, so nothing is accepted forever."
  default     = 365
  validation {
    condition     = var.suppression_max_days >= 1 && var.suppression_max_days <= 3650 && floor(var.suppression_max_days) == var.suppression_max_days
    error_message = "suppression_max_days must be a whole number within 1..3650."
  }
}
