# METADATA
# title: Agent changed a node template and then launched from it
# description: >-
#   The node template (AWS launch template, GCP instance template, Azure scale-set model) decides what
#   every new node boots: its boot script, image and machine identity. A hijacked autoscaler does not
#   need to touch running nodes; it rewrites the template and lets its own launches spread the change.
#   Reports, per template, a change that wrote a sensitive field (launch_chain.fields: boot script, image,
#   instance profile / service account / scale-set identity, default version) followed by launches or
#   group writes that use the template, in this window or within launch_chain.launch_chain_days of a change
#   remembered from an earlier run (input.baseline.seen.template_change). A change that only touches other
#   fields (instance type, tags, network) is not reported, nor is a change nobody launches from. The
#   finding is HIGH when the change sets a boot script, names an image outside
#   launch_chain.allowed_image_sources or an identity outside allowed_node_identities, or names an
#   instance profile whose role the posture lists as passable and reaching more than a node
#   (passable_roles.risky_classes); otherwise (image or identity with no allow-list to judge it, a
#   default-version switch, an AWS change that logged no request) it is graded launch_chain.base_grade.
#   Agents whose job is writing node templates (profiles castai, karpenter) list the categories they write
#   every day in launch_chain.routine_categories: for them only an image or identity outside a set
#   allow-list, or a more-than-node role, is reported.
# scope: package
# custom:
#   id: SW-L4-014
#   layer: L4
#   severity: HIGH
#   cvss_base: 7.6
#   kind: window
#   clouds: [aws, gcp, azure]
#   attack: [T1525, T1037, T1098]
#   stratus: []
#   remediation: >-
#     Compare the template version with the one your node provisioning writes (boot script hash, image,
#     identity); if it is not yours, restore the previous version as the default, replace the nodes
#     launched from it and rotate the agent's credentials. Restrict who may write templates
#     (ec2:CreateLaunchTemplateVersion / ModifyLaunchTemplate scoped by ec2:ResourceTag, GCP
#     compute.instanceTemplates.create and actAs only on the node service account, Azure
#     virtualMachineScaleSets/write scoped to the node resource group), and list your node images and
#     identities in launch_chain.allowed_image_sources and allowed_node_identities.
package scalewatch.maestro.l4.launch_chain

import rego.v1

import data.scalewatch.lib.activity
import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.finding
import data.scalewatch.lib.posture
import data.scalewatch.lib.stats
import data.scalewatch.lib.template

_settings := config.settings.launch_chain

_routine contains category if some category in _settings.routine_categories

_script_keys contains lower(key) if some key in config.settings.launch_config_tampered.metadata_keys

_raising := {"boot_script", "image_not_allowed", "identity_not_allowed", "identity_privileged"}

# [event, change, reasons] for every judged change; a change whose fields are all vetted is left out.
_changes := [[event, change, reasons] |
	some event in object.get(events.of_class, "template.modify", set())
	events.is_accepted(event)
	some change in template.changes(event, _settings.fields, _script_keys)
	reasons := _reasons(event.cloud, change)
	count(reasons) > 0
]

# Every identity a sensitive change names, judged or not: the window pass compares them with the roles
# the posture says the agent can pass (only the window pass sees input.posture).
_named_identities := [[event, change, identity] |
	some event in object.get(events.of_class, "template.modify", set())
	events.is_accepted(event)
	some change in template.changes(event, _settings.fields, _script_keys)
	some identity in change.identities
]

_launch_events := object.get(events.of_class, "instance.launch", set()) | object.get(
	events.of_class, "template.use",
	set(),
)

_launches := [[event, use] |
	some event in _launch_events
	events.is_accepted(event)
	some use in template.uses(event)
]

# METADATA
# title: Sensitive template changes per template, version, what changed and why it counts
stats.l4_template_changes[key] := stats.summary(evs, set()) if {
	some key in {_change_key(entry, true) | some entry in _changes}
	evs := [entry[0] | some entry in _changes; _change_key(entry, true) == key]
}

# METADATA
# title: Template changes to remember across runs (identity history), keyed by template and change
stats.seen_template_change[key] := stats.summary(evs, set()) if {
	some key in {_change_key(entry, false) | some entry in _changes}
	evs := [entry[0] | some entry in _changes; _change_key(entry, false) == key]
}

# METADATA
# title: Identities that template changes named, per template and version
stats.l4_template_identities[key] := stats.summary(evs, set()) if {
	some key in {_identity_key(entry) | some entry in _named_identities}
	evs := [entry[0] | some entry in _named_identities; _identity_key(entry) == key]
}

