# METADATA
# title: Secret reads
# description: >-
#   Which secrets an event of class secret.read actually disclosed to the caller. Not every such call
#   does: KMS Decrypt that a service (EBS, Secrets Manager, SSM) performs on the agent's behalf while
#   launching an encrypted node is the service's work, and an SSM GetParameter without WithDecryption
#   returns no secret value. Public parameters (Karpenter resolves AMIs from /aws/service/...) and the
#   deployment's own patterns are ignored through settings secret_read.ignored_name_patterns.
# scope: package
# custom:
#   library: true
package scalewatch.lib.secrets

import rego.v1

import data.scalewatch.lib.config
import data.scalewatch.lib.events
import data.scalewatch.lib.target

_settings := config.settings.secret_read

_single_keys := ["secretId", "name", "path", "keyId"]

_list_keys := ["secretIdList", "names"]

# METADATA
# title: Names of the secrets an event disclosed (empty when it disclosed none)
# description: >-
#   Without any name in the request or resources the action stands in, so a read the log describes
#   poorly still counts.
read_names(event) := set() if {
	not events.is_class(event, "secret.read")
} else := set() if {
	_is_service_call(event)
} else := set() if {
	_is_undecrypted_parameter_read(event)
} else := {name |
	some name in _names(event)
	not _is_ignored(name)
}

# METADATA
# title: Event disclosed at least one secret
is_read(event) if count(read_names(event)) > 0

# The secret names the request states; the resource or the action when it states none.
_names(event) := names if {
	names := {name |
		some key in _single_keys
		name := object.get(event, ["api", "request", key], "")
		is_string(name)
		name != ""
	} | {name |
		some key in _list_keys
		some name in object.get(event, ["api", "request", key], [])
		is_string(name)
	}
	count(names) > 0
} else := {target.name(event, [])}

# A service called KMS for the agent (CloudTrail sourceIPAddress is the service's endpoint or
# "AWS Internal", or the encryption context carries a service-reserved key such as aws:ebs:id).
_is_service_call(event) if {
	event.api.action in _settings.service_invocable_actions
	_has_service_marker(event)
}

_has_service_marker(event) if {
	some pattern in _settings.service_source_patterns
	glob.match(lower(pattern), ["\n"], lower(object.get(event, ["src_endpoint", "ip"], "")))
}

_has_service_marker(event) if event.actor.type == "AWSService"

_has_service_marker(event) if {
	some key, _ in object.get(event, ["api", "request", "encryptionContext"], {})
	some pattern in _settings.service_context_keys
	glob.match(pattern, ["\n"], key)
}

# SSM returns SecureString values in clear only when the request asks for decryption.
_is_undecrypted_parameter_read(event) if {
	event.api.action in _settings.decryption_flag_actions
	not object.get(event, ["api", "request", "withDecryption"], false) == true
}

_is_ignored(name) if {
	some pattern in _settings.ignored_name_patterns
	glob.match(pattern, ["\n"], name)
}
