locals {
  aws_account   = regex("^arn:aws[a-z-]*:iam::([0-9]{12}):role/", var.scanner_role_arn)[0]
  aws_role_name = regex(":role/([A-Za-z0-9+=,.@_-]+)$", var.scanner_role_arn)[0]

  # Viewer roles only: logs (Admin Activity; Data Access when asked) and IAM policies, role definitions and
  # service-account keys (iam.securityReviewer: *.getIamPolicy, iam.roles.get, iam.serviceAccountKeys.list).
  # The logging posture (a policy's auditConfigs) comes in the same getIamPolicy answers: no extra permission.
  roles = concat(
    ["roles/logging.viewer", "roles/iam.securityReviewer"],
    var.data_access_enabled ? ["roles/logging.privateLogViewer"] : [],
  )
  project_bindings      = { for pair in setproduct(var.projects, local.roles) : "${pair[0]} ${pair[1]}" => { project = pair[0], role = pair[1] } }
  folder_bindings       = { for pair in setproduct(var.folders, local.roles) : "${pair[0]} ${pair[1]}" => { folder = pair[0], role = pair[1] } }
  organization_bindings = { for pair in setproduct(var.organizations, local.roles) : "${pair[0]} ${pair[1]}" => { org_id = trimprefix(pair[0], "organizations/"), role = pair[1] } }
  apis                  = var.enable_apis ? toset(["iam.googleapis.com", "iamcredentials.googleapis.com", "sts.googleapis.com", "logging.googleapis.com", "cloudresourcemanager.googleapis.com"]) : toset([])
}

resource "google_project_service" "this" {
  for_each = local.apis

  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}

resource "google_iam_workload_identity_pool" "aws" {
  project                   = var.project_id
  workload_identity_pool_id = var.pool_id
  display_name              = "scalewatch (AWS)"
  description               = "Federates scalewatch's GCP scan function (an AWS Lambda role) without a key."
  depends_on                = [google_project_service.this]
}

resource "google_iam_workload_identity_pool_provider" "aws" {
  #checkov:skip=CKV_GCP_125:a GitHub Actions OIDC check; this is an AWS provider, limited by account and role in attribute_condition
  project                            = var.project_id
  workload_identity_pool_id          = google_iam_workload_identity_pool.aws.workload_identity_pool_id
  workload_identity_pool_provider_id = "aws-${local.aws_account}"
  display_name                       = "AWS ${local.aws_account}"
  attribute_mapping = {
    "google.subject"     = "assertion.arn"
    "attribute.aws_role" = "assertion.arn.extract('assumed-role/{role}/')"
  }
  # Only sessions of the scanner's role in the scanner's account are accepted at all.
  attribute_condition = "assertion.account == '${local.aws_account}' && assertion.arn.startsWith('arn:aws:sts::${local.aws_account}:assumed-role/${local.aws_role_name}/')"
  aws {
    account_id = local.aws_account
  }
}

resource "google_service_account" "reader" {
  project      = var.project_id
  account_id   = var.service_account_id
  display_name = "scalewatch reader"
  description  = "Reads the watched service account's audit logs and IAM posture for scalewatch. No keys."
}

resource "google_service_account_iam_member" "federated" {
  service_account_id = google_service_account.reader.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.aws.name}/attribute.aws_role/${local.aws_role_name}"
}

resource "google_project_iam_member" "reader" {
  for_each = local.project_bindings

  project = each.value.project
  role    = each.value.role
  member  = "serviceAccount:${google_service_account.reader.email}"
}

resource "google_folder_iam_member" "reader" {
  for_each = local.folder_bindings

  folder = each.value.folder
  role   = each.value.role
  member = "serviceAccount:${google_service_account.reader.email}"
}

resource "google_organization_iam_member" "reader" {
  for_each = local.organization_bindings

  org_id = each.value.org_id
  role   = each.value.role
  member = "serviceAccount:${google_service_account.reader.email}"
}