# METADATA
# title: Launches and group writes per template and version
stats.l4_template_launches[key] := stats.summary(evs, set()) if {
	some key in {_launch_key(entry) | some entry in _launches}
	evs := [entry[0] | some entry in _launches; _launch_key(entry) == key]
}

findings contains _graded(f, used) if {
	some tpl in {_prefix(key) | some key, _ in object.get(input, ["stats", "l4_template_launches"], {})}
	used := _used(tpl)
	count(used.launch_keys) > 0
	f := finding.for_window(rego.metadata.chain(), _cloud(tpl), split(tpl, "|")[3], _detail(tpl, used), used.summary, {
		"launches": used.launches,
		"changes": count({id | some c in used.changes; not c.remembered; some id in c.summary.event_ids}),
		"remembered_changes": count([c | some c in used.changes; c.remembered]),
	})
}

_graded(f, used) := f if {
	some change in used.changes
	some reason in change.why
	reason in _raising
} else := finding.graded(f, _settings.base_grade)

# The changes of a template that launches used, the launches, and their merged evidence.
_used(tpl) := {
	"changes": changes,
	"launch_keys": keys,
	"launches": sum([input.stats.l4_template_launches[key].count | some key in keys]),
	"summary": stats.merge(array.concat(
		[c.summary | some c in changes; not c.remembered],
		[input.stats.l4_template_launches[key] | some key in keys],
	)),
} if {
	pairs := {[c, key] | some c in _known_changes(tpl); some key in _launches_after(tpl, c)}
	changes := {pair[0] | some pair in pairs}
	keys := {pair[1] | some pair in pairs}
}

_known_changes(tpl) := (_privileged_changes(tpl) | {_parsed(key, summary, false) |
	some key, summary in object.get(input, ["stats", "l4_template_changes"], {})
	_prefix(key) == tpl
}) | {_parsed(key, entry, true) |
	some key, entry in object.get(input, ["baseline", "seen", "template_change"], {})
	_prefix(key) == tpl
	_is_recent(entry)
}

# A change naming an instance profile whose role (matched by name) the posture lists as passable and
# reaching a risky class (passable_roles.risky_classes) counts even when the profile treats identities
# as routine: the node now runs as more than a node.
_privileged_changes(tpl) := {change |
	some key, summary in object.get(input, ["stats", "l4_template_identities"], {})
	_prefix(key) == tpl
	parts := split(key, "|")
	_last_segment(parts[5]) in _privileged_role_names
	change := {
		"version": parts[4], "what": {"identity"}, "why": {"identity_privileged"},
		"summary": summary, "remembered": false,
	}
}

_privileged_role_names contains _last_segment(role.identity) if {
	some p in object.get(input, "posture", [])
	some passable in object.get(p, "passable_roles", [])
	role := object.union({"cloud": p.cloud, "grants": []}, passable)
	some class in config.settings.passable_roles.risky_classes
	count(posture.reach(role, class)) > 0
}

_last_segment(value) := lower(parts[count(parts) - 1]) if parts := split(value, "/")

# Window changes carry their version (7 key parts); remembered ones do not (6 parts).
_parsed(key, summary, remembered) := {
	"version": _key_version(parts),
	"what": _tokens(parts[count(parts) - 2]),
	"why": _tokens(parts[count(parts) - 1]),
	"summary": summary,
	"remembered": remembered,
} if {
	parts := split(key, "|")
	count(parts) >= 6
}

_key_version(parts) := parts[4] if count(parts) == 7

_key_version(parts) := "" if count(parts) != 7

_tokens(text) := {token | some token in split(text, "+"); token != ""}

_launches_after(tpl, change) := {key |
	some key, summary in input.stats.l4_template_launches
	_prefix(key) == tpl
	_same_version(split(key, "|")[4], change.version)
	_not_before(summary, change)
}

_same_version("", _)

_same_version(_, "")

_same_version(launch, change) if launch == change

_not_before(_, change) if change.remembered

_not_before(launch, change) if {
	not change.remembered
	launch.last_ms >= object.get(change.summary, "first_ms", 0)
}

# Undated launches cannot be ordered: they count (a missing time must not hide a launch).
_not_before(launch, change) if {
	not change.remembered
	not launch.last_ms
}

# A remembered change without times counts as recent: the history folds only runs it keeps.
_is_recent(entry) if {
	end := input.scan.window_end_ms
	object.get(entry, "last_ms", end) >= end - (_settings.launch_chain_days * 86400000)
}

