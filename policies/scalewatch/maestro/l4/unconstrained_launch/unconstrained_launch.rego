# METADATA
# title: Nothing caps what the agent can launch
# description: >-
#   An autoscaler needs to launch instances, but it does not need every instance type in every region.
#   If the grant that lets it launch names no instance-type, region, subnet, launch-template or
#   request-tag condition (unconstrained_launch.aws_condition_keys) and covers every instance, a
#   hijacked agent can start p5.48xlarge fleets in a region nobody watches. Fires for AWS grants of a
#   launch permission on * (or every instance ARN in every region) without such a condition, unless a
#   conditional Deny or the permissions boundary caps the launch with one; for GCP, a launch permission
#   granted on a project, folder or organization without an IAM condition. Azure RBAC cannot condition
#   VM writes (the caps there are Azure Policy and quotas, outside the identity's grants), so Azure is
#   not judged here.
# scope: package
# custom:
#   id: SW-L4-010
#   layer: L4
#   severity: MEDIUM
#   cvss_base: 6.5
#   kind: posture
#   clouds: [aws, gcp]
#   attack: [T1496, T1578.002]
#   stratus: [aws.execution.ec2-launch-unusual-instances, gcp.execution.gce-launch-unusual-instances]
#   remediation: >-
#     Condition the launch grant: ec2:InstanceType (allowed families), aws:RequestedRegion, ec2:Subnet
#     or ec2:Vpc of the cluster, and aws:RequestTag for the cluster tag (as CAST AI's custom-IAM example
#     does), or cap it with an SCP / permissions boundary. On GCP, grant compute.instances.create through
#     an IAM condition on the cluster's zones and enforce machine-type and location org policies.
package scalewatch.maestro.l4.unconstrained_launch

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.posture

_cap_keys := config.settings.unconstrained_launch.aws_condition_keys

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, sources) if {
	some p in input.posture
	launch := posture.reach(p, "instance.launch")
	grants := [grant |
		some permission in launch
		some grant in posture.allowing_grants(p, permission)
		_is_unconstrained(p.cloud, grant)
	]
	count(grants) > 0
	not _is_capped(p, launch)
	sources := {grant.source | some grant in grants}
	detail := concat("", [
		"may run ", concat(", ", sort(launch)), " on any instance type and location: ",
		concat("; ", sort({concat(" on ", [concat(", ", g.actions), _scope(g)]) | some g in grants})),
	])
}

_is_unconstrained("aws", grant) if {
	_covers_every_instance(grant)
	not _has_cap(grant)
}

_is_unconstrained("gcp", grant) if {
	count(object.get(grant, "conditions", {})) == 0
	some resource in grant.resources
	_is_project_or_wider(resource)
}

_covers_every_instance(grant) if count(object.get(grant, "not_resources", [])) > 0

# An instance ARN pinned to a region caps the region, so only a wildcard region counts.
_covers_every_instance(grant) if "*" in grant.resources

# arn:<partition>:ec2:<* or empty region>:<account>:* | instance* | instance/*
_covers_every_instance(grant) if {
	some resource in grant.resources
	parts := split(lower(resource), ":")
	count(parts) == 6
	parts[0] == "arn"
	parts[2] == "ec2"
	parts[3] in {"", "*"}
	parts[5] in {"*", "instance*", "instance/*"}
}

_is_project_or_wider("*")

_is_project_or_wider(resource) if {
	parts := split(trim_prefix(resource, "//cloudresourcemanager.googleapis.com/"), "/")
	count(parts) == 2
	parts[0] in {"projects", "folders", "organizations"}
	parts[1] != ""
}

_has_cap(grant) if {
	some key in _condition_keys(grant)
	activity.matches_any(_cap_keys, key)
}

_condition_keys(grant) := {key |
	some block in object.get(grant, "conditions", {})
	is_object(block)
	some key, _ in block
}

# A conditional Deny on launching (an SCP-style guard) caps it, whatever the Allow says.
_is_capped(p, launch) if {
	some grant in array.concat(p.grants, object.get(p, ["boundary", "grants"], []))
	grant.effect == "Deny"
	some permission in launch
	posture.matches_any(grant.actions, permission)
	_has_cap(grant)
}

# So does a permissions boundary that only allows launching under a cap.
_is_capped(p, launch) if {
	allowing := [grant |
		some grant in p.boundary.grants
		grant.effect == "Allow"
		some permission in launch
		posture.matches_any(grant.actions, permission)
	]
	count(allowing) > 0
	every grant in allowing {
		_has_cap(grant)
	}
}

_scope(grant) := concat(", ", grant.resources) if {
	count(grant.resources) > 0
} else := concat("", ["all but ", concat(", ", object.get(grant, "not_resources", []))])
