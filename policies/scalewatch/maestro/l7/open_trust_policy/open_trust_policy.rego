# METADATA
# title: Agent identity can be assumed or impersonated too widely
# description: >-
#   Whoever the trust policy admits holds the agent's permissions. A wildcard principal, another account
#   admitted without an sts:ExternalId condition (the confused deputy a vendor integration must close),
#   or a federated principal without conditions (any token from that issuer) lets parties other than the
#   vendor become the agent. Conditions are read for what they enforce: an sts:ExternalId under a negative
#   operator, IfExists or a bare "*" value does not count, and an OIDC provider (IRSA, GitHub Actions)
#   must pin the token's subject (open_trust.oidc_subject_keys, e.g. <issuer>:sub), not only its
#   audience. On GCP the same holds for members outside the service account's project
#   (users, groups, domains, external identities, other projects' service accounts, allUsers) that hold
#   serviceAccountTokenCreator, serviceAccountKeyAdmin or serviceAccountUser on it (open_trust
#   settings list the roles and the Google service agents that are trusted). One finding per identity,
#   naming every principal admitted too widely.
# scope: package
# custom:
#   id: SW-L7-006
#   layer: L7
#   severity: HIGH
#   cvss_base: 8.1
#   kind: posture
#   clouds: [aws, gcp]
#   attack: [T1199, T1078.004, T1098]
#   stratus: [gcp.privilege-escalation.impersonate-service-accounts]
#   remediation: >-
#     AWS: name the vendor's account or role as the only principal and require sts:ExternalId (and, for
#     federation, aud and sub conditions on the OIDC provider). GCP: remove the token creator, key admin
#     and service account user bindings on the agent's service account for everyone but the workloads
#     that run it (gcloud iam service-accounts remove-iam-policy-binding).
package scalewatch.maestro.l7.open_trust_policy

import rego.v1

import data.scalewatch.lib.conditions
import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.principal

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, sources) if {
	some p in input.posture
	issues := [issue |
		some statement in object.get(p, "trust", [])
		statement.effect == "Allow"
		some member in statement.principals
		reason := _reason(p, statement, member)
		issue := {"text": concat("", [member, " (", reason, ")"]), "source": statement.source}
	]
	count(issues) > 0
	sources := {issue.source | some issue in issues}
	detail := concat("; ", sort({issue.text | some issue in issues}))
}

_reason(p, statement, member) := "any principal" if {
	p.cloud == "aws"
	statement.effect == "Allow"
	member in {"*", "AWS:*"}
} else := "another account without sts:ExternalId" if {
	p.cloud == "aws"
	_other_account(p, member)
	not "sts:externalid" in conditions.keys(statement)
} else := "another account, sts:ExternalId not enforced" if {
	p.cloud == "aws"
	_other_account(p, member)
	not conditions.allowed_values(statement, "sts:ExternalId")
} else := "federated principal without conditions" if {
	p.cloud == "aws"
	startswith(member, "Federated:")
	count(object.get(statement, "conditions", {})) == 0
} else := "OIDC provider without a sub condition (any workload of the issuer)" if {
	p.cloud == "aws"
	startswith(member, "Federated:")
	_is_oidc(member)
	not conditions.restricts_any(statement, config.settings.open_trust.oidc_subject_keys)
} else := concat("", ["outside the project, holds ", concat(", ", roles)]) if {
	p.cloud == "gcp"
	roles := _impersonation_roles(statement)
	count(roles) > 0
	not _inside(p, member)
}

_other_account(p, member) if {
	startswith(member, "AWS:")
	principal.arn_account(trim_prefix(member, "AWS:")) != p.account
}

# IAM OIDC providers are named oidc-provider/<issuer>; SAML providers (saml-provider/...) and Cognito
# carry other keys, so only OIDC must pin the subject.
_is_oidc(member) if contains(member, ":oidc-provider/")

_impersonation_roles(statement) := sort({action |
	some action in statement.actions
	some role in config.settings.open_trust.gcp_impersonation_roles
	lower(action) == lower(role)
})

# A member inside the project is one of its own service accounts, or a trusted Google service agent.
_inside(p, member) if {
	startswith(member, "serviceAccount:")
	principal.sa_project(trim_prefix(member, "serviceAccount:")) == _project(p)
}

_inside(_, member) if {
	some pattern in config.settings.open_trust.trusted_members
	glob.match(pattern, ["\n"], member)
}

_project(p) := principal.sa_project(p.identity) if {
	principal.sa_project(p.identity)
} else := p.account
