# METADATA
# title: Agent can run code on machines it did not launch
# description: >-
#   Replacing nodes does not need a shell on them. Permissions that push code or keys onto running
#   machines (ssm:SendCommand / StartSession; GCP compute.instances.setMetadata and
#   setCommonInstanceMetadata, which carry startup scripts and ssh-keys; Azure runCommand/action and
#   extensions/write, which Microsoft.Compute/virtualMachines/* includes) turn a compromised agent into
#   code execution on every machine in reach, not only the cluster's nodes. Fires when such a permission is
#   granted wider than the cluster: AWS on every instance without a resource-tag condition
#   (run_command_reach.aws_narrowing_condition_keys); GCP on a project, folder or organization without an
#   IAM condition on resource names; Azure at subscription or management-group scope (a resource-group
#   assignment, such as CAST AI's on the node resource group, stays within the cluster's groups). The
#   detail names the wildcard a permission came through.
# scope: package
# custom:
#   id: SW-L4-013
#   layer: L4
#   severity: MEDIUM
#   cvss_base: 7.2
#   kind: posture
#   clouds: [aws, gcp, azure]
#   attack: [T1651, T1059, T1098.004]
#   stratus: [aws.execution.ssm-send-command, aws.execution.ssm-start-session]
#   remediation: >-
#     AWS: drop ssm:SendCommand / StartSession from the agent or condition them on the cluster tag
#     (ssm:resourceTag/kubernetes.io/cluster/<name>). GCP: grant compute.instances.setMetadata through
#     an IAM condition on the node name prefix (resource.name.startsWith(".../instances/gke-<cluster>"))
#     and never setCommonInstanceMetadata. Azure: assign the role on the cluster's node resource group
#     only, and list VM actions explicitly instead of Microsoft.Compute/virtualMachines/*.
package scalewatch.maestro.l4.run_command_reach

import rego.v1

import data.scalewatch.lib.conditions
import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.posture

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, sources) if {
	some p in input.posture
	wide := [[permission, grant] |
		some permission in posture.reach(p, "vm.run_command")
		some grant in posture.allowing_grants(p, permission)
		_is_wide(p.cloud, grant)
	]
	count(wide) > 0
	sources := {object.get(grant, "source", "unknown source") | some [_, grant] in wide}
	texts := {_describe(permission, grant) | some [permission, grant] in wide}
	detail := concat("", ["may run code on machines beyond the cluster: ", concat("; ", sort(texts))])
}

_is_wide("aws", grant) if {
	not conditions.restricts_any(grant, config.settings.run_command_reach.aws_narrowing_condition_keys)
	some resource in _resources(grant)
	_every_instance(resource)
}

_is_wide("gcp", grant) if {
	not conditions.gcp_narrows_resources(grant)
	some resource in _resources(grant)
	_project_or_wider(resource)
}

_is_wide("azure", grant) if {
	some resource in _resources(grant)
	_subscription_or_wider(lower(resource))
}

# A grant without resources (or with NotResource) reaches everything it does not exclude.
_resources(grant) := grant.resources if count(object.get(grant, "resources", [])) > 0

else := ["*"]

_every_instance("*")

_every_instance(resource) if endswith(resource, ":instance/*")

_every_instance(resource) if endswith(resource, ":*")

_project_or_wider("*")

_project_or_wider(resource) if {
	parts := split(trim_prefix(resource, "//cloudresourcemanager.googleapis.com/"), "/")
	count(parts) == 2
	parts[0] in {"projects", "folders", "organizations"}
}

_subscription_or_wider("/")

_subscription_or_wider("*")

_subscription_or_wider(resource) if {
	parts := split(trim_suffix(resource, "/"), "/")
	count(parts) == 3
	parts[1] == "subscriptions"
}

_subscription_or_wider(resource) if startswith(resource, "/providers/microsoft.management/managementgroups/")

_describe(permission, grant) := concat("", [
	permission, _through(permission, grant),
	" on ", concat(", ", _resources(grant)),
])

# The pattern that granted the permission, when it is not the permission itself.
_through(permission, grant) := concat("", [" (through ", concat(", ", sort(patterns)), ")"]) if {
	patterns := {pattern |
		some pattern in object.get(grant, "actions", [])
		lower(pattern) != lower(permission)
		posture.matches_any([pattern], permission)
	}
	count(patterns) > 0
	not _named(grant, permission)
} else := ""

_named(grant, permission) if {
	some action in object.get(grant, "actions", [])
	lower(action) == lower(permission)
}
