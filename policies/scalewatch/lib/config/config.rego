# METADATA
# title: Effective settings
# description: >-
#   Thresholds and allow-lists for this scan: the defaults in data.scalewatch.config.defaults, then the
#   agent profile's overrides (data.scalewatch.config.profiles[<id>]), then the deployment's own
#   (input.config). Objects merge key by key; a later list or number replaces an earlier one.
# scope: package
# custom:
#   library: true
package scalewatch.lib.config

import rego.v1

# METADATA
# title: Effective settings of this scan
settings := object.union_n([
	data.scalewatch.config.defaults,
	object.get(data.scalewatch.config.profiles, object.get(input, ["agent_profile", "id"], ""), {}),
	object.get(input, "config", {}),
])
