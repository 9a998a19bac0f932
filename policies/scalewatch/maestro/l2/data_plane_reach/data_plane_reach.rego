# METADATA
# title: Agent identity may read secrets or rewrite billing data
# description: >-
#   An autoscaler needs read access to instance, price and usage data and nothing more on the data
#   plane. Grants that let it read secret values (Secrets Manager, SecureString parameters, KMS decrypt,
#   Secret Manager, Kubernetes Secrets, Key Vault, storage keys, AKS admin credentials) or redefine
#   billing exports make a compromised agent a credential harvester and a way to poison its own cost
#   input. Note that GKE's roles/container.developer, which agent onboarding commonly grants, includes
#   container.secrets.get and list. Reports the permissions (classes secret.read and billing_data.write)
#   with the grants behind them.
# scope: package
# custom:
#   id: SW-L2-006
#   layer: L2
#   severity: MEDIUM
#   cvss_base: 6.5
#   kind: posture
#   clouds: [aws, gcp, azure]
#   attack: [T1555.006, T1552.007, T1565.001]
#   stratus: [aws.credential-access.secretsmanager-retrieve-secrets, k8s.credential-access.dump-secrets]
#   remediation: >-
#     Remove secret read and billing export write permissions from the agent: no secretsmanager:Get*,
#     ssm:GetParameter* beyond /aws/service/*, kms:Decrypt on application keys, cur:/bcm-data-exports:
#     writes (AWS); replace roles/container.developer with a custom role without container.secrets.* and
#     drop secretmanager.versions.access and bigquery write on the billing dataset (GCP); no Key Vault
#     secret data roles, listKeys or listClusterAdminCredential, no Cost Management export writes (Azure).
package scalewatch.maestro.l2.data_plane_reach

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.posture

findings contains f if {
	some p in input.posture
	secret_grants := _secret_grants(p)
	secret_reach := object.keys(secret_grants)
	billing_reach := posture.reach(p, "billing_data.write")
	count(secret_reach | billing_reach) > 0
	detail := concat("; ", [part |
		some label, reach in {"may read secrets: ": secret_reach, "may write billing data: ": billing_reach}
		count(reach) > 0
		part := concat("", [label, concat(", ", sort(reach))])
	])
	sources := {source | some sources in secret_grants; some source in sources} | posture.sources(p, billing_reach)
	f := finding.for_posture(rego.metadata.chain(), p, p.identity, detail, sources)
}

# Secret-read permissions with the sources of the grants that allow them beyond public parameters
# (Karpenter reads AMI ids from arn:aws:ssm:*::parameter/aws/service/*; settings
# secret_read.ignored_name_patterns).
_secret_grants(p) := {permission: sources |
	some permission in posture.reach(p, "secret.read")
	sources := {grant.source |
		some grant in posture.allowing_grants(p, permission)
		not _only_ignored_resources(grant)
	}
	count(sources) > 0
}

_only_ignored_resources(grant) if {
	count(grant.resources) > 0
	every resource in grant.resources {
		some pattern in config.settings.secret_read.ignored_name_patterns
		glob.match(pattern, ["\n"], resource)
	}
}
