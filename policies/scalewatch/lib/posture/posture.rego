# METADATA
# title: Grant analysis
# description: >-
#   What the watched identity may do, from its grants: Allow statements (with NotAction and Azure
#   notActions), minus unconditional Deny statements, within the permissions boundary where one is
#   set. Conditions do not narrow the answer here: a conditional grant still counts as reach, and its
#   source is reported so the reader can judge the condition.
# scope: package
# custom:
#   library: true
package scalewatch.lib.posture

import rego.v1

# METADATA
# title: Grants that allow a permission
allowing_grants(posture, permission) := [grant |
	some grant in posture.grants
	grant.effect == "Allow"
	_covers(grant, permission)
]

# METADATA
# title: Identity may exercise a permission
allows(posture, permission) if {
	count(allowing_grants(posture, permission)) > 0
	not _denied(posture.grants, permission)
	_within_boundary(posture, permission)
}

# METADATA
# title: Permissions of a catalog class the identity may exercise
reach(posture, class) := {permission |
	some permission in object.get(data.scalewatch.catalog, [posture.cloud, "permissions", class], [])
	allows(posture, permission)
}

# METADATA
# title: Sources of the grants behind a set of permissions
sources(posture, permissions) := {grant.source |
	some permission in permissions
	some grant in allowing_grants(posture, permission)
}

# METADATA
# title: Grant allows the permission on every resource
is_unscoped(grant) if "*" in grant.resources

# METADATA
# title: Grant carries a condition
is_conditional(grant) if count(grant.conditions) > 0

# METADATA
# title: Pattern list matches a permission (case-insensitive, wildcards as IAM reads them)
# description: >-
#   The only delimiter is a newline, which never occurs in a permission: with [] glob.match treats "."
#   as one and "*" would not match microsoft.compute/... as IAM and Azure RBAC wildcards do; with null
#   the Wasm build reads out of bounds (scalewatch's parity test caught it), so never pass null.
matches_any(patterns, permission) if {
	some pattern in patterns
	glob.match(lower(pattern), ["\n"], lower(permission))
}

_covers(grant, permission) if {
	matches_any(grant.actions, permission)
	not matches_any(object.get(grant, "not_actions", []), permission)
}

# AWS NotAction: everything except the listed actions.
_covers(grant, permission) if {
	count(grant.actions) == 0
	count(object.get(grant, "not_actions", [])) > 0
	not matches_any(grant.not_actions, permission)
}

# Only an unconditional Deny on every resource takes a permission away entirely; a Deny scoped to some
# resources leaves the permission usable elsewhere, so it must not hide reach.
_denied(grants, permission) if {
	some grant in grants
	grant.effect == "Deny"
	_covers(grant, permission)
	count(grant.conditions) == 0
	_on_every_resource(grant)
}

_on_every_resource(grant) if "*" in grant.resources

_on_every_resource(grant) if {
	count(object.get(grant, "resources", [])) == 0
	count(object.get(grant, "not_resources", [])) == 0
}

_within_boundary(posture, _) if not posture.boundary

# A boundary named but not resolved (its document was not in the posture files) is reported by the
# loader; treating it as a cap would hide every permission, so it caps nothing here.
_within_boundary(posture, _) if count(posture.boundary.grants) == 0

_within_boundary(posture, permission) if {
	not _denied(posture.boundary.grants, permission)
	some grant in posture.boundary.grants
	grant.effect == "Allow"
	_covers(grant, permission)
}