_is_recent(entry) if {
	not input.scan.window_end_ms
	is_object(entry)
}

_prefix(key) := concat("|", array.slice(split(key, "|"), 0, 4))

_cloud(tpl) := {"provider": parts[0], "account": parts[1], "region": parts[2]} if parts := split(tpl, "|")

_change_key([event, change, reasons], with_version) := concat("|", array.concat(
	array.concat(
		[event.cloud.provider, event.cloud.account, change.region, change.ref],
		_version_part(change, with_version),
	),
	[concat("+", sort(change.what)), concat("+", sort(reasons))],
))

_version_part(change, true) := [change.version]

_version_part(_, false) := []

_identity_key([event, change, identity]) := concat("|", [
	event.cloud.provider, event.cloud.account, change.region,
	change.ref, change.version, identity,
])

_launch_key([event, use]) := concat("|", [event.cloud.provider, event.cloud.account, use.region, use.ref, use.version])

# Why a change counts: each category it wrote that the profile does not treat as routine, judged
# against the allow-lists when they are set.
_reasons(cloud, change) := union({
	_script_reasons(change), _image_reasons(cloud, change),
	_identity_reasons(change), _other_reasons(change),
})

_other_reasons(change) := {category |
	some category in {"default_version", "unrecorded"}
	category in change.what
	not category in _routine
}

_script_reasons(change) := {"boot_script"} if {
	"boot_script" in change.what
	not "boot_script" in _routine
} else := set()

_image_reasons(cloud, change) := {"image_not_allowed"} if {
	allowed := object.get(_settings.allowed_image_sources, cloud.provider, [])
	count(allowed) > 0
	some image in change.images
	not _image_allowed(cloud, allowed, image)
} else := {"image_unjudged"} if {
	"image" in change.what
	count(object.get(_settings.allowed_image_sources, cloud.provider, [])) == 0
	not "image" in _routine
} else := set()

_image_allowed(_, allowed, image) if activity.matches_any(allowed, image)

_image_allowed(cloud, _, image) if {
	_settings.allow_own_account_images == true
	startswith(lower(image), lower(_own_prefix(cloud)))
}

_own_prefix(cloud) := concat("", ["projects/", cloud.account, "/"]) if cloud.provider == "gcp"

_own_prefix(cloud) := concat("", ["/subscriptions/", cloud.account, "/"]) if cloud.provider == "azure"

_identity_reasons(change) := {"identity_not_allowed"} if {
	allowed := config.settings.allowed_node_identities
	count(allowed) > 0
	some identity in change.identities
	not _identity_allowed(allowed, identity)
} else := {"identity_unjudged"} if {
	"identity" in change.what
	count(config.settings.allowed_node_identities) == 0
	not "identity" in _routine
} else := set()

# An entry matches the whole identity or its last path segment (a profile or identity name).
_identity_allowed(allowed, identity) if activity.matches_any(allowed, identity)

_identity_allowed(allowed, identity) if {
	parts := split(identity, "/")
	activity.matches_any(allowed, parts[count(parts) - 1])
}

_kind("aws") := "launch template"

_kind("gcp") := "instance template"

_kind("azure") := "scale-set model"

_words := {
	"what": {
		"boot_script": "boot script", "image": "image", "identity": "instance identity",
		"default_version": "default version", "unrecorded": "fields not logged",
	},
	"why": {
		"boot_script": "sets a boot script",
		"image_not_allowed": "names an image outside launch_chain.allowed_image_sources",
		"identity_not_allowed": "names an identity outside allowed_node_identities",
		"identity_privileged": "names an instance profile whose role can do more than a node (passable_roles)",
		"image_unjudged": "names an image no allow-list judges",
		"identity_unjudged": "names an identity no allow-list judges",
		"default_version": "switches the default version",
		"unrecorded": "logged no request",
	},
}

_detail(tpl, used) := concat("", [
	_kind(parts[0]), " ", parts[3],
	" changed (", _list(_words.what, {w | some c in used.changes; some w in c.what}),
	") by this identity and then used by ", format_int(used.launches, 10), " launch(es); the change ",
	_list(_words.why, {w | some c in used.changes; some w in c.why}), _remembered(used),
]) if {
	parts := split(tpl, "|")
}

_list(words, tokens) := concat(", ", [object.get(words, token, token) | some token in sort(tokens)])

_remembered(used) := " (change remembered from an earlier run)" if {
	some c in used.changes
	c.remembered
} else := ""
