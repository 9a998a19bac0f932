# METADATA
# title: Agent's grants are wider than the vendor's reference policy
# description: >-
#   Each agent scalewatch profiles publishes the permissions it needs (CAST AI's Terraform modules,
#   Karpenter's CloudFormation, Cluster Autoscaler's README); scalewatch ships them as data under
#   data.scalewatch.golden.<profile>.<cloud> with their source and version. A deployed grant that goes
#   beyond the reference is a widening someone made by hand, and it is what an attacker who controls the
#   agent inherits. Reports, per identity: actions the reference does not list (wildcards where it names
#   actions), resources outside the reference's scope for that action (Resource * where it is scoped),
#   condition keys the reference requires that the deployed statement drops, NotAction / NotResource
#   statements, and on the trust policy principals the reference does not admit, a missing
#   sts:ExternalId and OIDC trusts without the subject condition; GCP permissions and Azure actions
#   outside the reference and bindings / assignments wider than its scope. The reference is the
#   profile's (golden_drift.reference overrides it); without one nothing is compared.
# scope: package
# custom:
#   id: SW-L6-010
#   layer: L6
#   severity: MEDIUM
#   cvss_base: 6.3
#   kind: posture
#   clouds: [aws, gcp, azure]
#   attack: [T1098, T1078.004]
#   stratus: []
#   remediation: >-
#     Bring the agent's policies back to the vendor's reference (the finding names its source and
#     version): remove the added actions, restore the resource ARNs and conditions (cluster tags, VPC,
#     region, iam:PassedToService), require sts:ExternalId on the vendor trust; on GCP drop extra role
#     bindings and bind at the project only; on Azure keep the role's actions and assign it on the
#     cluster and node resource groups only. If the widening is needed, record why and override
#     golden_drift in the deployment's settings.
package scalewatch.maestro.l6.golden_policy_drift

import rego.v1

import data.scalewatch.lib.conditions
import data.scalewatch.lib.config
import data.scalewatch.lib.finding
import data.scalewatch.lib.principal

_settings := config.settings.golden_drift

# Reference policies per agent profile and cloud, shipped as data (policies/scalewatch/golden/<profile>).
_references := data.scalewatch.golden

_reference_id := _settings.reference if {
	_settings.reference != ""
} else := object.get(input, ["agent_profile", "id"], "")

findings contains finding.for_posture(rego.metadata.chain(), p, p.identity, detail, sources) if {
	some p in input.posture
	reference := _references[_reference_id][p.cloud]
	issues := _issues(p, reference)
	count(issues) > 0
	texts := sort({issue.text | some issue in issues})
	sources := {issue.source | some issue in issues}
	detail := concat("", [
		"wider than ", reference.title, " (", reference.version, "): ",
		_list(texts, _settings.max_items, "; "),
	])
}

_issues(p, reference) := _aws_issues(p, reference) if p.cloud == "aws"

_issues(p, reference) := _gcp_issues(p, reference) if p.cloud == "gcp"

_issues(p, reference) := _azure_issues(p, reference) if p.cloud == "azure"

# --- AWS ------------------------------------------------------------------------------------------------

# One issue per deployed statement and kind of widening, naming the actions it applies to.
_aws_issues(p, reference) := {issue |
	some grant in _judged(p, reference)
	problems := _aws_grant_issues(grant, reference)
	some what in {what | some [_, what] in problems}
	actions := sort({action | some [action, what2] in problems; what2 == what})
	issue := {"text": concat("", [concat(", ", actions), ": ", what]), "source": _source(grant)}
} | _trust_issues(p, reference)

# Deny statements only narrow; statements of accepted managed policies (read-only ones the reference
# attaches as they are) are not compared.
_judged(p, reference) := [grant |
	some grant in p.grants
	grant.effect == "Allow"
	not _accepted(grant, reference)
]

_accepted(grant, reference) if {
	some arn in object.get(reference, "accepted_managed_policies", [])
	startswith(_source(grant), concat("", [arn, "#"]))
}

# [action, what is wider] pairs of one deployed statement.
_aws_grant_issues(grant, reference) := {["every action but", _not_action_text(grant)]} if {
	count(object.get(grant, "actions", [])) == 0
	count(object.get(grant, "not_actions", [])) > 0
} else := {[action, "NotResource statement (every resource but the listed ones)"] |
	some action in grant.actions
} if {
	count(object.get(grant, "not_resources", [])) > 0
} else := {pair |
	some action in object.get(grant, "actions", [])
	some pair in _aws_action_issue(grant, action, reference)
}

_not_action_text(grant) := concat("", [concat(", ", grant.not_actions), " (NotAction statement)"])

_aws_action_issue(grant, action, reference) := {[action, _added(action)]} if {
	count(_covering(action, reference)) == 0
} else := {[action, what] |
	covering := _covering(action, reference)
	some resource in _grant_resources(grant)
	what := _aws_resource_issue(grant, resource, covering)
}

_added(action) := "wildcard action where the reference names actions" if contains(action, "*")

else := "not in the reference"

