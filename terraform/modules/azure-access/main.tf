data "azuread_client_config" "current" {}
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

data "aws_iam_session_context" "current" {
  arn = data.aws_caller_identity.current.arn
}

locals {
  graph_app_id           = "00000003-0000-0000-c000-000000000000"
  application_read_all   = "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30"
  tags                   = merge({ "scalewatch:component" = "azure-access" }, var.tags)
  account_root_principal = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
}

resource "azuread_application" "this" {
  display_name = var.display_name
  owners       = [data.azuread_client_config.current.object_id]

  dynamic "required_resource_access" {
    for_each = var.graph_read_enabled ? [1] : []
    content {
      resource_app_id = local.graph_app_id
      resource_access {
        id   = local.application_read_all
        type = "Role"
      }
    }
  }
}

resource "azuread_service_principal" "this" {
  client_id = azuread_application.this.client_id
  owners    = [data.azuread_client_config.current.object_id]
}

resource "time_rotating" "secret" {
  rotation_days = var.secret_rotation_days
}

resource "azuread_application_password" "this" {
  application_id = azuread_application.this.id
  display_name   = "scalewatch (rotated ${time_rotating.secret.id})"
  end_date       = timeadd(time_rotating.secret.rfc3339, "${var.secret_rotation_days * 2 * 24}h")
  rotate_when_changed = {
    rotation = time_rotating.secret.id
  }
}

data "azuread_service_principal" "graph" {
  count     = var.graph_read_enabled ? 1 : 0
  client_id = local.graph_app_id
}

resource "azuread_app_role_assignment" "graph_application_read" {
  count = var.graph_read_enabled ? 1 : 0

  app_role_id         = local.application_read_all
  principal_object_id = azuread_service_principal.this.object_id
  resource_object_id  = data.azuread_service_principal.graph[0].object_id
}

# Reader (*/read) also covers the logging posture: Microsoft.Insights/diagnosticSettings/read on the subscription
# and Microsoft.OperationalInsights/workspaces/read for a setting's workspace (Log Analytics Reader has it too).
resource "azurerm_role_assignment" "reader" {
  for_each = toset(var.subscription_ids)

  scope                = "/subscriptions/${each.value}"
  role_definition_name = "Reader"
  principal_id         = azuread_service_principal.this.object_id
  principal_type       = "ServicePrincipal"
  description          = "scalewatch reads role assignments, definitions and diagnostic settings"
}

resource "azurerm_role_assignment" "log_analytics_reader" {
  for_each = toset(var.workspace_resource_ids)

  scope                = each.value
  role_definition_name = "Log Analytics Reader"
  principal_id         = azuread_service_principal.this.object_id
  principal_type       = "ServicePrincipal"
  description          = "scalewatch queries the AzureActivity table"
}

# The client secret goes to AWS Secrets Manager for the Azure scan function, encrypted with its own key.
resource "aws_kms_key" "secret" {
  description             = "scalewatch: Azure client secret"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.secret_key.json
  tags                    = local.tags
}

data "aws_iam_policy_document" "secret_key" {
  #checkov:skip=CKV_AWS_109:a key policy's resource is always the key itself; the account root delegation lets IAM policies decide
  #checkov:skip=CKV_AWS_111:a key policy's resource is always the key itself; the account root delegation lets IAM policies decide
  #checkov:skip=CKV_AWS_356:a key policy's resource is always the key itself ("*" means this key)
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = [local.account_root_principal]
    }
  }
}

resource "aws_secretsmanager_secret" "this" {
  #checkov:skip=CKV2_AWS_57:Secrets Manager cannot rotate an Entra ID client secret; Terraform rotates it (time_rotating, secret_rotation_days)
  name                    = var.secret_name
  description             = "scalewatch: client secret of the Azure app registration ${var.display_name}"
  kms_key_id              = aws_kms_key.secret.arn
  recovery_window_in_days = 7
  tags                    = local.tags
}

resource "aws_secretsmanager_secret_version" "this" {
  secret_id     = aws_secretsmanager_secret.this.id
  secret_string = azuread_application_password.this.value
}

resource "aws_secretsmanager_secret_policy" "this" {
  secret_arn = aws_secretsmanager_secret.this.arn
  policy     = data.aws_iam_policy_document.secret.json
}

# Only the scanner's role may read the value (and whoever applies this, as Terraform reads the version back);
# everyone else in the account is refused even with an IAM grant.
data "aws_iam_policy_document" "secret" {
  statement {
    sid       = "OnlyTheScannerReads"
    effect    = "Deny"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "aws:PrincipalArn"
      values   = [var.scanner_role_arn, data.aws_iam_session_context.current.issuer_arn]
    }
  }
}
