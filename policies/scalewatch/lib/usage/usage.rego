# METADATA
# title: Used versus granted
# description: >-
#   What a call exercised, per cloud, for the identity history (seen_permission, seen_denied_action,
#   seen_passed_role) and the rules that compare it with the grants. The permission a call used is
#   api.action on AWS (ec2:RunInstances is the IAM action) and Azure (the operationName is the
#   permission); on GCP it is every granted api.permissions entry (authorizationInfo: instances.insert
#   checks compute.instances.create, compute.disks.create, iam.serviceAccounts.actAs, ...). A call is
#   refused on its error code (access_denied_codes plus usage.denied_codes / denied_code_suffixes); on
#   GCP a permission checked and not granted is denied too. Used means not refused and not still in
#   progress: a call that failed for another reason (capacity, quota) was authorized. The history is
#   input.baseline (the identity-history contract); it judges nothing until it covers the lookback.
# scope: package
# custom:
#   library: true
package scalewatch.lib.usage

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.posture

_settings := config.settings.usage

# METADATA
# title: The whole call was refused for lack of permission (its error code)
# scope: document
refused(event) if event.api.error.code in _denied_codes(event.cloud.provider)

refused(event) if {
	some suffix in object.get(_settings.denied_code_suffixes, event.cloud.provider, [])
	endswith(event.api.error.code, suffix)
}

_denied_codes(provider) := {code |
	some code in object.get(config.settings.access_denied_codes, provider, [])
} | {code |
	some code in object.get(_settings.denied_codes, provider, [])
}

# GCP: permissions checked and not granted (a call can go on after one optional check failed).
_not_granted(event) := {check.permission |
	some check in object.get(event, ["api", "permissions"], [])
	check.granted == false
}

# METADATA
# title: Permissions a call exercised successfully (its keys in seen_permission)
# description: >-
#   Empty for refused and in-progress calls. GCP: the granted api.permissions, else api.action when the
#   entry states no permission check (trimmed logs).
used_keys(event) := set() if {
	refused(event)
} else := set() if {
	event.status == "in_progress"
} else := {check.permission |
	some check in event.api.permissions
	check.granted == true
} if {
	count(object.get(event, ["api", "permissions"], [])) > 0
} else := {action(event)}

# METADATA
# title: Permissions a call was denied (its keys in seen_denied_action)
# description: >-
#   GCP: every permission checked and not granted; a refused call that names none is recorded under its
#   action, as are refused AWS and Azure calls.
denied_keys(event) := _not_granted(event) if {
	count(_not_granted(event)) > 0
} else := {action(event)} if {
	refused(event)
} else := set()

# METADATA
# title: The call's action; a call without one still counts, as its operation or unknown
action(event) := object.get(event, ["api", "action"], object.get(event, ["api", "operation"], "unknown"))

# METADATA
# title: Roles, instance profiles, service accounts or managed identities a successful call handed on
# description: >-
#   AWS: iamInstanceProfile {arn | name} anywhere in the request (RunInstances, CreateLaunchTemplate[Version],
#   AssociateIamInstanceProfile, ...) and role ARNs under usage.aws_passed_role_keys (EKS CreateNodegroup
#   nodeRole, ...), except on sts calls (AssumeRole's roleArn is not a PassRole). GCP: serviceAccounts[].email
#   (instances.insert, instance templates) and serviceAccount strings (GKE node pools). Azure: the
#   userAssignedIdentities of a write (VM / VMSS identity).
passed_roles(event) := set() if {
	event.status != "success"
} else := _passed(event)

_passed(event) := profiles | roles if {
	event.cloud.provider == "aws"
	request := object.get(event, ["api", "request"], {})
	profiles := {ref |
		walk(request, [path, value])
		count(path) > 0
		is_string(path[count(path) - 1])
		lower(path[count(path) - 1]) == "iaminstanceprofile"
		ref := _profile_ref(value)
	}
	roles := {value |
		not startswith(action(event), "sts:")
		walk(request, [path, value])
		count(path) > 0
		is_string(path[count(path) - 1])
		lower(path[count(path) - 1]) in _aws_passed_role_keys
		is_string(value)
		startswith(value, "arn:aws")
		contains(value, ":role/")
	}
}

_passed(event) := emails if {
	event.cloud.provider == "gcp"
	request := object.get(event, ["api", "request"], {})
	emails := {email |
		walk(request, [path, value])
		count(path) > 0
		_gcp_service_account_key(path[count(path) - 1])
		some email in _emails(value)
	}
}

_passed(event) := identities if {
	event.cloud.provider == "azure"
	endswith(action(event), "/write")
	request := object.get(event, ["api", "request"], {})
	identities := {identity |
		walk(request, [path, value])
		count(path) > 0
		is_string(path[count(path) - 1])
		lower(path[count(path) - 1]) == "userassignedidentities"
		is_object(value)
		some identity, _ in value
	}
}

_passed(event) := set() if {
	event.cloud.provider == "azure"
	not endswith(action(event), "/write")
}

_passed(event) := set() if not event.cloud.provider in {"aws", "gcp", "azure"}

_aws_passed_role_keys contains lower(key) if some key in _settings.aws_passed_role_keys

_gcp_service_account_key(key) if key in {"serviceAccounts", "serviceAccount"}

_emails(value) := {entry.email |
	some entry in value
	is_string(entry.email)
	contains(entry.email, "@")
} if {
	is_array(value)
}

_emails(value) := {value} if {
	is_string(value)
	contains(value, "@")
}

# An instance profile as CloudTrail writes it: {"arn": ...} or {"name": ...} (CreateLaunchTemplate: Arn / Name).
_profile_ref(value) := ref if {
	is_object(value)
	some key, ref in value
	lower(key) == "arn"
	is_string(ref)
} else := ref if {
	is_object(value)
	some key, ref in value
	lower(key) == "name"
	is_string(ref)
}