_covering(action, reference) := [statement |
	some statement in reference.statements
	some pattern in statement.actions
	conditions.like(lower(pattern), lower(action))
]

# A grant without resources is read as every resource.
_grant_resources(grant) := grant.resources if count(object.get(grant, "resources", [])) > 0

else := ["*"]

_aws_resource_issue(grant, resource, covering) := text if {
	fits := [s | some s in covering; _resource_in(s.resources, resource)]
	count(fits) == 0
	scopes := sort({r | some s in covering; some r in s.resources})
	text := concat("", ["on ", resource, " where the reference allows ", concat(", ", scopes)])
} else := text if {
	fits := [s | some s in covering; _resource_in(s.resources, resource)]
	every s in fits {
		count(_missing_keys(s, grant)) > 0
	}
	fewest := min({count(_missing_keys(s, grant)) | some s in fits})
	missing := [_missing_keys(s, grant) | some s in fits; count(_missing_keys(s, grant)) == fewest][0]
	text := concat("", ["drops condition ", concat(", ", sort(missing))])
}

_resource_in(patterns, resource) if {
	some pattern in patterns
	conditions.like(_pattern(pattern), resource)
}

# Condition keys the reference statement requires that the deployed grant does not require.
_missing_keys(statement, grant) := {key |
	some key in conditions.required_keys(statement)
	not _requires(grant, key)
}

_requires(grant, key) if {
	some deployed in conditions.required_keys(grant)
	conditions.like(_pattern(key), deployed)
}

# Reference placeholders (${ClusterName}, ${AccountId}, ...) stand for any value.
_pattern(text) := concat("*", [_cut(i, part) | some i, part in split(text, "${")])

_cut(0, part) := part

_cut(i, part) := substring(part, indexof(part, "}") + 1, -1) if i > 0

_trust_issues(p, reference) := {issue |
	some statement in object.get(p, "trust", [])
	statement.effect == "Allow"
	some member in statement.principals
	some text in _trust_issue(p, statement, member, reference.trust)
	issue := {"text": text, "source": _source(statement)}
}

_trust_issue(p, statement, member, trust) := ({text |
	not _admitted(member, trust)
	text := concat("", ["trust admits ", member, " (reference: ", concat(", ", trust.principals), ")"])
} | {text |
	trust.require_external_id
	startswith(member, "AWS:")
	principal.arn_account(trim_prefix(member, "AWS:")) != p.account
	not conditions.allowed_values(statement, "sts:ExternalId")
	text := concat("", ["trust admits ", member, " without sts:ExternalId"])
}) | {text |
	startswith(member, "Federated:")
	some key in trust.federated_required_keys
	not conditions.restricts_any(statement, [key])
	text := concat("", ["trust of ", member, " drops condition ", key])
}

_admitted(member, trust) if {
	some pattern in trust.principals
	conditions.like(lower(pattern), lower(member))
}

# --- GCP ------------------------------------------------------------------------------------------------

_gcp_issues(p, reference) := {issue |
	some grant in p.grants
	grant.effect == "Allow"
	some text in _gcp_grant_issues(grant, reference)
	issue := {"text": text, "source": _source(grant)}
}

_gcp_grant_issues(grant, reference) := _scope_issues(grant, reference) | {text |
	not object.get(grant, "role", "") in reference.roles
	added := {permission |
		some permission in grant.actions
		not _listed(reference.permissions, permission)
	}
	count(added) > 0
	text := concat("", [_role(grant), " adds ", _list(sort(added), 5, ", ")])
}

# --- Azure ----------------------------------------------------------------------------------------------

_azure_issues(p, reference) := {issue |
	some grant in p.grants
	grant.effect == "Allow"
	some text in _azure_grant_issues(grant, reference)
	issue := {"text": text, "source": _source(grant)}
}

_azure_grant_issues(grant, reference) := _scope_issues(grant, reference) | {text |
	added := {action |
		some action in grant.actions
		not _listed(reference.actions, action)
	}
	count(added) > 0
	text := concat("", [_role(grant), " adds ", _list(sort(added), 5, ", ")])
}

# --- shared ---------------------------------------------------------------------------------------------

# A deployed pattern is within the reference when a reference pattern covers it as written.
_listed(patterns, action) if {
	some pattern in patterns
	conditions.like(lower(pattern), lower(action))
}

_scope_issues(grant, reference) := {text |
	some resource in _grant_resources(grant)
	not _in_scope(reference.scopes, resource)
	text := concat("", [
		_role(grant), " on ", resource,
		" where the reference is scoped to ", concat(", ", reference.scopes),
	])
}

_in_scope(scopes, resource) if {
	some scope in scopes
	conditions.like(lower(scope), lower(trim_prefix(resource, "//cloudresourcemanager.googleapis.com/")))
}

_role(grant) := object.get(grant, "role", "") if object.get(grant, "role", "") != ""

else := _source(grant)

_source(statement) := object.get(statement, "source", "unknown source")

_list(items, cap, separator) := concat(separator, items) if count(items) <= cap

else := concat("", [
	concat(separator, array.slice(items, 0, cap)),
	" and ", format_int(count(items) - cap, 10), " more",
])
