provider "aws" {
  region = var.region
}

# One account, one region: the AWS scan function reads CloudTrail LookupEvents and the role's IAM posture with
# its own credentials every hour, writes findings to the bucket and imports them into Security Hub.
module "scanner" {
  source = "../../modules/scanner"

  artifact = {
    s3_bucket = var.artifact_bucket
    s3_key    = var.artifact_key
  }

  aws_scan = {
    identity = var.watched_role_arn
    mode     = "lookup"
  }

  schedules = {
    aws-own-account = {
      function   = "aws"
      expression = "rate(1 hour)"
      input_json = jsonencode({ regions = [var.region] })
    }
  }

  alarm_actions = compact([var.alarm_topic_arn])
}