# METADATA
# title: Where an event happened as a stat value (provider|account|region, as the behaviour baseline writes it)
location(event) := concat("|", [
	event.cloud.provider, object.get(event, ["cloud", "account"], ""),
	object.get(event, ["cloud", "region"], ""),
])

# METADATA
# title: The provider|account part of a location value
account_of(location) := concat("|", array.slice(split(location, "|"), 0, 2))

# METADATA
# title: Lookback in milliseconds (usage.lookback_days)
lookback_ms := _settings.lookback_days * 86400000

# METADATA
# title: Start of the lookback (window end minus the lookback)
since_ms := input.scan.window_end_ms - lookback_ms

# METADATA
# title: The identity history covers the whole lookback, so "never used" can be said
# description: Undefined with no history (runs 0) or a history that started after the lookback began.
history_covers if {
	input.baseline.runs > 0
	input.baseline.started_ms <= since_ms
}

# METADATA
# title: Lowercased keys of a dimension seen within the lookback (history) or in this window (stats)
seen_since(dimension) := {lower(key) |
	some key, entry in object.get(input, ["baseline", "seen", dimension], {})

	# An entry without last_ms was still seen: counting it avoids claiming "never used" on a partial record.
	object.get(entry, "last_ms", since_ms) >= since_ms
} | {lower(key) |
	some key, _ in object.get(input, ["stats", concat("", ["seen_", dimension])], {})
}

# METADATA
# title: Lowercased permissions the identity used within the lookback
# description: >-
#   CloudTrail and the Activity Log do not log the PassRole / identity-assign check of a launch: a role
#   or managed identity passed within the lookback is a use of iam:PassRole / assign/action.
used_actions := (seen_since("permission") | {"iam:passrole" | count(aws_passed) > 0}) | {_azure_assign |
	some ref in seen_since("passed_role")
	startswith(ref, "/subscriptions/")
}

_azure_assign := "microsoft.managedidentity/userassignedidentities/assign/action"

# METADATA
# title: The last path segment of an ARN or name (role/path/name -> name), lowercased
name_of(ref) := lower(parts[count(parts) - 1]) if parts := split(ref, "/")

# METADATA
# title: An AWS-shaped passed reference (role or instance-profile ARN, or a bare profile name)
# scope: document
aws_ref(ref) if startswith(ref, "arn:aws")

aws_ref(ref) if {
	not contains(ref, "@")
	not contains(ref, "/")
	not contains(ref, ":")
}

# METADATA
# title: A passed reference stands for the role (role ARN or name, mapped or same-stem instance profile)
# scope: document
passes_role(ref, role_arn) if {
	contains(ref, ":role/")
	name_of(ref) == name_of(role_arn)
}

passes_role(ref, role_arn) if {
	not contains(ref, ":role/")
	object.get(_profile_roles, lower(_profile_name(ref)), "") == name_of(role_arn)
}

passes_role(ref, role_arn) if {
	not contains(ref, ":role/")
	_stem(name_of(ref)) == _stem(name_of(role_arn))
}

# METADATA
# title: An instance profile no role can be tied to (by data mapping or by name)
unresolved_profile(ref, role_arns) if {
	aws_ref(ref)
	not contains(ref, ":role/")
	every role_arn in role_arns {
		not passes_role(ref, role_arn)
	}
}

_profile_name(ref) := parts[count(parts) - 1] if parts := split(ref, "/")

_profile_roles[lower(profile)] := lower(role) if some profile, role in _settings.instance_profile_roles

# The name without one of usage.profile_name_suffixes (the longest that fits), so castai-node-profile
# and castai-node-role meet at castai-node.
_stem(name) := trim_suffix(name, longest) if {
	fitting := [lower(suffix) |
		some suffix in _settings.profile_name_suffixes
		endswith(name, lower(suffix))
		count(name) > count(suffix)
	]
	count(fitting) > 0
	longest := _longest(fitting)
} else := name

_longest(suffixes) := suffix if {
	some suffix in suffixes
	every other in suffixes {
		count(other) <= count(suffix)
	}
}

# METADATA
# title: High-risk permissions the posture allows and the identity did not use within the lookback
# description: >-
#   The catalog permissions of usage.high_risk_classes for the posture's cloud, each judged on its own,
#   so a wildcard grant (ec2:*) is judged per high-risk permission it covers.
unused_high_risk(p) := {permission |
	some class in _settings.high_risk_classes
	some permission in object.get(data.scalewatch.catalog, [p.cloud, "permissions", class], [])
	posture.allows(p, permission)
	not lower(permission) in used_actions
}

# METADATA
# title: Permissions a posture's Allow grants name without a wildcard and the identity did not use
unused_named(p) := {permission |
	some grant in p.grants
	grant.effect == "Allow"
	some permission in grant.actions
	not contains(permission, "*")
	posture.allows(p, permission)
	not lower(permission) in used_actions
}

# METADATA
# title: AWS roles, instance profiles and profile names passed within the lookback (lowercased)
aws_passed contains ref if {
	some ref in seen_since("passed_role")
	aws_ref(ref)
}

# METADATA
# title: Passed instance profiles that no passable role of the posture can be tied to
unresolved_profiles(p) := {ref |
	arns := {role.identity | some role in object.get(p, "passable_roles", [])}
	some ref in aws_passed
	unresolved_profile(ref, arns)
}

# METADATA
# title: A passable role some launch passed within the lookback
role_passed(role_arn) if {
	some ref in aws_passed
	passes_role(ref, role_arn)
}
