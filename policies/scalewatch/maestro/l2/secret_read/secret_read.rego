# METADATA
# title: Agent read secret values
# description: >-
#   An autoscaler reads instance, node and price data; it never needs the plaintext of Secrets Manager
#   secrets, SecureString parameters, Secret Manager versions, Kubernetes Secrets, Key Vault secrets,
#   storage account keys or AKS admin credentials. A read from it is credential harvesting with a
#   privileged identity. Fires per secret read successfully (or with unknown outcome); KMS Decrypt counts
#   only when it is the agent's own call, not a service decrypting for it while launching encrypted
#   nodes, SSM reads only with decryption, and public parameters (/aws/service/..., which Karpenter reads
#   for AMI ids) and settings secret_read.ignored_name_patterns are skipped.
# scope: package
# custom:
#   id: SW-L2-001
#   layer: L2
#   severity: HIGH
#   cvss_base: 7.5
#   kind: event
#   clouds: [aws, gcp, azure]
#   attack: [T1555.006, T1552.007]
#   stratus:
#     - aws.credential-access.secretsmanager-retrieve-secrets
#     - aws.credential-access.secretsmanager-batch-retrieve-secrets
#     - aws.credential-access.ssm-retrieve-securestring-parameters
#     - gcp.credential-access.secretmanager-retrieve-secrets
#     - k8s.credential-access.dump-secrets
#     - aws.credential-access.ec2-get-password-data
#   remediation: >-
#     Rotate every secret named in the findings. Then remove secretsmanager:GetSecretValue,
#     ssm:GetParameter* on non-public parameters and kms:Decrypt on application keys (AWS),
#     secretmanager.versions.access and container.secrets.* via roles/container.developer (GCP; use a
#     custom role without them), Key Vault data roles, storage listKeys and AKS listClusterAdminCredential
#     (Azure) from the agent's identity.
package scalewatch.maestro.l2.secret_read

import rego.v1

import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.secrets

findings contains finding.for_event(rego.metadata.chain(), event, resource, detail) if {
	some event in events.of_class["secret.read"]
	not events.is_failure(event)
	not event.status == "in_progress"
	some name in secrets.read_names(event)
	resource := concat("/", [events.location(event), name])
	detail := concat("", ["read secret ", name, " (", event.api.action, ")"])
}
