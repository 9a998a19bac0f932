# METADATA
# title: Activity helpers
# description: >-
#   Small helpers shared by the infrastructure and observability rules: the class of an Azure operation
#   on a nested (extension) resource, what an event acts on, how a call ended, and glob patterns that
#   match across every character.
# scope: package
# custom:
#   library: true
package scalewatch.lib.activity

import rego.v1

import data.scalewatch.lib.events

# METADATA
# title: Classes of an event, including Azure operations on extension resources
# description: >-
#   Azure writes diagnostic settings and similar extension resources under their parent resource
#   (microsoft.network/networksecuritygroups/providers/microsoft.insights/diagnosticsettings/write);
#   the part after the last /providers/ is the operation the catalog knows.
classes(event) := events.classes(event) if {
	event.cloud.provider != "azure"
} else := array.concat(events.classes(event), nested) if {
	parts := split(event.api.action, "/providers/")
	count(parts) > 1
	nested := object.get(data.scalewatch.catalog, ["azure", "actions", parts[count(parts) - 1]], [])
} else := events.classes(event)

# METADATA
# title: Event has a class, including Azure extension-resource operations
is_class(event, class) if class in classes(event)

# METADATA
# title: Call was judged by the cloud (succeeded or failed, not an Azure Start/Accepted entry)
is_outcome(event) if event.status in {"success", "failure"}

# METADATA
# title: How the call ended, for a finding's detail
outcome(event) := "" if {
	event.status == "success"
} else := concat("", [" (attempt failed: ", object.get(event, ["api", "error", "code"], "unknown error"), ")"])

# METADATA
# title: Name of the call (operation, else the catalog action)
operation(event) := object.get(event, ["api", "operation"], event.api.action)

# METADATA
# title: What an event acts on
# description: >-
#   The first of the given paths under api (e.g. ["request", "name"]) holding a non-empty string, else
#   the first resource uid, else the event's location.
target(event, paths) := found[0] if {
	found := [value |
		some path in paths
		value := object.get(event, array.concat(["api"], path), "")
		is_string(value)
		value != ""
	]
	count(found) > 0
} else := uids[0] if {
	uids := [uid |
		some resource in object.get(event, "resources", [])
		uid := object.get(resource, "uid", "")
		is_string(uid)
		uid != ""
	]
	count(uids) > 0
} else := events.location(event)

# METADATA
# title: Value matches a glob pattern, case-insensitive, with * crossing dots, colons and slashes
# description: glob.match's default delimiter is "."; a newline never occurs in names, so * spans all.
matches(pattern, value) if glob.match(lower(pattern), ["\n"], lower(value))

# METADATA
# title: Value matches any of the glob patterns
matches_any(patterns, value) if {
	some pattern in patterns
	matches(pattern, value)
}

# METADATA
# title: Strings found anywhere under a value at keys with one of the given lowercase names
# description: A string at the key, or the strings of a list at the key.
strings_at(value, key_names) := {s |
	walk(value, [path, node])
	count(path) > 0
	_key_name(path[count(path) - 1]) in key_names
	some s in _as_strings(node)
}

# METADATA
# title: GCE metadata keys a call added, changed or removed, or whose items its request lists
gce_metadata_keys(event) := strings_at(event.api, _delta_key_names) | _item_keys(event)

_delta_key_names := {"addedmetadatakeys", "modifiedmetadatakeys", "deletedmetadatakeys"}

_item_keys(event) := {item.key |
	request := object.get(event, ["api", "request"], {})
	walk(request, [path, node])
	count(path) > 0
	path[count(path) - 1] == "items"
	is_array(node)
	some item in node
	is_string(item.key)
}

# METADATA
# title: Azure VM extension types an event names (properties.type of the request or response body)
azure_extension_types(event) := {value |
	walk(event.api, [path, value])
	count(path) > 1
	path[count(path) - 1] == "type"
	path[count(path) - 2] == "properties"
	is_string(value)
}

_key_name(key) := lower(key) if is_string(key)

_as_strings(node) := {node} if is_string(node)

_as_strings(node) := {s | some s in node; is_string(s)} if is_array(node)
